"""Recording a RAG while another process holds the database's write lock: the editor
says "Database busy", keeps the colour and rationale, stops retrying on escape, tries
again on ctrl+s, and the save lands once the lock is released."""

from __future__ import annotations

import pytest

from tests.support import pg
from tests.support.busy import (
    busy_stopped_and_busy_again,
    busy_then_lands,
    server_transaction_held,
    write_lock_held,
)
from tests.support.reads import rows
from tests.support.tui import press, screen_text, settle, until

RATIONALE = "Savings slipped: two process reviews paused."


def _rows(store) -> list[tuple]:
    return rows(
        store,
        "SELECT a.period, a.rag, a.rationale FROM rag_assessment a "
        "JOIN initiative i ON i.id = a.initiative_id "
        "JOIN rag_criterion c ON c.id = a.criterion_id "
        "WHERE i.code = 'LEAN' AND c.name = 'Overall status' ORDER BY a.id",
    )


async def _open_editor(pilot, app):
    await settle(pilot)
    await press(pilot, "slash", *"lean")
    await press(pilot, "enter")
    await press(pilot, "enter")
    await press(pilot, "e")
    editor = app.screen
    assert type(editor).__name__ == "RagEditorScreen"
    await press(pilot, "r", "tab", *RATIONALE)
    return editor


async def test_a_busy_rag_save_says_so_retries_and_lands(app, demo_store, demo_url):
    before = _rows(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot, app)
        async with busy_then_lands(
            pilot,
            demo_url,
            editor,
            lambda: editor.rag.value == "R" and editor.rationale == RATIONALE,
        ):
            assert _rows(demo_store) == before
            # Typing meanwhile keeps the message up, and the retry saves what is typed.
            await press(pilot, "end", *" More.")
            assert editor.rationale == RATIONALE + " More."
            assert "Database busy" in screen_text(app)
        assert "R Red" in screen_text(app)
    assert _rows(demo_store) == [*before, ("2011-Q1", "R", RATIONALE + " More.")]


async def test_escape_twice_while_busy_leaves_and_keeps_the_draft(app, demo_store, demo_url):
    before = _rows(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot, app)
        with write_lock_held(demo_url):
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            await press(pilot, "escape")
            await press(pilot, "escape")
            assert app.screen is not editor
        # No retry fires after leaving; the rationale waits as a draft.
        await pilot.pause(1.5)
        await settle(pilot)
        assert app.drafts[("LEAN", "Overall status")] == RATIONALE
    assert _rows(demo_store) == before


@pytest.mark.skipif(
    pg.server_url() is None,
    reason="a row lock on a server; a SQLite file is locked whole (the tests above)",
)
async def test_a_row_held_by_another_client_is_busy_too(app, demo_store, demo_url):
    """Another client holding LEAN's row (a DBA's or a report's transaction) makes the
    save wait for it: "Database busy", and the retry lands once the row is let go."""
    before = _rows(demo_store)
    held = "SELECT 1 FROM initiative WHERE code = 'LEAN' FOR UPDATE"
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot, app)
        with server_transaction_held(demo_url, held):
            await busy_stopped_and_busy_again(
                pilot, editor, lambda: editor.rag.value == "R" and editor.rationale == RATIONALE
            )
            assert _rows(demo_store) == before
        await until(pilot, lambda: app.screen is not editor)
    assert _rows(demo_store) == [*before, ("2011-Q1", "R", RATIONALE)]
