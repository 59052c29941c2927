"""Snapshots of the Benefits tab (TPD: one benefit behind profile, with its chart) and
the portfolio benefits view, at 160x50 and 80x24, on the demo with the clock pinned.

Update after an intended change with
`pytest tests/snapshots/test_benefits.py --snapshot-update` and review the SVGs.
"""

from __future__ import annotations

import pytest

from tests.support.tui import open_form

SIZES = {"80x24": (80, 24), "160x50": (160, 50)}

SCREENS = {
    "benefits_tab": lambda pilot: open_form(pilot, code="TPD", keys=("9",)),
    "portfolio_benefits": lambda pilot: open_form(pilot, keys=("B",)),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare, app, screen, size):
    assert snap_compare(app, terminal_size=SIZES[size], run_before=SCREENS[screen])
