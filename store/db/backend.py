"""The database engine behind a Store: SQLite (a file) or PostgreSQL (a server).

A `Backend` is everything the store does differently on each engine, so the rest of it
need not ask which one it is on:

- `connect_read()`: a DB-API connection for reads whose `execute(sql, params)` takes the
  queries as they are written (`:name` placeholders) and gives rows readable by column
  name or position; `begin_read` / `end_read` open and close one read transaction on it;
- `wrap(driver_connection)`: the same for a write session's own connection (`raw`);
- `build_engine()`: the SQLAlchemy engine for writes, each transaction of which takes the
  engine's write lock first (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an advisory lock),
  so saves are serialised and a version check or the audit chain's next id holds;
- `classify(error)`: what a driver error means (busy, integrity, read-only, schema);
- `watch_changes()`: a `store.db.watch.ChangeWatcher` that says when someone writes.

`backend_for(url)` picks one from the URL: `sqlite:///…` or `postgresql+psycopg://…`.
Each implementation imports its driver only when it is chosen.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from store.errors import SchemaError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from store.db.watch import ChangeWatcher


class ErrorKind(StrEnum):
    """What a database error means to the store, whichever engine raised it."""

    BUSY = "busy"  # another writer held the lock past the timeout
    INTEGRITY = "integrity"  # a constraint refused the row
    READ_ONLY = "read_only"  # the database cannot be written
    NOT_ALLOWED = "not_allowed"  # the server does not give this login the right
    DISK_FULL = "disk_full"
    SCHEMA = "schema"  # a table or column is missing
    OTHER = "other"


class Backend(Protocol):
    """One database engine, as the store uses it (see the module docstring)."""

    name: str
    url: str
    error_type: type[BaseException]  # the driver's base error class

    def connect_read(self) -> Any:
        """A new connection for reads, outside any transaction."""

    def begin_read(self, connection: Any) -> None:
        """Open one read transaction on `connection`, so several queries agree."""

    def end_read(self, connection: Any) -> None:
        """End the read transaction open on `connection`, if any."""

    def wrap(self, driver_connection: Any) -> Any:
        """`driver_connection` (a write session's) with the read connection's interface."""

    def build_engine(self, *, busy_timeout_ms: int, foreign_keys: bool = True) -> Engine:
        """The SQLAlchemy engine for writes, serialised by the engine's write lock."""

    def classify(self, error: BaseException) -> ErrorKind:
        """What the driver error `error` means."""

    def watch_changes(self) -> ChangeWatcher:
        """A watcher, on a connection of its own, of writes committed to the database."""


def is_postgres_url(url: str) -> bool:
    """True for a PostgreSQL URL (`postgresql://…`, `postgresql+psycopg://…`)."""
    return url.startswith(("postgresql:", "postgresql+psycopg:", "postgres:"))


def backend_for(url: str, *, busy_timeout_ms: int | None = None) -> Backend:
    """The back end for `url`; a SchemaError for an engine the store does not support."""
    from store.db.pragmas import BUSY_TIMEOUT_MS

    timeout = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    if url.startswith("sqlite"):
        from store.db.backend_sqlite import SqliteBackend

        return SqliteBackend(url, busy_timeout_ms=timeout)
    if is_postgres_url(url):
        from store.db.backend_postgres import PostgresBackend

        return PostgresBackend(url, busy_timeout_ms=timeout)
    raise SchemaError(f"{url}: only SQLite files and PostgreSQL servers are supported")


def wrap_driver_connection(driver_connection: Any) -> Any:
    """A write session's DB-API connection with the read interface: a sqlite3 connection
    as it is, a psycopg one wrapped (named placeholders and rows by name)."""
    if type(driver_connection).__module__.startswith("psycopg"):
        from store.db.backend_postgres import PgConnection

        return PgConnection(driver_connection)
    return driver_connection
