"""The front door secretary's journey, as a person does it: open the queue from the list,
find a proposal, try an empty triage, score it, accept it, and find the new initiative in
the portfolio list, checking the screen and the database at each step."""

from __future__ import annotations

from datetime import date

from store.audit import verify_chain
from store.front_door.read_models import ProposalRow
from store.portfolio.services import set_current_period
from tests.support.tui import press, screen_text, settle

APP_TODAY = date(2021, 6, 14)


def _proposal(connection, reference):
    return connection.execute(
        "SELECT id, status, initiative_id, version FROM proposal WHERE reference = ?",
        (reference,),
    ).fetchone()


async def _open_the_queue_and_the_triage_form(pilot):
    """From the portfolio list, `f` opens the front door queue, grouped by status; filter
    as you type, back to the list, and open the triage form."""
    app = pilot.app
    await press(pilot, "f")
    queue = app.screen
    assert type(queue).__name__ == "FrontDoorScreen"
    text = screen_text(app)
    assert "▾ Received" in text and "▾ In triage" in text and "▾ Decided" in text
    assert "Received 4" in text and "In triage 6" in text and "Decided 11" in text
    await press(pilot, "slash", *"redaction", "enter")
    assert queue.table.has_focus
    assert queue.table.current_row.reference == "FD-2021-0019"
    await press(pilot, "enter")
    triage = app.screen
    assert type(triage).__name__ == "TriageScreen"
    text = screen_text(app)
    assert "Automated redaction of case files" in text and "RECEIVED" in text
    assert "(12 days before 2021-06-14)" in text  # received 2 June, as at today 14 June
    return queue, triage


async def _an_empty_save_is_refused(pilot, demo_store):
    """An empty save is refused next to the fields, and nothing is written; returns the
    proposal's row as it was."""
    with demo_store.reading() as connection:
        before = _proposal(connection, "FD-2021-0019")
    await press(pilot, "ctrl+s")
    assert "Score desirable from 1 to 5." in screen_text(pilot.app)
    assert "Choose the complexity" in screen_text(pilot.app)
    with demo_store.reading() as connection:
        assert _proposal(connection, "FD-2021-0019") == before
        assert connection.execute(
            "SELECT COUNT(*) FROM proposal_triage WHERE proposal_id = ?", (before[0],)
        ).fetchone() == (0,)
    return before


async def _score_and_save_the_triage(pilot, demo_store, proposal_id):
    """Score it, set the complexity and its kind, say it spans business groups, and save:
    the proposal moves into triage."""
    app = pilot.app
    assert app.focused.id == "desirable"
    await press(pilot, "4", "tab", "4", "tab", "3", "tab", "m", "tab", "space")
    await press(pilot, "tab", "tab", "tab", "space")
    text = screen_text(app)
    assert "Score 11 / 15" in text
    assert "Mandated" in text and "rule 4: anything else" in text
    assert "▶ 4. anything else → mandated" in text
    await press(pilot, "ctrl+s")
    assert "IN TRIAGE" in screen_text(app)
    with demo_store.reading() as connection:
        status = _proposal(connection, "FD-2021-0019")[1]
        triage_row = connection.execute(
            "SELECT desirable, deliverable, affordable, complexity, complexity_kinds, "
            "cross_group, hypothesis, suggested_tier, suggested_rule, triaged_by "
            "FROM proposal_triage WHERE proposal_id = ?",
            (proposal_id,),
        ).fetchone()
    assert status == "in_triage"
    assert triage_row == (4, 4, 3, "medium", "structural", 1, 0, "mandated", 4, "tester")


async def _accept_with_a_rationale(pilot, triage):
    """Decide: accept. A blank rationale is refused first; back on the triage form, the
    proposal is decided and linked to its initiative."""
    app = pilot.app
    await press(pilot, "ctrl+d")
    decision = app.screen
    assert type(decision).__name__ == "ProposalDecisionScreen"
    await press(pilot, "a")
    assert "AUTOMATED (made from the title)" in screen_text(app)
    await press(pilot, "ctrl+s")
    assert app.screen is decision
    assert "A rationale is required" in screen_text(app)
    assert app.focused.id == "rationale"
    await press(pilot, *"Clear savings and the supplier is ready.")
    await press(pilot, "ctrl+s")
    assert app.screen is triage
    text = screen_text(app)
    assert "DECIDED" in text and "→ AUTOMATED" in text
    assert triage.detail.decision.rationale == "Clear savings and the supplier is ready."


