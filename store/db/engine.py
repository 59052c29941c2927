"""Build the SQLAlchemy engine for writes from a URL, on whichever back end it names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.pragmas import BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    from sqlalchemy import Engine


def build_engine(
    url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, foreign_keys: bool = True
) -> Engine:
    """An engine for `url` whose every transaction takes the back end's write lock first
    (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an advisory lock): see `store.db.backend`."""
    from store.db.backend import backend_for

    backend = backend_for(url, busy_timeout_ms=busy_timeout_ms)
    return backend.build_engine(busy_timeout_ms=busy_timeout_ms, foreign_keys=foreign_keys)
