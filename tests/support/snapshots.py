"""Helpers for snapshot tests: the one terminal size, and the steps run before a picture."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.screen import Screen

from tests.support.tui import settle

SIZE = (120, 40)
"""Columns and rows of every snapshot."""


def steps(
    *keys: str | tuple[str, ...],
    initiative: str | None = None,
    screen: Callable[[], Screen] | None = None,
    rounds: int = 4,
):
    """A `run_before` for `snap_compare`: let the list load; open `initiative`'s detail or
    push `screen()` if given; then press each key (a tuple is pressed as one burst),
    settling after each. The last settle takes `rounds` idle rounds (a slow screen's
    content needs more)."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        if initiative is not None:
            pilot.app.open_initiative(initiative)
            await settle(pilot)
        if screen is not None:
            pilot.app.push_screen(screen())
            await settle(pilot)
        for index, key in enumerate(keys):
            await pilot.press(*((key,) if isinstance(key, str) else key))
            await settle(pilot, rounds if index == len(keys) - 1 else 4)

    return run_before
