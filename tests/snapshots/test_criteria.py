"""Snapshots of the RAG criteria screen on the demo, clock pinned, as an admin (so the
editing keys show): wide at 160x50 on the headline, and at 80x24 on the second
criterion, where every column and key must still fit.

Update after an intended change with
`pytest tests/snapshots/test_criteria.py --snapshot-update` and review the SVGs.
"""

from __future__ import annotations

from tests.support.tui import settle


def _open_criteria(*then: str):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("m", "up", "enter")
        await settle(pilot)
        for key in then:
            await pilot.press(key)
        await settle(pilot)

    return run_before


def test_criteria_wide(snap_compare, app):
    assert snap_compare(app, terminal_size=(160, 50), run_before=_open_criteria())


def test_criteria_at_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_criteria("j"))
