"""Changing the current reporting period from the app: the portfolio office presses `P`
on the list (or picks it from the command palette there), chooses a period among those it may
be set to, saves, and the list and the audit trail follow; a viewer pressing `P` is told
why and no form opens. In the board pack, `[`/`]` and a typed period choose among the
same periods."""

from __future__ import annotations

from textual.widgets import Select

from store.handle import Store
from store.portfolio.queries import current_period
from tests.support.tui import press, screen_text, settle
from tui.app import PortfolioApp


def _period(store: Store) -> str:
    with store.reading() as connection:
        return current_period(connection)


def _events(store: Store) -> int:
    with store.reading() as connection:
        return connection.execute(
            "SELECT COUNT(*) FROM audit_event WHERE entity = 'setting'"
        ).fetchone()[0]


def _notes(app: PortfolioApp) -> str:
    """Every notice raised (whether or not its toast has been drawn yet)."""
    return " ".join(note.message for note in app._notifications)


async def test_the_office_changes_the_period_with_p_and_it_is_audited(app, demo_store):
    # Today is 2011-06-13 (2011-Q2); the demo reports on 2011-Q1.
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = _events(demo_store)
        await press(pilot, "P")
        await settle(pilot)
        form = app.screen
        assert type(form).__name__ == "DeclaredForm"
        assert "Current reporting period" in screen_text(app)
        field = form.query_one("#field-period", Select)
        assert field.value == "2011-Q1"
        offered = [value for _label, value in field._options]
        assert offered[:3] == ["2011-Q2", "2011-Q1", "2010-Q4"]
        assert "2011-Q3" not in offered  # it has not begun
        field.value = "2011-Q2"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "PortfolioListScreen"
        assert _period(demo_store) == "2011-Q2"
        assert _events(demo_store) == before + 1
        assert "period 2011-Q2, as at 2011-06-13" in screen_text(app)
        assert "is now 2011-Q2" in _notes(app)


async def test_the_palette_offers_it_on_the_list(app, demo_store):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *"change reporting period")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "DeclaredForm"
        assert "Current reporting period" in screen_text(app)


async def test_a_viewer_pressing_p_is_told_why(demo_path, frozen_clock):
    viewer = Store(f"sqlite:///{demo_path}", "k.osei")
    try:
        app = PortfolioApp(viewer, warm_up=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "P")
            await settle(pilot)
            assert type(app.screen).__name__ == "PortfolioListScreen"
            assert "Your role (viewer) may not" in _notes(app)
            assert _period(viewer) == "2011-Q1"
    finally:
        viewer.close()


async def test_the_pack_refuses_a_typed_period_it_would_not_step_to(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        await settle(pilot, 8)
        periods = app.screen.periods
        assert periods[0] == "2011-Q1"  # the current period; nothing after it
        await pilot.press("c", *"2011-Q2", "enter")
        await settle(pilot, 8)
        assert app.screen.period == "2011-Q1"
        assert "2011-Q2 has no pack" in screen_text(app)
        await pilot.press("right_square_bracket")  # nothing newer to step to
        await settle(pilot, 8)
        assert app.screen.period == "2011-Q1"
