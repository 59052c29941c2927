"""Snapshot of the board pack screen at 120x40 on the demo portfolio, clock pinned."""

from __future__ import annotations

from tests.support.snapshots import SIZE, steps


def test_board_pack(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("p", rounds=10))
