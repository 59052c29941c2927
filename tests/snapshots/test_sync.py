"""Snapshots of a laptop replica (issue 17) at 160x50 and 80x24, clock pinned: the
portfolio list with the title bar's sync badge (one operation pending, one conflict,
synced at 09:00), the conflicts screen, and the conflict dialog on it.

Update after an intended change with `pytest tests/snapshots/test_sync.py
--snapshot-update` and review the SVGs.
"""

from __future__ import annotations

import pytest

from tests.support.laptop import decide_offline, laptop_app, make_replica, synced_with_a_conflict
from tests.support.snapshots import steps

SIZES = {"80x24": (80, 24), "160x50": (160, 50)}
SCREENS = {
    "replica_title_bar": steps(),
    "conflicts": steps("C"),
    "conflict_dialog": steps("C", "enter"),
}


@pytest.fixture
def laptop_with_a_conflict(demo_path, tmp_path, frozen_clock):
    """Synced once (two deferrals applied, one refused), then one more decision offline."""
    path = tmp_path / "laptop.db"
    make_replica(demo_path, path)
    synced_with_a_conflict(demo_path, path)
    decide_offline(path, 1, items=("SC-2011-0018",))
    return laptop_app(path)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_replica(snap_compare, laptop_with_a_conflict, screen, size):
    assert snap_compare(
        laptop_with_a_conflict, terminal_size=SIZES[size], run_before=SCREENS[screen]
    )
