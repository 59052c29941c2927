"""`?` opens the help of the screen on show, on every screen: each screen the go-to
menu reaches and an initiative's page. On the board pack it works with the period box
focused too (a period never has a `?` in it), and `f1` opens help from any field, where
`?` may be a character being typed."""

from __future__ import annotations

import pytest

from screens.common.help import HelpScreen
from screens.common.navigation import DESTINATIONS
from tests.support.tui import press, settle
from tui.app import PortfolioApp


async def _help_title(pilot, key: str = "question_mark") -> str:
    """Press `key`; the title of the help that opened (and close it), or '' if none."""
    app = pilot.app
    await press(pilot, key)
    if not isinstance(app.screen, HelpScreen):
        return ""
    title = app.screen.query_one("#help-title").render().plain
    await press(pilot, "escape")
    return title


@pytest.mark.parametrize("destination", DESTINATIONS, ids=lambda d: d.name)
async def test_question_mark_opens_the_help_of_every_screen(demo_store, destination):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.go_to(destination)
        await settle(pilot)
        screen = app.screen
        assert await _help_title(pilot) == screen.HELP_TITLE
        assert app.screen is screen


async def test_question_mark_opens_the_help_of_an_initiatives_page(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_initiative("TPD")
        await settle(pilot)
        assert await _help_title(pilot) == app.screen.HELP_TITLE


async def test_help_on_the_board_pack_with_a_field_focused(demo_store):
    app = PortfolioApp(demo_store, warm_up=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        await pilot.pause(0.5)
        await settle(pilot)
        period = app.screen.query_one("#period")
        await press(pilot, "c")
        assert app.focused is period
        typed = period.value
        assert await _help_title(pilot) == "Quarterly board pack"
        assert period.value == typed and app.focused is period
        await press(pilot, *"20", "escape")  # leaves the box; the pack stays on show
        assert type(app.screen).__name__ == "BoardPackScreen"
        assert period.value == typed and app.focused.id == "pack-scroll"
        await press(pilot, "s")
        assert app.focused.id == "save-path"
        assert await _help_title(pilot, "f1") == "Quarterly board pack"
