"""SQLite pragmas applied to every connection, raw or through SQLAlchemy."""

from __future__ import annotations

import sqlite3

BUSY_TIMEOUT_MS = 5000


def apply_pragmas(
    connection: sqlite3.Connection, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, foreign_keys=True
) -> None:
    """Set foreign keys, WAL, synchronous=FULL and a busy timeout on one connection.

    The connection is put in autocommit mode (`isolation_level=None`) so that the
    caller decides how each transaction begins: writes use `BEGIN IMMEDIATE`.
    """
    connection.isolation_level = None
    connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")


def connect_sqlite(path: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """Open a raw DB-API connection with the house pragmas, usable from any thread."""
    connection = sqlite3.connect(path, check_same_thread=False, timeout=busy_timeout_ms / 1000)
    apply_pragmas(connection, busy_timeout_ms=busy_timeout_ms)
    return connection
