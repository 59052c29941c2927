"""Fixtures shared by the store tests: the small Star Chamber world, the front door's
fresh store, and a shared register with a laptop's replica of it (the sync tests)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import star_chamber_world as world
from tests.support.front_door_factories import business_groups
from tests.support.sync import make_replica, server_as

FRONT_DOOR_TODAY = date(2021, 6, 14)


@pytest.fixture
def sc(store, frozen_clock):
    """A fresh store holding the small Star Chamber world (tests/support/star_chamber_world)."""
    world.build(store)
    return store


@pytest.fixture
def fd(store, frozen_clock):
    """A fresh store with three business groups; today is 14 June 2021."""
    frozen_clock.day = FRONT_DOOR_TODAY
    business_groups(store)
    return store


@pytest.fixture
def server(demo_url, frozen_clock):
    """The shared register (the demo): a handle acting as tester, an admin."""
    with server_as(demo_url) as handle:
        yield handle


@pytest.fixture
def laptop(demo_url, server, tmp_path):
    """A replica of the server for the laptop's login (portfolio office role)."""
    with make_replica(demo_url, tmp_path / "laptop.db") as handle:
        yield handle
