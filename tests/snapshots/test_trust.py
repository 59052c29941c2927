"""Snapshot of the conflict dialog at 120x40 on the demo, with the clock pinned: a risk
edit refused because s.bhattacharya saved it first. Update with
`pytest tests/snapshots/test_trust.py --snapshot-update` and look at the SVG."""

from __future__ import annotations

import pytest

from store.handle import Store
from store.programme.risks.services import update_risk
from tests.snapshots import SIZE
from tests.support.tui import settle, type_keys
from tui.app import PortfolioApp


@pytest.fixture
def stores(demo_path, frozen_clock):
    mine = Store(f"sqlite:///{demo_path}", "tester")
    theirs = Store(f"sqlite:///{demo_path}", "s.bhattacharya")
    yield mine, theirs
    mine.close()
    theirs.close()


def test_conflict_dialog(snap_compare, stores):
    mine, theirs = stores

    async def stale_save(pilot):
        await settle(pilot)
        pilot.app.open_initiative("LEAN")
        await settle(pilot)
        await pilot.press("3", "enter")
        await settle(pilot)
        await type_keys(pilot, "tab", "tab", "tab", "tab", "tab", "tab", "ctrl+u", *"Jo Bell")
        with theirs.writing() as session:
            update_risk({"id": 12, "likelihood": 4, "owner": "Ann Ode"}, session=session)
        await pilot.press("ctrl+s")
        await settle(pilot)

    app = PortfolioApp(mine, warm_up=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=stale_save)
