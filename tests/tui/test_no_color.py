"""Every screen opens with NO_COLOR=1 at 80x24 (the design's monochrome terminal): the
portfolio list's table header once rendered unstyled segments, which Textual's
monochrome filter could not take, so the app crashed on its first screen."""

from __future__ import annotations

from screens.common.navigation import DESTINATIONS
from tests.support.tui import burst, open_form, screen_text, settle
from tui.app import PortfolioApp


async def test_every_screen_opens_with_no_color(demo_store, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Code" in screen_text(app)
        for destination in DESTINATIONS[1:]:
            app.go_to(destination)
            await settle(pilot)
            assert app.screen.sub_title or screen_text(app).strip(), destination.name
            app.go_to(DESTINATIONS[0])
            await settle(pilot)
        assert type(app.screen).__name__ == "PortfolioListScreen"


async def test_a_rag_is_recorded_monochrome_at_80x24_and_reads_by_its_word(demo_store, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, code="SCDR", keys=("e",))
        burst(app, "r", "tab", "Two briefs are late.")
        await settle(pilot)
        text = screen_text(app)
        assert "▶ R Red ◀" in text and "Two briefs are late." in text
        assert "Save  ctrl+s" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "ProgrammeDetailScreen"
        assert "R Red" in screen_text(app)


def _line(app, first: str) -> str:
    return next(line for line in screen_text(app).splitlines() if line.lstrip().startswith(first))


async def test_delivery_confidence_reads_by_its_letters_monochrome_at_80x24(
    demo_store, monkeypatch
):
    """Issue 18: the list's Conf column beside the RAG and the detail title give the
    delivery confidence in letters and words, so it reads without colour; at 80 columns
    the column stays (complexity goes first)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "lean", "enter")
        await settle(pilot)
        assert " RAG T Conf  Last RAG " in _line(app, "Code ")
        assert "G  ▲  A/G  2011-Q1" in _line(app, "LEAN ")
        burst(app, "escape", "!")  # every initiative, then only open Responses to Red
        await settle(pilot)
        # Green today, Red for delivery: the two read apart
        assert "G  ▲   R   2011-Q1" in _line(app, "DRM-S2P ")
        burst(app, "enter")
        await settle(pilot)
        assert "RAG  G Green    confidence  R Red" in screen_text(app).splitlines()[1]
