"""The store handle: one database URL, the acting user, and lazily opened connections.

The database is a SQLite file or a PostgreSQL server: the handle asks its back end
(`store.db.backend`, picked from the URL) for what differs. Reads use pooled raw DB-API
connections (no SQLAlchemy import on the read path, so the TUI paints fast). Writes use
a SQLModel session whose transaction first takes the back end's write lock (SQLite:
`BEGIN IMMEDIATE`) and commits or rolls back as a whole, after checking that no restore
has replaced the database since the handle first used it (`store.generation`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from store.audit import Identity
from store.db.backend import Backend, ErrorKind, backend_for
from store.db.pragmas import BUSY_TIMEOUT_MS
from store.db.schema import OpenOutcome, open_database
from store.errors import (
    DatabaseBusyError,
    DatabaseReadOnlyError,
    DatabaseReplacedError,
    DiskFullError,
    NotAllowedByServerError,
    PortfolioError,
)
from store.generation import Generation, read_generation
from store.kept import Kept
from store.paths import shown_url, sqlite_path

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from store.db.watch import ChangeWatcher


class Store:
    """Access to one portfolio database on behalf of one user."""

    def __init__(self, url: str, actor: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.backend: Backend = backend_for(url)
        self.url = self.backend.url
        # The SQLite file (None on a server): backups, checks and messages name it.
        self.path = sqlite_path(url)
        self.identity = Identity.for_actor(actor)
        self.busy_timeout_ms = busy_timeout_ms
        self._engine: Engine | None = None
        self._idle: list = []
        self._closings = 0  # how many times `close` has run (a read then in hand is closed)
        self._lock = threading.Lock()
        # The generation of the database this handle has read (noted on first use):
        # a write into another one (a restore replaced it) is refused.
        self._generation: Generation | None = None
        # Costly whole-register reads, answered again while the data is unchanged.
        self.kept = Kept()

    @classmethod
    def open(cls, url: str, actor: str) -> tuple[Store, OpenOutcome]:
        """Create, upgrade or refuse the database at `url`, then return a handle to it."""
        store = cls(url, actor)
        outcome = open_database(store.url)
        return store, outcome

    @property
    def place(self) -> str:
        """Where the database is, fit to print: its file, or its server's URL without
        the password."""
        return str(self.path) if self.path is not None else shown_url(self.url)

    @property
    def actor(self) -> str:
        """The app user changes are recorded against."""
        return self.identity.actor

    @contextmanager
    def reading(self):
        """A raw connection inside one read transaction, so several queries agree."""
        backend = self.backend
        with self._lock:
            connection = self._idle.pop() if self._idle else None
            closings = self._closings  # a close meanwhile: the connection is not kept
        if connection is None:
            connection = backend.connect_read()
        healthy = True
        try:
            backend.begin_read(connection)
            if self._generation is None:
                self._generation = read_generation(connection)
            yield connection
        except backend.error_type:
            healthy = False
            raise
        finally:
            if healthy:
                try:
                    backend.end_read(connection)
                except backend.error_type:
                    healthy = False
            with self._lock:
                keep = healthy and closings == self._closings
                if keep:
                    self._idle.append(connection)
            if not keep:
                connection.close()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose whole transaction commits on success and rolls back on error.

        On a database with no users yet, the OS user is made admin first (in the same
        transaction). A change refused for want of permission is recorded in the audit
        log in a transaction of its own, after this one has rolled back."""
        denials: list = []
        try:
            with self._transaction(denials) as session:
                yield session
        finally:
            if denials:
                self.record_denials(denials)

    @contextmanager
    def _transaction(self, denials: list) -> Iterator[Session]:
        from sqlalchemy.exc import OperationalError, ProgrammingError
        from sqlmodel import Session

        from store.users.guard import DENIALS, ensure_first_admin

        with Session(self.engine(), expire_on_commit=False) as session:
            session.info["identity"] = self.identity
            session.info[DENIALS] = denials
            try:
                self._require_same_generation(
                    self.backend.wrap(session.connection().connection.driver_connection)
                )
                ensure_first_admin(session)
                yield session
                session.commit()
            except (OperationalError, ProgrammingError) as error:
                session.rollback()
                failure = self._failure(error.orig)
                if failure is not None:
                    raise failure from error
                raise
            except BaseException as error:
                session.rollback()
                # A bulk load works on the driver's own connection, whose errors come
                # unwrapped: a full disk there is as much a DiskFullError.
                driver = isinstance(error, self.backend.error_type)
                failure = self._failure(error) if driver else None
                if failure is not None:
                    raise failure from error
                raise

    def _failure(self, error: BaseException) -> PortfolioError | None:
        """The store error a failed write's driver error stands for, if it is one."""
        kind = self.backend.classify(error)
        if kind is ErrorKind.BUSY:
            return DatabaseBusyError()
        if kind is ErrorKind.READ_ONLY:
            return DatabaseReadOnlyError(self.path or "the database")
        if kind is ErrorKind.NOT_ALLOWED:
            return NotAllowedByServerError(self.actor, str(error).strip().splitlines()[0])
        if kind is ErrorKind.DISK_FULL:
            return DiskFullError(self.path or "the database")
        return None

    def _require_same_generation(self, connection) -> None:
        """Refuse (DatabaseReplacedError) a write into a database a restore put in place
        after this handle first read (or wrote) the one it replaced."""
        now = read_generation(connection)
        if self._generation is None:
            self._generation = now
        elif now.marker != self._generation.marker:
            raise DatabaseReplacedError(now.source, now.at)

    def accept_replacement(self) -> None:
        """Take the database a restore put in place as this handle's own, so writes go
        ahead again; whoever calls this reloads what it shows from it first."""
        with self.reading() as connection:
            self._generation = read_generation(connection)

    def record_denials(self, denials: list) -> None:
        """Audit each refused change, (identity, PermissionDenied), acting as whoever was
        refused, each in a transaction of its own."""
        from store.users.guard import record_denial

        for identity, error in denials:
            with self._transaction([]) as session:
                session.info["identity"] = identity
                record_denial(session, identity, error)

    def engine(self) -> Engine:
        """The SQLAlchemy engine, built on first use."""
        with self._lock:
            if self._engine is None:
                self._engine = self.backend.build_engine(busy_timeout_ms=self.busy_timeout_ms)
            return self._engine

    def watch_changes(self) -> ChangeWatcher:
        """A watcher of writes committed to the database by anyone (`store.db.watch`);
        its caller closes it."""
        return self.backend.watch_changes()

    def set_busy_timeout(self, milliseconds: int) -> None:
        """Wait at most this long for another writer's lock before a save reports the
        database busy (the TUI keeps it short, so it can say so and retry)."""
        with self._lock:
            self.busy_timeout_ms = milliseconds
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection and the engine (also on leaving a `with`); a
        read still in hand (another thread's) closes its connection when it ends."""
        with self._lock:
            idle, self._idle = self._idle, []
            engine, self._engine = self._engine, None
            self._closings += 1
        for connection in idle:
            connection.close()
        if engine is not None:
            engine.dispose()
