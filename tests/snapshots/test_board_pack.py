"""Snapshot of the board pack screen at 120x40 on the demo portfolio, clock pinned."""

from __future__ import annotations

import pytest

from store.handle import Store
from tests.tui.helpers import settle
from tui.app import PortfolioApp

SIZE = (120, 40)


@pytest.fixture
def app(demo_path, frozen_clock):
    store = Store(f"sqlite:///{demo_path}", "tester")
    yield PortfolioApp(store, warm_up=False)
    store.close()


def test_board_pack(snap_compare, app):
    async def open_pack(pilot):
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot, 10)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_pack)
