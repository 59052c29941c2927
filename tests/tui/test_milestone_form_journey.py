"""Editing and adding milestones from the programme detail screen's Milestones tab:
a forecast moved before today is flagged overdue in the tab and on the portfolio list;
bad dates and the done-needs-an-actual-date rule are shown at their fields and nothing
is written. Today is pinned to 2011-06-13."""

from __future__ import annotations

from store.audit import verify_chain
from store.portfolio.services import set_current_period
from tests.support.counts import audit_count
from tests.support.tui import below, press, screen_text, settle
from tui.app import PortfolioApp


def _milestones(connection, code):
    return connection.execute(
        "SELECT m.name, m.baseline, m.forecast, m.actual, m.status, m.version "
        "FROM milestone AS m JOIN initiative AS i ON i.id = m.initiative_id "
        "WHERE i.code = ? ORDER BY m.id",
        (code,),
    ).fetchall()


async def _train_milestones(pilot) -> None:
    """Find TRAIN in the list (no milestone overdue yet) and open its Milestones tab."""
    list_screen = pilot.app.screen
    await press(pilot, "slash", *"training mod", "enter")
    row = list_screen.table.current_row
    assert row.code == "TRAIN" and row.overdue_milestones == 0
    await press(pilot, "enter")
    await press(pilot, "5")
    text = screen_text(pilot.app)
    assert "Milestones (" not in text and "! overdue" not in text
    assert "n New milestone" in text and "Edit milestone" in text


async def test_a_forecast_moved_before_today_is_overdue_in_the_tab_and_the_list(app, demo_store):
    # Overdue is as at the reporting date: report on 2011-Q2, the period that holds the
    # pinned today (2011-06-13), so "before today" is before the as-at date too.
    with demo_store.writing() as session:
        set_current_period("2011-Q2", session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        list_screen = app.screen
        await _train_milestones(pilot)

        # j moves to Phase 2; enter opens it in the form.
        await press(pilot, "j", "enter")
        form = app.screen
        assert type(form).__name__ == "MilestoneForm"
        assert form.values()["name"] == "Phase 2 complete before the Olympic period"
        assert "Done needs an actual date" in below(screen_text(app), "Status")

        # Forecast it for the start of June: before today, so overdue, shown as typed.
        await press(pilot, "tab", "tab", *"2011-06-01")
        text = screen_text(app)
        assert "Slip -408 days: forecast 2011-06-01 against baseline 2012-07-13" in text
        assert "! overdue: due 2011-06-01, as at 2011-06-13" in text
        await press(pilot, "ctrl+s")

        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        text = screen_text(app)
        assert "Milestones (1!)" in text
        phase_2 = next(line for line in text.splitlines() if "Phase 2 complete" in line)
        assert "2011-06-01" in phase_2 and "! overdue" in phase_2 and "-408d" in phase_2

        # The list flags it too, without a restart.
        await press(pilot, "escape")
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
        before = _milestones(connection, "TRAIN")
    events = audit_count(demo_store)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _train_milestones(pilot)
        await press(pilot, "n")
        assert type(app.screen).__name__ == "MilestoneForm"

        # A name the initiative already uses, and a date that does not exist.
        await press(pilot, *"phase 3: final savings realised", "tab", *"2011-09-31")
        text = screen_text(app)
        assert "TRAIN already has a milestone called that" in below(text, "Name")
        assert "'2011-09-31' is not a date; write it like 2011-06-30" in below(text, "Baseline")

        # Done, but with no actual date: the rule is shown at the actual date.
        await pilot.press("ctrl+u", *"2011-09-30", "shift+tab", "ctrl+u", *"Phase 2a")
        await press(pilot, "tab", "tab", "tab", "tab", "enter", "down", "down", "enter")
        assert app.screen.values()["status"] == "done"
        assert "A done milestone needs its actual date" in below(screen_text(app), "Actual")
        await press(pilot, "ctrl+s")
        assert "Not saved: 1 field needs attention" in screen_text(app)
        assert app.focused.id == "actual"

        # An actual date in the future is refused too.
        await press(pilot, *"2011-07-01")
        assert "is in the future" in below(screen_text(app), "Actual")

        # Put right, it saves.
        await press(pilot, "ctrl+u", *"2011-06-10", "ctrl+s")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        assert "Phase 2a" in screen_text(app)

    with demo_store.reading() as connection:
        after = _milestones(connection, "TRAIN")
        assert after[:-1] == before
        assert after[-1] == ("Phase 2a", "2011-09-30", None, "2011-06-10", "done", 1)
    assert audit_count(demo_store) == events + 1
