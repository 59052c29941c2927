"""Decide whether a database can be opened, and bring an older one up to date.

Checking is cheap: a read-only sqlite3 connection (or one psycopg connection on a
server) reads `alembic_version`, so an up-to-date database opens without importing
Alembic or SQLAlchemy. Upgrading backs
the file up first (SQLite backup API). A database newer than the app, or one that
is not a portfolio database at all, is refused and left byte-for-byte untouched.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from store.db.backup import backup_sqlite, timestamped_backup_path
from store.errors import DiskFullError, InputError, PortfolioError, SchemaError, storage_error
from store.files import create_private_file, remove_database, storage_failure
from store.paths import sqlite_path, sqlite_uri

if TYPE_CHECKING:
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
# Held while Alembic runs: its `op` and `context` proxies are module-wide (`migrate`).
_MIGRATING = threading.Lock()
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


class SchemaStatus(StrEnum):
    """What a database file holds, compared with what this app understands."""

    MISSING = "missing"
    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    UNKNOWN = "unknown"
    FOREIGN = "foreign"


@dataclass(frozen=True)
class SchemaState:
    """A database's schema status and the revision it is at, if any."""

    status: SchemaStatus
    revision: str | None = None


@dataclass(frozen=True)
class OpenOutcome:
    """What opening did: the state found and, after an upgrade, where the backup went."""

    found: SchemaState
    backup: Path | None = None


def known_revisions() -> list[str]:
    """Every revision this app ships, oldest first. A revision id is its file's stem."""
    files = [p.name for p in VERSIONS_DIR.iterdir() if _REVISION_FILE.match(p.name)]
    return [name[:-3] for name in sorted(files)]


def head_revision() -> str:
    """The newest revision this app ships."""
    return known_revisions()[-1]


def classify(revision: str | None, has_tables: bool) -> SchemaState:
    """Place a stored revision against the revisions this app knows."""
    if revision is None:
        return SchemaState(SchemaStatus.FOREIGN if has_tables else SchemaStatus.EMPTY)
    known = known_revisions()
    if revision == known[-1]:
        return SchemaState(SchemaStatus.CURRENT, revision)
    if revision in known:
        return SchemaState(SchemaStatus.OLDER, revision)
    return SchemaState(SchemaStatus.UNKNOWN, revision)


def inspect_sqlite(path: Path) -> SchemaState:
    """Read a SQLite file's schema state without changing a byte of it."""
    if not path.exists():
        return SchemaState(SchemaStatus.MISSING)
    _refuse_non_file(path)
    if path.stat().st_size == 0:
        return SchemaState(SchemaStatus.EMPTY)
    try:
        connection = sqlite3.connect(sqlite_uri(path), uri=True)
    except sqlite3.Error as error:
        raise unreadable(path, error) from error
    try:
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
            tables.discard("alembic_version")
    except sqlite3.DatabaseError as error:
        raise unreadable(path, error) from error
    finally:
        connection.close()
    return classify(revision, bool(tables))


def _refuse_non_file(path: Path) -> None:
    """Raise InputError (on --db) when `path` is a folder, a device, a pipe or a socket:
    SQLite would fail on it with a disk I/O error that names no cause."""
    if path.is_dir():
        raise InputError("db", f"{path} is a directory, not a database file; give a file")
    if not path.is_file():
        raise InputError(
            "db",
            f"{path} is not a database file (it is a device, pipe or socket); give a file",
        )


def _disk_is_full(folder: Path) -> bool:
    """True when the disk holding `folder` has (next to) no room left."""
    try:
        space = os.statvfs(folder)
    except OSError:
        return False
    return space.f_bavail * space.f_frsize < 1024 * 1024


def unreadable(path: Path, error: sqlite3.Error) -> PortfolioError:
    """Why SQLite could not read `path`, in words: a full or read-only disk is said so;
    only a file SQLite does not recognise is called not a SQLite database."""
    text = str(error)
    failure = storage_error(text, path)
    if failure is not None:
        return failure
    if "not a database" in text:
        return SchemaError(f"{path} is not a SQLite database ({error}); nothing was changed")
    if "malformed" in text:
        return SchemaError(
            f"{path} is damaged ({error}): cut short or corrupted, it is not a whole SQLite "
            "database; nothing was changed"
        )
    if _disk_is_full(path.parent):
        return DiskFullError(path)
    if "unable to open" in text and not os.access(path.parent, os.W_OK):
        return SchemaError(
            f"cannot open {path}: its folder is read-only, and SQLite must write its "
            "journal beside the file; nothing was changed"
        )
    return SchemaError(
        f"cannot read {path} ({error}): is the file, its folder or the disk read-only? "
        "nothing was changed"
    )


