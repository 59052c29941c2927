"""A second RAG for the same criterion and period: the editor shows the one already
recorded (who, when, why) and says saving replaces it; once saved, the RAG history on
the detail screen says which replaced which."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable

from tests.support.tui import press, screen_text, settle
from tests.tui.test_rag_journey import _filter_open_lean_and_its_editor


async def test_the_editor_shows_this_periods_rag_and_history_marks_the_correction(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _filter_open_lean_and_its_editor(pilot)
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "Already recorded for 2011-Q1: G Green by" in text
        assert "Saving replaces it" in text
        await press(pilot, "a", "tab", *"Two reviews paused.", "ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        await press(pilot, "s")  # the Status tab: criteria and RAG history
        await settle(pilot)
        table = app.screen.query_one("#history", DataTable)
        rationales = [str(table.get_row_at(row)[3]) for row in range(table.row_count)]
        assert rationales[0].startswith("(replaces the RAG by ")
        assert any(cell.startswith("(replaced by tester, ") for cell in rationales[1:])


async def test_a_detail_read_landing_while_the_status_tab_mounts_does_not_crash(app):
    """A reload of the detail (live refresh, or back from the editor) that lands while
    the Status tab's widgets are still mounting used to fill its tables before they had
    columns, and the app stopped on an error. The tab is filled once it is ready."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_initiative("COIP")
        await settle(pilot)
        screen = app.screen
        assert not screen.is_built("status")
        building = asyncio.ensure_future(screen.build_tab("status"))
        await asyncio.sleep(0)  # the tab's widgets are mounting
        screen.show(screen.detail, screen.period, screen.depth, screen.origin)
        await building
        await settle(pilot)
        table = screen.query_one("#criteria", DataTable)
        assert table.row_count == len(screen.detail.criteria) > 0
        assert str(table.get_row_at(0)[0]) == screen.detail.criteria[0].criterion
