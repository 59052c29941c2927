"""A form's messages show whatever screens were opened before it: screen stylesheets
apply app-wide once loaded, and the record forms' `.error { display: none; }` once hid
every other form's field errors for the rest of the session."""

from __future__ import annotations

from tests.support.busy import write_lock_held
from tests.support.tui import screen_text, settle, until
from tui.app import PortfolioApp


async def _open_lean(pilot) -> None:
    """Find the LEAN initiative from the portfolio list and open its detail."""
    await settle(pilot)
    await pilot.press("slash", *"lean")
    await settle(pilot)
    await pilot.press("enter", "enter")
    await settle(pilot)


async def test_the_rag_editor_shows_its_errors_after_a_risk_form_was_open(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_lean(pilot)
        await pilot.press("3", "n")  # a new risk: its stylesheet is loaded now
        await settle(pilot)
        assert type(app.screen).__name__ == "RiskForm"
        await pilot.press("escape", "1", "e")
        await settle(pilot)
        assert type(app.screen).__name__ == "RagEditorScreen"
        await pilot.press("r", "ctrl+s")
        await settle(pilot)
        assert "Rationale is required" in screen_text(app)


async def test_database_busy_stays_on_screen_while_the_automatic_retry_runs(demo_store, demo_path):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_lean(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        await pilot.press("r", "tab", *"Savings slipped.")
        await settle(pilot)
        with write_lock_held(demo_path):
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "Database busy" in screen_text(app))
            # Wait (without waiting for workers) for the next automatic attempt to start.
            for _ in range(40):
                await pilot.pause(0.05)
                if editor.saving:
                    break
            assert editor.saving
            await pilot.pause()
            # It used to blank the message for as long as each attempt took.
            assert "Database busy" in screen_text(app)
