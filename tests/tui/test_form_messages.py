"""A form's messages show whatever screens were opened before it: screen stylesheets
apply app-wide once loaded, and the record forms' `.error { display: none; }` once hid
every other form's field errors for the rest of the session."""

from __future__ import annotations

from tests.support.tui import screen_text, settle
from tui.app import PortfolioApp


async def test_the_rag_editor_shows_its_errors_after_a_risk_form_was_open(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lean")
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("3", "n")  # a new risk: its stylesheet is loaded now
        await settle(pilot)
        assert type(app.screen).__name__ == "RiskForm"
        await pilot.press("escape", "1", "e")
        await settle(pilot)
        assert type(app.screen).__name__ == "RagEditorScreen"
        await pilot.press("r", "ctrl+s")
        await settle(pilot)
        assert "Rationale is required" in screen_text(app)