async def _find_it_in_the_queue_and_the_list(pilot, queue, list_screen):
    """The queue shows it decided with its initiative, and the portfolio list finds the
    new initiative."""
    app = pilot.app
    await press(pilot, "escape")
    assert app.screen is queue
    row = queue.table.current_row
    assert (row.reference, row.status, row.initiative) == ("FD-2021-0019", "decided", "AUTOMATED")
    await press(pilot, "escape")
    assert app.screen is list_screen
    await press(pilot, "slash", *"automated", "enter")
    found = list_screen.table.current_row
    assert list_screen.table.total == 1
    assert (found.code, found.tier, found.complexity, found.business_group) == (
        "AUTOMATED",
        "mandated",
        "medium",
        "DP",
    )
    # At 120 columns, beside the delivery confidence column, the name is cut to fit.
    assert found.name == "Automated redaction of case files"
    assert "AUTOMATED   Automated redaction of cas…" in screen_text(app)


def _assert_the_acceptance_was_written(demo_store):
    """The proposal, its new initiative, the decision and the audit trail, as saved."""
    with demo_store.reading() as connection:
        proposal_id, status, initiative_id, _ = _proposal(connection, "FD-2021-0019")
        initiative = connection.execute(
            "SELECT id, code, tier, complexity, complexity_kinds, sro, data_digital, lifecycle "
            "FROM initiative WHERE code = 'AUTOMATED'"
        ).fetchone()
        decision_row = connection.execute(
            "SELECT outcome, rationale, tier, initiative_id, decided_on, decided_by "
            "FROM proposal_decision WHERE proposal_id = ?",
            (proposal_id,),
        ).fetchone()
        events = connection.execute(
            "SELECT entity, actor FROM audit_event ORDER BY id DESC LIMIT 3"
        ).fetchall()
        assert verify_chain(connection).ok
    assert status == "decided" and initiative_id == initiative[0]
    assert initiative[1:] == (
        "AUTOMATED",
        "mandated",
        "medium",
        "structural",
        "Det Supt Harriet Okoye",
        1,
        "initiation",
    )
    assert decision_row == (
        "accepted",
        "Clear savings and the supplier is ready.",
        "mandated",
        initiative[0],
        "2021-06-14",
        "tester",
    )
    assert events == [
        ("proposal_decision", "tester"),
        ("initiative", "tester"),
        ("proposal_triage", "tester"),
    ]


