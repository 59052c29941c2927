"""The board pack screen as a person uses it: open it from the list, step to another
period, save the pack as Markdown and as HTML, and find the files."""

from __future__ import annotations

from tests.support.tui import press, screen_text, settle
from tui.app import PortfolioApp


async def test_preview_step_period_and_save_md_and_html(demo_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot, 8)
        assert type(app.screen).__name__ == "BoardPackScreen"
        text = screen_text(app)
        assert "Change portfolio: quarterly board pack, 2011-Q1" in text
        assert "1. RAG by business group" in text and "100%" in text

        # Step back a period: the pack is read again for 2010-Q4.
        await pilot.press("left_square_bracket")
        await settle(pilot, 8)
        assert "quarterly board pack, 2010-Q4" in screen_text(app)

        # Type a period.
        await pilot.press("c", *"2011-Q1", "enter")
        await settle(pilot, 8)
        assert "quarterly board pack, 2011-Q1" in screen_text(app)

        # Save as Markdown where it suggests (the current folder).
        await press(pilot, "s")
        assert "Save to" in screen_text(app)
        await press(pilot, "enter")
        saved = tmp_path / "board-pack-2011-Q1.md"
        assert saved.exists() and "## 7. Savings and headcount" in saved.read_text("utf-8")
        assert "Saved md to" in screen_text(app)

        # ctrl+t switches the suggested name to .html.
        await press(pilot, "s", "ctrl+t", "enter")
        html = tmp_path / "board-pack-2011-Q1.html"
        assert html.exists() and 'class="rag rag-G">G &middot; Green' in html.read_text("utf-8")
        assert "Saved html to" in screen_text(app)

        # A period that is not one is named in the status line, nothing else changes.
        await pilot.press("c", *"2011-Q9", "enter")
        await settle(pilot, 8)
        assert "is not a period" in screen_text(app)
        assert app.screen.period == "2011-Q1"

        await press(pilot, "escape")
        assert type(app.screen).__name__ == "PortfolioListScreen"
