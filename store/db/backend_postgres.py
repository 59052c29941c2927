"""The PostgreSQL back end (psycopg 3): a database on a server, shared by an office.

Reads run on psycopg connections wrapped in `PgConnection`, which takes the queries as
they are written for the store (`:name` or `?` placeholders; this is the one place they
are translated to psycopg's `%(name)s` / `%s`) and gives rows readable by column name or
position, like `sqlite3.Row`. Writes go through an engine each of whose transactions
first takes one transaction-scoped advisory lock (`pg_advisory_xact_lock`) under a
`lock_timeout`: PostgreSQL has no `BEGIN IMMEDIATE`, and without one lock concurrent saves
race for the audit chain's next id and two saves from the same version both succeed.
Errors are classified by SQLSTATE, not message text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import pq

from store.db.backend import ErrorKind

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from store.db.watch import PostgresWatcher

# The key of the one advisory lock every write transaction takes ("PORTFOLIO" in a
# bigint): any constant would do, as long as every writer uses the same one.
WRITE_LOCK_KEY = 0x504F5254464F4C49

# A single-quoted literal, a double-quoted name, a `::` cast, a `:name` placeholder or
# a `?` placeholder, or a `%` (which psycopg reads as its own placeholder mark).
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|:([A-Za-z_]\w*)|\?|%")

_BY_SQLSTATE = {
    "55P03": ErrorKind.BUSY,  # lock_not_available: lock_timeout passed
    "40001": ErrorKind.BUSY,  # serialization_failure
    "40P01": ErrorKind.BUSY,  # deadlock_detected
    "25006": ErrorKind.READ_ONLY,  # read_only_sql_transaction
    "42501": ErrorKind.NOT_ALLOWED,  # insufficient_privilege: the grants do not allow it
    "53100": ErrorKind.DISK_FULL,
    "42P01": ErrorKind.SCHEMA,  # undefined_table
    "42703": ErrorKind.SCHEMA,  # undefined_column
}


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """`sql` with `:name` as `%(name)s`, `?` as `%s` and a literal `%` as `%%`, leaving
    quoted literals' and names' text (bar `%`) and `::` casts as they are."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if match.group(1) is not None:
            return f"%({match.group(1)})s"
        if token == "?":
            return "%s"
        return token.replace("%", "%%")

    return _TOKEN.sub(replace, sql)


class Row(tuple):
    """A row readable by position (`row[0]`, unpacking) and by column name
    (`row["code"]`, `row.keys()`, `Model(**row)`), like `sqlite3.Row`."""

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._index)


def named_rows(cursor: psycopg.Cursor) -> Any:
    """psycopg row factory: each row a `Row` of the cursor's columns."""
    names = [column.name for column in cursor.description or ()]
    row_type = type("Row", (Row,), {"__slots__": (), "_index": {n: i for i, n in enumerate(names)}})
    return row_type


