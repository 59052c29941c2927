"""Shared fixtures: a fresh migrated database per test, and a pinned clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from store import clock
from store.handle import Store


class FrozenClock:
    """A clock that starts at a fixed instant and ticks one second per reading."""

    def __init__(self, start: datetime, today: date) -> None:
        self.now = start
        self.day = today

    def utc_now(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

    def today(self) -> date:
        return self.day


@pytest.fixture
def frozen_clock(monkeypatch) -> FrozenClock:
    """Pin the store's clock: UTC time starts at 2011-06-13 09:00 and today is 2011-06-13."""
    frozen = FrozenClock(datetime(2011, 6, 13, 9, 0, tzinfo=UTC), date(2011, 6, 13))
    monkeypatch.setattr(clock, "utc_now", frozen.utc_now)
    monkeypatch.setattr(clock, "today", frozen.today)
    return frozen


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database file lives (not yet created)."""
    return tmp_path / "portfolio.db"


@pytest.fixture
def store(db_path: Path):
    """A handle on a fresh, fully migrated database, acting as 'tester'."""
    handle, _ = Store.open(f"sqlite:///{db_path}", "tester")
    yield handle
    handle.close()
