"""A closed screen leaves nothing of itself in memory. A day of opening initiatives from
the list must neither grow the app nor slow every full garbage collection, which walks
whatever is kept (at 100,000 initiatives a detail open already took 50-150 ms longer
when one fell in it)."""

from __future__ import annotations

import gc

from textual._styles_cache import StylesCache
from textual.widget import Widget

from tests.support.tui import press, settle


def _alive(kind: type) -> list:
    gc.collect()
    return [thing for thing in gc.get_objects() if isinstance(thing, kind)]


def _closed_widgets() -> list[Widget]:
    return [widget for widget in _alive(Widget) if not widget.is_attached]


async def _open_and_close(app, pilot) -> None:
    app.open_initiative("LEAN")
    await settle(pilot)
    assert type(app.screen).__name__ == "ProgrammeDetailScreen"
    await press(pilot, "escape", "down")  # a key on the list after: the last key's widget


async def test_opening_and_closing_detail_screens_keeps_nothing_of_them(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_and_close(app, pilot)  # the first open also loads what every open uses
        closed, drawn = len(_closed_widgets()), len(_alive(StylesCache))
        for _ in range(4):
            await _open_and_close(app, pilot)
        assert len(_closed_widgets()) <= closed  # a footer key replaced last may linger
        assert len(_alive(StylesCache)) <= drawn  # each widget's drawing goes with it
