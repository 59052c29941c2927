"""The store handle: one database URL, the acting user, and lazily opened connections.

Reads use pooled raw DB-API connections (no SQLAlchemy import on the read path, so
the TUI paints fast). Writes use a SQLModel session whose transaction begins with
`BEGIN IMMEDIATE` and commits or rolls back as a whole.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from store.audit import Identity
from store.db.pragmas import connect_sqlite
from store.db.schema import OpenOutcome, open_database
from store.errors import DatabaseBusyError, SchemaError, storage_error
from store.paths import sqlite_path

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session


class Store:
    """Access to one portfolio database on behalf of one user."""

    def __init__(self, url: str, actor: str) -> None:
        path = sqlite_path(url)
        if path is None:
            raise SchemaError(f"{url}: only SQLite database files are supported so far")
        self.url = url
        self.path = path
        self.identity = Identity.for_actor(actor)
        self._engine: Engine | None = None
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    @classmethod
    def open(cls, url: str, actor: str) -> tuple[Store, OpenOutcome]:
        """Create, upgrade or refuse the database at `url`, then return a handle to it."""
        store = cls(url, actor)
        outcome = open_database(url)
        return store, outcome

    @property
    def actor(self) -> str:
        """The app user changes are recorded against."""
        return self.identity.actor

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A raw connection inside one read transaction, so several queries agree."""
        with self._lock:
            connection = self._idle.pop() if self._idle else None
        if connection is None:
            connection = connect_sqlite(str(self.path))
        healthy = True
        try:
            connection.execute("BEGIN")
            yield connection
        except sqlite3.Error:
            healthy = False
            raise
        finally:
            if healthy and connection.in_transaction:
                try:
                    connection.execute("ROLLBACK")
                except sqlite3.Error:
                    healthy = False
            if healthy:
                with self._lock:
                    self._idle.append(connection)
            else:
                connection.close()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose whole transaction commits on success and rolls back on error."""
        from sqlalchemy.exc import OperationalError
        from sqlmodel import Session

        with Session(self.engine(), expire_on_commit=False) as session:
            session.info["identity"] = self.identity
            try:
                yield session
                session.commit()
            except OperationalError as error:
                session.rollback()
                if "locked" in str(error.orig) or "busy" in str(error.orig):
                    raise DatabaseBusyError() from error
                unwritable = storage_error(str(error.orig), self.path)
                if unwritable is not None:
                    raise unwritable from error
                raise
            except BaseException:
                session.rollback()
                raise

    def engine(self) -> Engine:
        """The SQLAlchemy engine, built on first use."""
        with self._lock:
            if self._engine is None:
                from store.db.engine import build_engine

                self._engine = build_engine(self.url)
            return self._engine

    def close(self) -> None:
        """Close every pooled connection and the engine."""
        with self._lock:
            idle, self._idle = self._idle, []
            engine, self._engine = self._engine, None
        for connection in idle:
            connection.close()
        if engine is not None:
            engine.dispose()