async def test_triage_accept_then_find_the_initiative_in_the_portfolio_list(app, demo_store):
    with demo_store.writing() as session:  # report on 2021-Q2: ages count to today
        set_current_period("2021-Q2", session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        list_screen = app.screen
        queue, triage = await _open_the_queue_and_the_triage_form(pilot)
        before = await _an_empty_save_is_refused(pilot, demo_store)
        await _score_and_save_the_triage(pilot, demo_store, before[0])
        await _accept_with_a_rationale(pilot, triage)
        await _find_it_in_the_queue_and_the_list(pilot, queue, list_screen)
    _assert_the_acceptance_was_written(demo_store)


async def test_queue_sorts_by_score_and_hides_decided(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        queue = app.screen
        await press(pilot, "s")
        assert "Sort score, highest first" in screen_text(app)
        table = queue.table
        in_triage = [table.row_at(i) for i in range(table.total)]
        scores = [
            row.score
            for row in in_triage
            if isinstance(row, ProposalRow) and row.status == "in_triage"
        ]
        assert scores == sorted(scores, reverse=True) and scores
        await press(pilot, "h")
        assert "decided hidden" in screen_text(app) and "Decided 11" in screen_text(app)
        assert "▾ Decided" not in screen_text(app)
        assert table.total == 4 + 6 + 2  # proposals plus two headings


async def test_logging_a_new_proposal_from_the_queue(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f", "n")
        assert type(app.screen).__name__ == "ProposalFormScreen"
        await press(pilot, "ctrl+s")
        assert "Give a title." in screen_text(app)
        await press(pilot, *"Custody tablets")
        app.screen.query_one("#business_group").value = "MO"
        await press(pilot, "tab", "tab", *"Insp Ruth Akin", "tab", *"Paper forms are slow.")
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "FrontDoorScreen"
        assert app.screen.table.current_row.reference == "FD-2021-0022"
    with demo_store.reading() as connection:
        row = connection.execute(
            "SELECT title, sponsor, status, entered_by, received_on FROM proposal "
            "WHERE reference = 'FD-2021-0022'"
        ).fetchone()
    assert row == ("Custody tablets", "Insp Ruth Akin", "received", "tester", "2021-06-14")


async def test_an_unsaved_triage_is_kept_as_a_draft(app, demo_store):
    with demo_store.reading() as connection:
        triages = connection.execute("SELECT COUNT(*) FROM proposal_triage").fetchone()[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f", "slash", *"cycle", "enter", "enter")
        await press(pilot, "5", "tab", "2")
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "FrontDoorScreen"
        await press(pilot, "enter")
        assert "unsaved triage from last time is restored" in screen_text(app)
        form = app.screen.form()
        assert (form["desirable"], form["deliverable"]) == ("5", "2")
    with demo_store.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM proposal_triage").fetchone()[0] == triages


async def test_baseline_drills_into_a_cell_and_filters_by_business_group(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "b")
        screen = app.screen
        assert type(screen).__name__ == "BaselineScreen"
        text = screen_text(app)
        assert "Mandated change is the most common tier (63)" in text
        assert "Mandated × medium: 49 live initiatives" in text
        await press(pilot, "up", "left")  # transformational × high
        assert "Transform × high: 16 live initiatives" in screen_text(app)
        await press(pilot, "enter")
        assert screen.cell_list.has_focus
        assert screen.cell_list.current_row.tier == "transformational"
        await press(pilot, "escape")
        assert screen.table.has_focus
        screen.query_one("#group").value = "DP"
        await settle(pilot)
        assert screen.matrix.business_group == "DP"
        assert screen.matrix.total < 40
        assert "in DP" in screen_text(app)


async def test_recording_progress_on_a_recommendation(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "R")
        assert "73% complete overall" in screen_text(app)
        await press(pilot, "j", "j", "j", "e")
        assert type(app.screen).__name__ == "ProgressEditorScreen"
        await press(pilot, "tab", "end", "backspace", "backspace", *"100", "ctrl+s")
        assert "Complete means 100%." not in screen_text(app)
        assert "In progress means 1% to 99%." in screen_text(app)
        await press(pilot, "shift+tab", "c", "ctrl+s")
        assert type(app.screen).__name__ == "RecommendationsScreen"
        assert "16 complete" in screen_text(app)
    with demo_store.reading() as connection:
        row = connection.execute(
            "SELECT status, percent_complete, version, updated_by FROM recommendation "
            "WHERE number = 4"
        ).fetchone()
    assert row == ("complete", 100, 2, "tester")


async def test_help_and_palette_reach_the_new_screens(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f", "question_mark")
        text = screen_text(app)
        assert "Front door" in text and "Age" in text and "Sort by score" in text
        await press(pilot, "escape", "ctrl+p", *"analyst")
        assert "Triage FD-2021-0012 Shared analyst pool with partners" in screen_text(app)
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "TriageScreen"
        assert app.screen.reference == "FD-2021-0012"
        await press(pilot, "ctrl+p", *"baseline")
        assert "Go to Change baseline" in screen_text(app)
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "BaselineScreen"


async def test_a_decided_proposal_cannot_be_edited_and_says_why(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f", "slash", *"FD-2021-0001", "enter", "e")
        assert type(app.screen).__name__ == "ProposalFormScreen"
        assert "Accepted on 2021-04-28: its details are kept" in screen_text(app)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ProposalFormScreen"
    with demo_store.reading() as connection:
        assert connection.execute(
            "SELECT version FROM proposal WHERE reference = 'FD-2021-0001'"
        ).fetchone() == (3,)
