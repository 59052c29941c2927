"""Build the SQLAlchemy engine from a URL, with pragmas and `BEGIN IMMEDIATE` writes."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event

from store.db.pragmas import BUSY_TIMEOUT_MS, apply_pragmas
from store.db.write_lock import begin_immediate


def build_engine(
    url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, foreign_keys: bool = True
) -> Engine:
    """An engine for `url`. On SQLite every connection gets the house pragmas and every
    transaction begins with `BEGIN IMMEDIATE`, so a write takes the lock up front
    (retried briefly while another writer holds it: see `store.db.write_lock`)."""
    if not url.startswith("sqlite"):
        return create_engine(url)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        apply_pragmas(dbapi_connection, busy_timeout_ms=busy_timeout_ms, foreign_keys=foreign_keys)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        begin_immediate(connection.exec_driver_sql, busy_timeout_ms)

    return engine
