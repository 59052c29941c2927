"""Snapshots of the main screens at 120x40 on the demo portfolio, with the clock pinned.

Update after an intended change with `pytest tests/snapshots --snapshot-update` and
review the SVGs in `tests/snapshots/__snapshots__/` before committing them.
"""

from __future__ import annotations

from tests.snapshots import SIZE
from tests.support.tui import settle


def test_portfolio_list(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_portfolio_list_filtered_to_amber(snap_compare, app):
    async def filter_amber(pilot):
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=filter_amber)


def test_programme_detail(snap_compare, app):
    async def open_tpd(pilot):
        await settle(pilot)
        pilot.app.open_initiative("TPD")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_tpd)


def test_rag_editor_after_an_empty_save(snap_compare, app):
    async def refuse_blank(pilot):
        await settle(pilot)
        pilot.app.open_initiative("SCDR")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("r", "ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=refuse_blank)
