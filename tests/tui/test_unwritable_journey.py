"""The RAG editor on a full disk or a read-only database: the save fails on screen with
the store's message, the editor stays open with the typed rationale, nothing is written,
and once the disk has room the same ctrl+s saves it."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from store.check import check_database
from tests.support.storage_faults import PASTED, counts, disk_full, read_only
from tests.support.tui import press, screen_text, settle
from tui.app import PortfolioApp

TYPED = "Custody works slipped a quarter. "


async def _open_editor(pilot, app):
    await settle(pilot)
    await press(pilot, "slash", *"lean", "enter")
    await press(pilot, "enter")
    await press(pilot, "e")
    editor = app.screen
    assert type(editor).__name__ == "RagEditorScreen"
    return editor


@pytest.mark.parametrize(
    ("fault", "words"),
    [(disk_full, "is full; nothing was saved"), (read_only, "is read-only")],
    ids=["disk-full", "read-only"],
)
async def test_a_failed_save_shows_why_and_keeps_the_rationale(
    demo_store, demo_path, monkeypatch, fault, words
):
    with demo_store.reading() as connection:
        before = counts(connection)
    fault(monkeypatch)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot, app)
        await pilot.press("r", "tab", *TYPED)
        app.focused.insert(PASTED)  # the rest pasted from a board paper
        await settle(pilot)
        await press(pilot, "ctrl+s")

        assert app.screen is editor
        assert "Not saved. cannot save:" in screen_text(app)
        shown = str(editor.query_one("#form-error", Static).render())
        assert shown.startswith("Not saved. cannot save:") and words in " ".join(shown.split())
        assert editor.rationale.strip() == (TYPED + PASTED).strip()
        with demo_store.reading() as connection:
            assert counts(connection) == before

        # Room again (or write access back): the same ctrl+s saves what was typed.
        monkeypatch.undo()
        demo_store.close()
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
    with demo_store.reading() as connection:
        saved = connection.execute(
            "SELECT rag, rationale FROM rag_assessment ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert saved == ("R", (TYPED + PASTED).strip())
    assert check_database(demo_path).ok
