"""The SQLite back end: a database file, read on raw sqlite3 connections, written through
an engine whose transactions begin with `BEGIN IMMEDIATE` (see `store.db.backend`)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from store.db.backend import ErrorKind
from store.db.pragmas import apply_pragmas, connect_sqlite
from store.db.write_lock import begin_immediate
from store.paths import sqlite_path

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from store.db.watch import SqliteWatcher


class SqliteBackend:
    """A SQLite file behind a `sqlite:///` URL."""

    name = "sqlite"
    error_type = sqlite3.Error

    def __init__(self, url: str, *, busy_timeout_ms: int) -> None:
        self.url = url
        self.path = sqlite_path(url)
        self.busy_timeout_ms = busy_timeout_ms

    def connect_read(self) -> sqlite3.Connection:
        """A raw connection with the house pragmas, in autocommit mode."""
        return connect_sqlite(str(self.path), busy_timeout_ms=self.busy_timeout_ms)

    def begin_read(self, connection: sqlite3.Connection) -> None:
        """Begin a (deferred) read transaction."""
        connection.execute("BEGIN")

    def end_read(self, connection: sqlite3.Connection) -> None:
        """Roll back the read transaction, if one is open."""
        if connection.in_transaction:
            connection.execute("ROLLBACK")

    def wrap(self, driver_connection: sqlite3.Connection) -> sqlite3.Connection:
        """A sqlite3 connection already reads as the queries expect."""
        return driver_connection

    def build_engine(self, *, busy_timeout_ms: int, foreign_keys: bool = True) -> Engine:
        """An engine whose connections get the house pragmas and whose every transaction
        begins with `BEGIN IMMEDIATE` (retried briefly: `store.db.write_lock`)."""
        from sqlalchemy import create_engine, event

        engine = create_engine(
            self.url,
            connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:
            apply_pragmas(
                dbapi_connection, busy_timeout_ms=busy_timeout_ms, foreign_keys=foreign_keys
            )

        @event.listens_for(engine, "begin")
        def _on_begin(connection) -> None:
            begin_immediate(connection.exec_driver_sql, busy_timeout_ms)

        return engine

    def classify(self, error: BaseException) -> ErrorKind:
        """SQLite says what went wrong only in its message text."""
        return classify_sqlite(error)

    def watch_changes(self) -> SqliteWatcher:
        """A watcher polling the file's `PRAGMA data_version`."""
        from store.db.watch import SqliteWatcher

        return SqliteWatcher(str(self.path))


def classify_sqlite(error: BaseException) -> ErrorKind:
    """The kind of a sqlite3 error, read from its message."""
    text = str(error).lower()
    if isinstance(error, sqlite3.IntegrityError):
        return ErrorKind.INTEGRITY
    if "locked" in text or "busy" in text:
        return ErrorKind.BUSY
    if "readonly" in text or "read-only" in text:
        return ErrorKind.READ_ONLY
    if "disk is full" in text:
        return ErrorKind.DISK_FULL
    if "no such table" in text or "no such column" in text:
        return ErrorKind.SCHEMA
    return ErrorKind.OTHER
