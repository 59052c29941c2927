"""Editing and adding milestones from the programme detail screen's Milestones tab:
a forecast moved before today is flagged overdue in the tab and on the portfolio list;
bad dates and the done-needs-an-actual-date rule are shown at their fields and nothing
is written. Today is pinned to 2011-06-13."""

from __future__ import annotations

from store.audit import verify_chain
from tests.support.tui import screen_text, settle
from tests.tui.test_risk_form_journey import below
from tui.app import PortfolioApp


def _milestones(connection, code):
    return connection.execute(
        "SELECT m.name, m.baseline, m.forecast, m.actual, m.status, m.version "
        "FROM milestone AS m JOIN initiative AS i ON i.id = m.initiative_id "
        "WHERE i.code = ? ORDER BY m.id",
        (code,),
    ).fetchall()


def _events(connection) -> int:
    return connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]


async def test_a_forecast_moved_before_today_is_overdue_in_the_tab_and_the_list(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        list_screen = app.screen
        await pilot.press("slash", *"training mod", "enter")
        await settle(pilot)
        row = list_screen.table.current_row
        assert row.code == "TRAIN" and row.overdue_milestones == 0

        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)
        assert "Milestones (" not in text and "! overdue" not in text
        assert "n New milestone" in text and "Edit milestone" in text

        # j moves to Phase 2; enter opens it in the form.
        await pilot.press("j", "enter")
        await settle(pilot)
        form = app.screen
        assert type(form).__name__ == "MilestoneForm"
        assert form.values()["name"] == "Phase 2 complete before the Olympic period"
        assert "Done needs an actual date" in below(screen_text(app), "Status")

        # Forecast it for the start of June: before today, so overdue, shown as typed.
        await pilot.press("tab", "tab", *"2011-06-01")
        await settle(pilot)
        text = screen_text(app)
        assert "Slip -408 days: forecast 2011-06-01 against baseline 2012-07-13" in text
        assert "! overdue: due 2011-06-01, today is 2011-06-13" in text
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        text = screen_text(app)
        assert "Milestones (1!)" in text
        phase_2 = next(line for line in text.splitlines() if "Phase 2 complete" in line)
        assert "2011-06-01" in phase_2 and "! overdue" in phase_2 and "-408d" in phase_2

        # The list flags it too, without a restart.
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is list_screen
        row = list_screen.table.current_row
        assert row.code == "TRAIN" and row.overdue_milestones == 1
        train = next(line for line in screen_text(app).splitlines() if " TRAIN " in line)
        assert "!1" in train

    with demo_store.reading() as connection:
        assert _milestones(connection, "TRAIN")[1] == (
            "Phase 2 complete before the Olympic period",
            "2012-07-13",
            "2011-06-01",
            None,
            "planned",
            2,
        )
        assert verify_chain(connection).ok


async def test_bad_dates_and_done_without_an_actual_date_are_refused(demo_store):
    with demo_store.reading() as connection:
        before, events = _milestones(connection, "TRAIN"), _events(connection)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"training mod", "enter", "enter")
        await settle(pilot)
        await pilot.press("5", "n")
        await settle(pilot)
        assert type(app.screen).__name__ == "MilestoneForm"

        # A name the initiative already uses, and a date that does not exist.
        await pilot.press(*"phase 3: final savings realised", "tab", *"2011-09-31")
        await settle(pilot)
        text = screen_text(app)
        assert "TRAIN already has a milestone called that" in below(text, "Name")
        assert "'2011-09-31' is not a date; write it like 2011-06-30" in below(text, "Baseline")

        # Done, but with no actual date: the rule is shown at the actual date.
        await pilot.press("ctrl+u", *"2011-09-30", "shift+tab", "ctrl+u", *"Phase 2a")
        await pilot.press("tab", "tab", "tab", "tab", "enter", "down", "down", "enter")
        await settle(pilot)
        assert app.screen.values()["status"] == "done"
        assert "A done milestone needs its actual date" in below(screen_text(app), "Actual")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not saved: 1 field needs attention" in screen_text(app)
        assert app.focused.id == "actual"

        # An actual date in the future is refused too.
        await pilot.press(*"2011-07-01")
        await settle(pilot)
        assert "is in the future" in below(screen_text(app), "Actual")

        # Put right, it saves.
        await pilot.press("ctrl+u", *"2011-06-10", "ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        assert "Phase 2a" in screen_text(app)

    with demo_store.reading() as connection:
        after = _milestones(connection, "TRAIN")
        assert after[:-1] == before
        assert after[-1] == ("Phase 2a", "2011-09-30", None, "2011-06-10", "done", 1)
        assert _events(connection) == events + 1
