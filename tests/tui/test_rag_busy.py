"""Recording a RAG while another process holds the database's write lock: the editor
says "Database busy", keeps the colour and rationale, stops retrying on escape, tries
again on ctrl+s, and the save lands once the lock is released."""

from __future__ import annotations

from tests.support.busy import busy_then_lands, write_lock_held
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


async def test_a_busy_rag_save_says_so_retries_and_lands(app, demo_store, demo_path):
    before = _rows(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot, app)
        async with busy_then_lands(
            pilot,
            demo_path,
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


async def test_escape_twice_while_busy_leaves_and_keeps_the_draft(app, demo_store, demo_path):
    before = _rows(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot, app)
        with write_lock_held(demo_path):
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
