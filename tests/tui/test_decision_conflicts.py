"""Deciding a proposal when someone else got there first or the database is busy: a
decision made after someone re-triaged the proposal opens the conflict dialog (what the
decider saw against how it is now, who changed it and when); re-applying records the
decision against the proposal as it is now, reloading takes their tier and keeps the
typed rationale, and a proposal someone else decided meanwhile turns the decision into a
correction of theirs. A save while another process holds the write lock says "Database
busy", keeps what was typed, and lands once the lock is released."""

from __future__ import annotations

from datetime import date

from store.front_door.queries import proposal_detail
from store.front_door.services import decide_proposal, triage_proposal
from store.handle import Store
from tests.support.busy import busy_then_lands
from tests.support.reads import rows
from tests.support.tui import press, screen_text, settle

REFERENCE = "FD-2021-0016"
RATIONALE = "No funding this year."


APP_TODAY = date(2021, 6, 14)


def _other(demo_path, actor: str) -> Store:
    """Another secretary at another desk, on the same database file."""
    return Store(f"sqlite:///{demo_path}", actor)


def _version(store: Store) -> int:
    with store.reading() as connection:
        return proposal_detail(connection, REFERENCE).version


def _decisions(store: Store) -> list[tuple]:
    return rows(
        store,
        "SELECT d.id, d.outcome, d.rationale, d.tier, d.supersedes_id, d.decided_by "
        "FROM proposal_decision AS d JOIN proposal AS p ON p.id = d.proposal_id "
        "WHERE p.reference = ? ORDER BY d.id",
        (REFERENCE,),
    )


def _re_triage(demo_path) -> None:
    """a.kowalski re-scores the proposal: 5/5/5, high complexity."""
    with _other(demo_path, "a.kowalski") as other, other.writing() as session:
        triage_proposal(
            {
                "reference": REFERENCE,
                "desirable": 5,
                "deliverable": 5,
                "affordable": 5,
                "complexity": "high",
                "complexity_kinds": "structural",
                "cross_group": True,
            },
            session=session,
        )


async def _open_and_decide(pilot, app, outcome: str = "r", rationale: str = RATIONALE):
    """Open the proposal from the queue, open its decision form, choose and explain."""
    await settle(pilot)
    await press(pilot, "f", "slash", *REFERENCE, "enter")
    await press(pilot, "enter")
    await press(pilot, "ctrl+d")
    form = app.screen
    assert type(form).__name__ == "ProposalDecisionScreen" and form.correcting is None
    await press(pilot, outcome, "tab")
    form.query_one("#rationale").focus()
    await press(pilot, *rationale)
    return form


async def test_a_decision_after_a_re_triage_opens_the_dialog_and_re_applies(
    app, demo_store, demo_path
):
    version = _version(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_decide(pilot, app)
        _re_triage(demo_path)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        text = screen_text(app)
        assert "Not saved: this proposal was changed by a.kowalski at" in text
        rows = {label: (seen, now) for label, seen, now in app.screen.rows}
        assert rows["Triage score"] == ("12/15 (3/4/5)", "15/15 (5/5/5)")
        assert rows["Complexity"] == ("low", "high")
        assert rows["Triaged by"][1].startswith("a.kowalski at ")
        assert "Status" not in rows and "Decision in force" not in rows
        assert "Triage score" in text and "15/15 (5/5/5)" in text
        assert _decisions(demo_store) == []
        await press(pilot, "a")
        assert app.screen is not form and type(app.screen).__name__ == "TriageScreen"
    (decision,) = _decisions(demo_store)
    assert decision[1:] == ("rejected", RATIONALE, None, None, "tester")
    assert _version(demo_store) == version + 2  # their triage, then this decision


async def test_reload_takes_their_tier_and_keeps_the_rationale(app, demo_store, demo_path):
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_decide(pilot, app, outcome="a", rationale="Worth doing now.")
        assert form.query_one("#tier").value == "incremental"
        _re_triage(demo_path)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        rows = {label: (seen, now) for label, seen, now in app.screen.rows}
        assert rows["Suggested tier"] == ("Incremental (rule 3)", "Transform (rule 1)")
        await press(pilot, "r")
        assert app.screen is form
        assert form.query_one("#tier").value == "transformational"
        assert form.query_one("#rationale").text == "Worth doing now."
        text = screen_text(app)
        assert "changed FD-2021-0016 after you opened it" in text
        assert "Triage: score 15/15, high complexity. Suggested Transform" in text
        assert _decisions(demo_store) == []
        await press(pilot, "ctrl+s")
        assert app.screen is not form
    (decision,) = _decisions(demo_store)
    assert decision[1:4] == ("accepted", "Worth doing now.", "transformational")


async def test_decided_meanwhile_the_decision_becomes_a_correction_of_theirs(
    app, demo_store, demo_path
):
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_decide(pilot, app)
        with _other(demo_path, "d.fernandes") as other, other.writing() as session:
            theirs = decide_proposal(
                {
                    "reference": REFERENCE,
                    "outcome": "deferred",
                    "until": "2021-09-01",
                    "rationale": "Wait for the new contract.",
                },
                session=session,
            )
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        assert "changed by d.fernandes at" in screen_text(app)
        rows = {label: (seen, now) for label, seen, now in app.screen.rows}
        assert rows["Status"] == ("in triage", "decided")
        assert rows["Decision in force"] == (
            "none",
            f"deferred until 2021-09-01 on 2021-06-14 (decision {theirs.id})",
        )
        # escape: back to the form, which now corrects their decision; nothing is lost.
        await press(pilot, "escape")
        assert app.screen is form and form.correcting.id == theirs.id
        text = screen_text(app)
        assert f"Correct the decision on {REFERENCE}" in text
        assert f"it now corrects decision {theirs.id}" in text
        assert form.query_one("#rationale").text == RATIONALE
        assert len(_decisions(demo_store)) == 1
        await press(pilot, "ctrl+s")
        assert app.screen is not form
    first, correction = _decisions(demo_store)
    assert first[0] == theirs.id
    assert correction[1:] == ("rejected", RATIONALE, None, theirs.id, "tester")


async def test_a_busy_decision_says_so_retries_and_lands(app, demo_store, demo_path):
    version = _version(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_decide(pilot, app)
        async with busy_then_lands(
            pilot, demo_path, form, lambda: form.query_one("#rationale").text == RATIONALE
        ):
            assert _decisions(demo_store) == []
    (decision,) = _decisions(demo_store)
    assert decision[1:3] == ("rejected", RATIONALE)
    assert _version(demo_store) == version + 1