def inspect_url(url: str) -> SchemaState:
    """The schema state of any database URL (SQLite files take the cheap path)."""
    path = sqlite_path(url)
    if path is not None:
        return inspect_sqlite(path)
    return inspect_postgres(url)


# The tables in the current schema, as SQLAlchemy's inspector lists them.
_PG_TABLES = (
    "SELECT c.relname FROM pg_class AS c"
    " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')"
)


def inspect_postgres(url: str) -> SchemaState:
    """The schema state of a PostgreSQL database: its tables and Alembic's revision, read
    with one psycopg connection, so that opening a current database imports neither
    Alembic nor SQLAlchemy (about a second before the first paint). A login the server
    gives no rights on the tables is refused (`no_rights`)."""
    import psycopg

    from store.db.backend_postgres import libpq_url

    conninfo = libpq_url(url)
    try:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            tables = {row[0] for row in connection.execute(_PG_TABLES)}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except psycopg.errors.InsufficientPrivilege as error:
        from store.users.logins import no_rights

        login = psycopg.conninfo.conninfo_to_dict(conninfo).get("user")
        raise no_rights(str(login or "this login")) from error
    return classify(revision, bool(tables - {"alembic_version"}))


def refuse_unless_openable(state: SchemaState, where: str) -> None:
    """Raise a SchemaError for a database of an unknown revision or a foreign one; do
    nothing otherwise."""
    if state.status is SchemaStatus.UNKNOWN:
        raise SchemaError(
            f"{where} has schema revision {state.revision}, which this app does not know "
            f"(it knows {known_revisions()[0]} to {head_revision()}); it may come from a "
            "newer portfolio (install that) or not be a portfolio database. "
            "The file was not changed."
        )
    if state.status is SchemaStatus.FOREIGN:
        raise SchemaError(
            f"{where} is not a portfolio database (it has tables but no schema version); "
            "nothing was changed"
        )


def open_database(url: str) -> OpenOutcome:
    """Make the database at `url` ready to use: create it, upgrade it, or refuse it."""
    path = sqlite_path(url)
    state = inspect_url(url)
    refuse_unless_openable(state, str(path or url))
    if state.status is SchemaStatus.CURRENT:
        return OpenOutcome(state)
    backup = None
    if path is not None:
        create_private_file(path)
        if state.status is SchemaStatus.OLDER:
            backup = backup_sqlite(path, timestamped_backup_path(path, f"before-{head_revision()}"))
    try:
        upgrade(url)
    except Exception as error:
        if path is not None and state.status is SchemaStatus.MISSING:
            remove_database(path)  # a database half-created is no database
        if path is None and getattr(getattr(error, "orig", None), "sqlstate", None) == "42501":
            raise SchemaError(
                f"this login may not {'upgrade' if state.revision else 'create'} the "
                "portfolio schema on the server: the owner role runs the migrations "
                "(`portfolio init --db` with the owner's URL); nothing was changed"
            ) from error
        failure = storage_failure(getattr(error, "orig", error), path or Path(url))
        if failure is getattr(error, "orig", error):
            raise
        raise failure from error
    return OpenOutcome(state, backup)


def upgrade(url: str, revision: str = "head") -> None:
    """Run Alembic up to `revision` in one transaction, then check foreign keys (SQLite)
    or give the logins their rights on the tables (PostgreSQL: `store.db.grants`). A
    blank SQLite file going to the newest revision may get the schema as SQL instead
    (`store.db.fresh`)."""
    from store.db.engine import build_engine

    # Batch migrations copy tables; foreign keys are checked once at the end instead.
    engine = build_engine(url, foreign_keys=False)
    try:
        with engine.begin() as connection:
            if revision == "head" and url.startswith("sqlite"):
                from store.db.fresh import create_schema

                create_schema(connection, migrate)
            else:
                migrate(connection, revision)
            if url.startswith("sqlite"):
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise SchemaError(f"upgrade left broken foreign keys: {broken[:3]}")
            else:
                from store.db.grants import apply_grants

                apply_grants(connection)
    finally:
        engine.dispose()


def migrate(connection: Connection, revision: str) -> None:
    """Run Alembic up to `revision` on `connection`, in its transaction. One migration
    at a time in a process: Alembic's `op` and `context` are module-wide."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    with _MIGRATING:
        command.upgrade(config, revision)