class PgCursor:
    """A psycopg cursor that takes the store's placeholders and gives `Row`s."""

    row_factory = None  # set by callers written for sqlite3; rows are always named here

    def __init__(self, cursor: psycopg.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> PgCursor:
        """Run `sql` with `params` (a mapping for `:name`, a sequence for `?`)."""
        if params:
            self._cursor.execute(translate(sql), params)
        else:
            self._cursor.execute(sql)
        return self

    def executemany(self, sql: str, rows: Sequence[Any]) -> PgCursor:
        """Run `sql` once for each parameter set in `rows`."""
        self._cursor.executemany(translate(sql), rows)
        return self

    def fetchone(self) -> Row | None:
        """The next row, or None."""
        return self._cursor.fetchone()

    def fetchall(self) -> list[Row]:
        """Every remaining row."""
        return self._cursor.fetchall()

    def fetchmany(self, size: int = 1) -> list[Row]:
        """Up to `size` more rows."""
        return self._cursor.fetchmany(size)

    def __iter__(self):
        return iter(self._cursor)

    @property
    def description(self):
        """The columns of the last result, as DB-API describes them."""
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        """Rows the last statement changed."""
        return self._cursor.rowcount

    def close(self) -> None:
        """Close the cursor."""
        self._cursor.close()


class PgConnection:
    """A psycopg connection with the interface the store's queries use on sqlite3."""

    dialect = "postgresql"

    def __init__(self, connection: psycopg.Connection) -> None:
        self.driver = connection

    def cursor(self) -> PgCursor:
        """A new cursor whose rows are read by name."""
        return PgCursor(self.driver.cursor(row_factory=named_rows))

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> PgCursor:
        """Run `sql` on a new cursor and return it."""
        return self.cursor().execute(sql, params)

    @property
    def in_transaction(self) -> bool:
        """True while a transaction is open on the connection."""
        return self.driver.info.transaction_status != pq.TransactionStatus.IDLE

    def commit(self) -> None:
        """Commit the open transaction."""
        self.driver.commit()

    def rollback(self) -> None:
        """Roll back the open transaction."""
        self.driver.rollback()

    def close(self) -> None:
        """Close the connection."""
        self.driver.close()


def libpq_url(url: str) -> str:
    """The libpq connection URI for a SQLAlchemy URL (`postgresql+psycopg://` → `postgresql://`)."""
    return re.sub(r"^postgres(ql)?(\+psycopg)?://", "postgresql://", url)


class PostgresBackend:
    """A PostgreSQL database behind a `postgresql+psycopg://` URL."""

    name = "postgresql"
    error_type = psycopg.Error
    path = None

    def __init__(self, url: str, *, busy_timeout_ms: int) -> None:
        self.url = url if "+psycopg" in url else libpq_url(url).replace("://", "+psycopg://", 1)
        self.busy_timeout_ms = busy_timeout_ms

    def connect_read(self) -> PgConnection:
        """A new connection in autocommit mode: `begin_read` opens each transaction."""
        return PgConnection(psycopg.connect(libpq_url(self.url), autocommit=True))

    def begin_read(self, connection: PgConnection) -> None:
        """A REPEATABLE READ transaction: every query in it sees one snapshot."""
        connection.driver.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")

    def end_read(self, connection: PgConnection) -> None:
        """Roll back the read transaction, if one is open."""
        if connection.in_transaction:
            connection.driver.execute("ROLLBACK")

    def wrap(self, driver_connection: psycopg.Connection) -> PgConnection:
        """A write session's psycopg connection with the read interface."""
        return PgConnection(driver_connection)

    def build_engine(self, *, busy_timeout_ms: int, foreign_keys: bool = True) -> Engine:
        """An engine each of whose transactions first waits (at most `busy_timeout_ms`)
        for the one write lock, held until it commits or rolls back. `foreign_keys` is
        SQLite's switch for copying tables in migrations; PostgreSQL needs no copies."""
        from sqlalchemy import create_engine, event

        engine = create_engine(self.url, pool_pre_ping=True)

        @event.listens_for(engine, "begin")
        def _on_begin(connection) -> None:
            take_write_lock(connection.exec_driver_sql, busy_timeout_ms)

        return engine

    def classify(self, error: BaseException) -> ErrorKind:
        """The kind of a psycopg error, by its SQLSTATE."""
        return classify_postgres(error)

    def watch_changes(self) -> PostgresWatcher:
        """A watcher listening for the notifications every audited write sends."""
        from store.db.watch import PostgresWatcher

        return PostgresWatcher(libpq_url(self.url))


def take_write_lock(execute: Any, timeout_ms: int) -> None:
    """Wait up to `timeout_ms` for the write lock, for the rest of this transaction."""
    execute(f"SET LOCAL lock_timeout = {int(timeout_ms)}")
    execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def classify_postgres(error: BaseException) -> ErrorKind:
    """The kind of a psycopg error, by its SQLSTATE (class 23 is integrity)."""
    state = getattr(error, "sqlstate", None) or ""
    if state.startswith("23"):
        return ErrorKind.INTEGRITY
    return _BY_SQLSTATE.get(state, ErrorKind.OTHER)
