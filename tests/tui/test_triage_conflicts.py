"""Triaging a proposal when someone else got there first or the database is busy: a
stale triage opens the conflict dialog (the scores typed against the triage now on
record, who triaged and when); re-applying records the typed triage over theirs,
reloading puts theirs in the form; a save while another process holds the write lock
says "Database busy", keeps the form, and lands once the lock is released."""

from __future__ import annotations

from datetime import date

from store.front_door.services import triage_proposal
from store.handle import Store
from tests.support.busy import busy_stopped_and_busy_again, write_lock_held
from tests.support.reads import rows
from tests.support.tui import press, screen_text, settle, until

REFERENCE = "FD-2021-0019"


APP_TODAY = date(2021, 6, 14)


# A front door secretary at another desk, on the same database file.
OTHER = "a.kowalski"


def _triages(store: Store) -> list[tuple]:
    return rows(
        store,
        "SELECT t.desirable, t.deliverable, t.affordable, t.complexity, t.triaged_by "
        "FROM proposal_triage AS t JOIN proposal AS p ON p.id = t.proposal_id "
        "WHERE p.reference = ? ORDER BY t.id",
        (REFERENCE,),
    )


def _triage_as(store: Store) -> None:
    with store.writing() as session:
        triage_proposal(
            {
                "reference": REFERENCE,
                "desirable": 2,
                "deliverable": 2,
                "affordable": 2,
                "complexity": "low",
            },
            session=session,
        )


async def _open_and_score(pilot, app):
    await settle(pilot)
    await press(pilot, "f", "slash", *"redaction", "enter", "enter")
    form = app.screen
    assert type(form).__name__ == "TriageScreen" and form.reference == REFERENCE
    await press(pilot, "4", "tab", "4", "tab", "3", "tab", "m")
    return form


async def test_a_stale_triage_opens_the_conflict_dialog_and_re_applies(app, demo_store, other):
    assert _triages(demo_store) == []
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_score(pilot, app)
        _triage_as(other)
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ConflictDialog"
        assert app.screen.rows == [
            ("Status", "received", "in triage"),
            ("Desirable", "4", "2"),
            ("Deliverable", "4", "2"),
            ("Affordable", "3", "2"),
            ("Complexity", "Medium", "Low"),
        ]
        assert "changed by a.kowalski at 2011-06-13" in screen_text(app)
        await press(pilot, "a")
        assert app.screen is form and form.detail.status == "in_triage"
        assert "Not saved" not in screen_text(app)
    assert _triages(demo_store) == [
        (2, 2, 2, "low", "a.kowalski"),
        (4, 4, 3, "medium", "tester"),
    ]


async def test_reload_puts_their_triage_in_the_form(app, demo_store, other):
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_score(pilot, app)
        _triage_as(other)
        await press(pilot, "ctrl+s")
        await press(pilot, "r")
        assert app.screen is form
        assert form.form()["desirable"] == "2" and form.form()["complexity"] == "low"
        assert "Their triage is in the form." in screen_text(app)
    assert _triages(demo_store) == [(2, 2, 2, "low", "a.kowalski")]


async def test_a_busy_triage_says_so_retries_and_lands(app, demo_store, demo_path):
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _open_and_score(pilot, app)
        with write_lock_held(demo_path):
            await busy_stopped_and_busy_again(pilot, form, lambda: form.form()["desirable"] == "4")
            assert _triages(demo_store) == []
        await until(pilot, lambda: len(_triages(demo_store)) == 1)
        await settle(pilot)
        assert form.detail.status == "in_triage" and "Database busy" not in screen_text(app)
    assert _triages(demo_store) == [(4, 4, 3, "medium", "tester")]
