"""Snapshot of the board pack screen at 120x40 on the demo portfolio, clock pinned."""

from __future__ import annotations

from tests.snapshots import SIZE
from tests.support.tui import settle


def test_board_pack(snap_compare, app):
    async def open_pack(pilot):
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot, 10)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_pack)
