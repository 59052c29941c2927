"""Fixtures of the Pilot tests that are not the whole test suite's."""

from __future__ import annotations

import pytest

from tests.support.laptop import make_replica


@pytest.fixture
def laptop(demo_path, tmp_path, frozen_clock):
    """A Star Chamber secretary's replica of the central store (the test's demo file),
    for the sync tests (`tests.support.laptop`)."""
    path = tmp_path / "laptop.db"
    make_replica(demo_path, path)
    return path
