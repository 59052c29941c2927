"""Fixtures shared by the store tests: the small Star Chamber world and the front door's
fresh store."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import star_chamber_world as world
from tests.support.front_door_factories import business_groups

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
