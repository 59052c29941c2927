"""Recording a RAG while another process holds the database's write lock: the editor
says "Database busy", keeps the colour and rationale, stops retrying on escape, tries
again on ctrl+s, and the save lands once the lock is released."""

from __future__ import annotations

from tests.support.tui import screen_text, settle, until, write_lock_held
from tui.app import PortfolioApp

RATIONALE = "Savings slipped: two process reviews paused."


def _rows(store) -> list[tuple]:
    with store.reading() as connection:
        return connection.execute(
            "SELECT a.period, a.rag, a.rationale FROM rag_assessment a "
            "JOIN initiative i ON i.id = a.initiative_id "
            "JOIN rag_criterion c ON c.id = a.criterion_id "
            "WHERE i.code = 'LEAN' AND c.name = 'Overall status' ORDER BY a.id"
        ).fetchall()


async def _open_editor(pilot, app):
    await settle(pilot)
    await pilot.press("slash", *"lean")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    editor = app.screen
    assert type(editor).__name__ == "RagEditorScreen"
    await pilot.press("r", "tab", *RATIONALE)
    await settle(pilot)
    return editor


async def test_a_busy_rag_save_says_so_retries_and_lands(demo_store, demo_path):
    app = PortfolioApp(demo_store, warm_up=False)
    before = _rows(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot, app)
        with write_lock_held(demo_path):
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            assert app.screen is editor
            assert editor.rag.value == "R" and editor.rationale == RATIONALE
            # escape stops the retrying and keeps everything; ctrl+s tries again.
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is editor and "stopped retrying" in screen_text(app)
            assert editor.rationale == RATIONALE
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            assert _rows(demo_store) == before
            # Typing meanwhile keeps the message up, and the retry saves what is typed.
            await pilot.press("end", *" More.")
            await settle(pilot)
            assert editor.rationale == RATIONALE + " More."
            assert "Database busy" in screen_text(app)
        # The automatic retry lands the save once the lock is gone.
        await until(pilot, lambda: app.screen is not editor)
        assert "R Red" in screen_text(app)
    assert _rows(demo_store) == [*before, ("2011-Q1", "R", RATIONALE + " More.")]


async def test_escape_twice_while_busy_leaves_and_keeps_the_draft(demo_store, demo_path):
    app = PortfolioApp(demo_store, warm_up=False)
    before = _rows(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot, app)
        with write_lock_held(demo_path):
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is not editor
        # No retry fires after leaving; the rationale waits as a draft.
        await pilot.pause(1.5)
        await settle(pilot)
        assert app.drafts[("LEAN", "Overall status")] == RATIONALE
    assert _rows(demo_store) == before
