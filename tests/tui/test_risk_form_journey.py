"""Adding and editing risks as an operator does, from the programme detail screen's
Risks tab: check as you type, save, see it in the tab, the heat map and the database;
bad values are refused next to their fields and nothing is written; a stale edit says
someone else changed it and keeps what was typed."""

from __future__ import annotations

from store.audit import verify_chain
from store.programme.risks.services import update_risk
from tests.support.counts import audit_count
from tests.support.tui import below, press, screen_text, settle
from tui.app import PortfolioApp


def _risks(connection, code):
    return connection.execute(
        "SELECT r.description, r.cause, r.effect, r.likelihood, r.impact, r.proximity, "
        "r.owner, r.mitigation, r.status, r.roam, r.raised_by, r.version FROM risk AS r "
        "JOIN initiative AS i ON i.id = r.initiative_id WHERE i.code = ? ORDER BY r.id",
        (code,),
    ).fetchall()


async def _open_tpd_risks_from_the_heat_map(pilot):
    """The heat map starts on its worst cell (4 × 5), which holds one TPD risk; open TPD
    from it, on its Risks tab, where the footer offers the new keys. Returns the map."""
    app = pilot.app
    await press(pilot, "h")
    heat = app.screen
    assert heat.heat.count(4, 5) == 1 and "13 open risks" in screen_text(app)
    await press(pilot, "enter", "enter")
    assert type(app.screen).__name__ == "ProgrammeDetailScreen" and app.screen.code == "TPD"
    await press(pilot, "3")
    text = screen_text(app)
    assert "n New risk" in text and "Edit risk" in text
    return heat


async def _type_and_save_a_new_risk(pilot):
    """`n`, every field typed in turn (the score worked out as it is typed), then save."""
    app = pilot.app
    await press(pilot, "n")
    assert type(app.screen).__name__ == "RiskForm" and app.focused.id == "description"
    await pilot.press(*"Borough staff leave before redeployment", "tab")
    await pilot.press(*"Uncertainty about new roles", "tab")
    await pilot.press(*"Gaps in front-line cover", "tab")
    await press(pilot, "4", "tab", "5", "tab")
    assert "Score  20 high   = likelihood 4 (likely) × impact 5 (severe)" in screen_text(app)
    await pilot.press(*"2011-10-31", "tab", *"Ch Supt Asha Patel", "tab")
    await pilot.press(*"Weekly vacancy review with boroughs", "tab")
    # Status stays open; choose the ROAM response Owned from its list.
    await press(pilot, "tab", "enter", "down", "down", "enter")
    assert app.focused.id == "roam"
    await press(pilot, "ctrl+s")


async def _lean_risks(pilot, key: str) -> None:
    """From the list, open LEAN on its Risks tab and press `key` there."""
    await press(pilot, "slash", *"lean", "enter", "enter")
    await press(pilot, "3", key)


