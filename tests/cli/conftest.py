"""Fixtures for the command-line tests."""

from __future__ import annotations

import pytest

from store import handle


@pytest.fixture
def short_busy_timeout(monkeypatch) -> None:
    """The CLI waits its busy timeout (5 s; 0.1 s here, to keep the tests quick)."""
    original = handle.Store.__init__

    def short(self, url, actor, *, busy_timeout_ms=100):
        original(self, url, actor, busy_timeout_ms=busy_timeout_ms)

    monkeypatch.setattr(handle.Store, "__init__", short)
