"""Audit events counted through a store handle, for tests that check a step wrote one
(or nothing). Counting a database file by path is `tests.support.cli.count`."""

from __future__ import annotations

from store.handle import Store
from tests.support.reads import value


def audit_count(store: Store) -> int:
    """How many audit events the database holds."""
    return value(store, "SELECT COUNT(*) FROM audit_event")