async def test_add_a_risk_from_the_heat_map_and_see_it_everywhere(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        heat = await _open_tpd_risks_from_the_heat_map(pilot)
        await _type_and_save_a_new_risk(pilot)

        # Back on the Risks tab, the new risk is there and highlighted.
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        text = screen_text(app)
        assert "Borough staff leave before redeployment" in text
        assert "Risks (4)" in text and "Cause: Uncertainty about new roles" in text
        assert app.focused.id == "risks-table"

        # The heat map underneath counts it without a restart.
        await press(pilot, "escape")
        assert app.screen is heat
        assert heat.heat.count(4, 5) == 2 and "14 open risks" in screen_text(app)
        assert "Borough staff leave before redeployment" in screen_text(app)

    with demo_store.reading() as connection:
        assert _risks(connection, "TPD")[-1] == (
            "Borough staff leave before redeployment",
            "Uncertainty about new roles",
            "Gaps in front-line cover",
            4,
            5,
            "2011-10-31",
            "Ch Supt Asha Patel",
            "Weekly vacancy review with boroughs",
            "open",
            "owned",
            "tester",
            1,
        )
        assert verify_chain(connection).ok


async def _the_draft_comes_back_and_help_goes_back_to_it(pilot):
    """escape keeps what was typed and the next `n` on LEAN brings it back; ctrl+r puts
    the saved values back (an empty form); f1 shows the form's help, escape returns."""
    app = pilot.app
    # escape keeps what was typed; the next `n` on LEAN brings it back.
    await press(pilot, "escape")
    assert type(app.screen).__name__ == "ProgrammeDetailScreen"
    await press(pilot, "n")
    assert app.screen.values()["likelihood"] == "2"
    assert "Your unsaved changes from last time are restored" in screen_text(app)
    # ctrl+r puts the saved values back: for a new risk, an empty form.
    await press(pilot, "ctrl+r")
    form = app.screen
    assert form.values()["description"] == ""

    # f1 shows the form's help, with its keys; escape returns to the form.
    await press(pilot, "f1")
    text = screen_text(app)
    assert "Risk form" in text and "Revert to saved" in text
    await press(pilot, "escape")
    assert app.screen is form


async def test_bad_values_show_next_to_their_fields_and_nothing_is_written(demo_store):
    with demo_store.reading() as connection:
        before = _risks(connection, "LEAN")
    events = audit_count(demo_store)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _lean_risks(pilot, "n")
        await pilot.press(*"Savings slip", "tab", "tab", "tab", "6", "tab", "3", "tab")
        await press(pilot, *"2011-02-30")
        # Checked as typed, each message under its own field.
        text = screen_text(app)
        assert "6 is not from 1 to 5" in below(text, "Likelihood")
        assert "'2011-02-30' is not a date; write it like 2011-06-30" in below(text, "Proximity")
        assert "Score: give likelihood and impact from 1 to 5" in text

        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "RiskForm"
        assert "Not saved: 2 fields need attention" in screen_text(app)
        assert app.focused.id == "likelihood"
        form = app.screen
        assert form.values()["description"] == "Savings slip"
        assert form.values()["proximity"] == "2011-02-30"

        # Put it right and the messages go as you type.
        await press(pilot, "backspace", "2")
        text = screen_text(app)
        assert "is not from 1 to 5" not in text and "Score  6 medium" in text
        assert "Not saved: 1 field needs attention" in text

        await _the_draft_comes_back_and_help_goes_back_to_it(pilot)

    with demo_store.reading() as connection:
        assert _risks(connection, "LEAN") == before
    assert audit_count(demo_store) == events


async def test_a_stale_edit_says_someone_else_changed_it_and_keeps_what_was_typed(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _lean_risks(pilot, "enter")
        form = app.screen
        assert type(form).__name__ == "RiskForm" and form.record.id == 12
        assert "Edit risk 12 · LEAN" in screen_text(app)

        # Someone else rescores the risk while the form is open.
        with demo_store.writing() as session:
            update_risk({"id": 12, "likelihood": 4}, session=session)

        # This operator changes the owner and saves: refused, with what they changed.
        await pilot.press("tab", "tab", "tab", "tab", "tab", "tab", "ctrl+u", *"Jo Bell")
        await press(pilot, "ctrl+s")
        # The conflict dialog says who saved first; escape goes back to the form.
        assert type(app.screen).__name__ == "ConflictDialog"
        await press(pilot, "escape")
        assert app.screen is form
        assert "changed this risk since you opened it" in screen_text(app)
        notice = str(form.query_one("#form-error").render())
        assert "since you opened it: Likelihood: 3 → 4." in notice
        assert "Their changes are now in the form and yours are kept." in notice
        # What this operator typed stays; what they did not touch takes the other change.
        assert form.values()["owner"] == "Jo Bell" and form.values()["likelihood"] == "4"
        with demo_store.reading() as connection:
            row = connection.execute("SELECT owner, likelihood, version FROM risk WHERE id = 12")
            assert row.fetchone() == ("Stuart Kettle", 4, 2)

        # A second ctrl+s saves the two changes together.
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        assert "Jo Bell" in screen_text(app)

    with demo_store.reading() as connection:
        row = connection.execute("SELECT owner, likelihood, version FROM risk WHERE id = 12")
        assert row.fetchone() == ("Jo Bell", 4, 3)


async def test_a_draft_of_an_edit_comes_back_saying_what_changed_since(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _lean_risks(pilot, "enter")
        # Type a new owner, then leave: it is kept as a draft, nothing is written.
        await press(pilot, *["tab"] * 6, "ctrl+u", *"Jo Bell", "escape")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"

        with demo_store.writing() as session:
            update_risk({"id": 12, "impact": 4}, session=session)

        # Opening it again brings the draft back and says what changed meanwhile.
        await press(pilot, "enter")
        form = app.screen
        text = screen_text(app)
        assert "Your unsaved changes from last time are restored" in text
        notice = str(form.query_one("#form-error").render())
        assert "someone else has changed this risk since: Impact: 3 → 4." in notice
        assert form.values()["owner"] == "Jo Bell" and form.values()["impact"] == "4"

        # ctrl+r drops the draft and shows the risk as saved now.
        await press(pilot, "ctrl+r")
        assert form.values()["owner"] == "Stuart Kettle"
        assert app.focused.id == "description"
        await press(pilot, "escape")
        assert not app.drafts

    with demo_store.reading() as connection:
        row = connection.execute("SELECT owner, impact, version FROM risk WHERE id = 12")
        assert row.fetchone() == ("Stuart Kettle", 4, 2)
