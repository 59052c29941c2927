"""Backup and restore of the whole database file with SQLite's online backup API.

A backup copies page by page from a live connection, so it is safe while the app (or
another process) is writing; the copy is then checked with `PRAGMA integrity_check`.
A restore refuses to replace a database that holds any data unless forced, refuses a
backup that is not sound, and keeps a backup of what it replaces before copying the
chosen file in; it prepares the copy beside the database first, so a failure leaves
the database as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from store.audit import ChainReport, record_event
from store.check import check_database
from store.db.backup import (
    backup_sqlite,
    copy_over,
    copy_to_file,
    integrity_verdict,
    page_count,
    timestamped_backup_path,
)
from store.db.dialect import table_names
from store.db.pragmas import connect_sqlite
from store.db.schema import SchemaStatus, inspect_sqlite, refuse_unless_openable, upgrade
from store.errors import InputError, PortfolioError, SchemaError
from store.files import staged_beside, write_atomically
from store.generation import RESTORE
from store.paths import sqlite_uri, sqlite_url

OnProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupResult:
    """Where the copy went, its size in pages and bytes, and what integrity_check said."""

    path: Path
    pages: int
    bytes: int
    integrity: str


@dataclass(frozen=True)
class RestoreResult:
    """What was restored into where, where the replaced database was kept (if any), and
    the hash of the restore's audit event."""

    source: Path
    target: Path
    replaced_backup: Path | None
    rows: int
    audit_hash: str


def integrity(path: Path) -> str:
    """`ok`, or the first problems PRAGMA integrity_check found in the file at `path`."""
    connection = sqlite3.connect(sqlite_uri(path), uri=True)
    try:
        return integrity_verdict(connection)
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()


def backup_database(
    source: Path,
    destination: Path,
    *,
    force: bool = False,
    on_progress: OnProgress | None = None,
) -> BackupResult:
    """Copy the live database at `source` to `destination` and verify the copy. The copy
    is written beside `destination` and renamed into place only when it is whole and
    sound; it never replaces a database, and replaces another file only with `force`."""
    source, destination = Path(source), Path(destination)
    if not source.exists():
        raise InputError("database", f"{source} does not exist")

    def write(temporary: Path) -> None:
        src = connect_sqlite(str(source))
        try:
            copy_to_file(src, temporary, on_progress)
        finally:
            src.close()
        verdict = integrity(temporary)
        if verdict != "ok":
            raise PortfolioError(f"the copy failed integrity_check ({verdict}); no backup was kept")

    write_atomically(destination, write, force=force, protect=(source,), field="file")
    return BackupResult(destination, page_count(destination), destination.stat().st_size, "ok")


def data_rows(path: Path) -> int:
    """Rows in the database's tables other than its schema version (0 for no file)."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    connection = sqlite3.connect(sqlite_uri(path), uri=True)
    try:
        tables = [name for name in table_names(connection) if name != "alembic_version"]
        return sum(
            connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in tables
        )
    finally:
        connection.close()


def _require_restore_permission(target: Path, actor: str) -> None:
    """Raise PermissionDenied (recorded in `target`'s audit log) unless `actor` may
    replace the database at `target` (and the OS account may act as them)."""
    from store.handle import Store
    from store.users.acting import authorise_acting
    from store.users.guard import require
    from store.users.roles import Permission

    store = Store(sqlite_url(target), actor)
    try:
        authorise_acting(store)
        with store.writing() as session:
            require(session, Permission.RESTORE_DATA)
    finally:
        store.close()


def restore_database(
    source: Path,
    target: Path,
    *,
    actor: str,
    force: bool = False,
    on_progress: OnProgress | None = None,
) -> RestoreResult:
    """Replace the database at `target` with the backup at `source`, on behalf of `actor`.

    Refuses (InputError) when `target` holds data and `force` is False, and
    (PermissionDenied, audited in `target`) when `target` holds data that `actor` may not
    replace: only an admin restores over a database in use. The file at
    `source` must be a sound portfolio database this app can open. It is copied to a
    file beside `target`, upgraded there if older, checked as `portfolio check` does
    (a broken audit chain or missing guard triggers refuse it), and given a `restore`
    audit event; only then is it copied into place, so a failure leaves `target` as it was.
    """
    source, target = Path(source), Path(target)
    _check_backup(source)
    rows = data_rows(target)
    if rows and not force:
        raise InputError(
            "database",
            f"{target} holds data ({rows} rows); restoring would replace it. "
            "Use --force to replace it (a backup of it is kept)",
        )
    if rows:
        _require_restore_permission(target, actor)
    with staged_beside(target, ".restoring") as staged:
        src = sqlite3.connect(sqlite_uri(source), uri=True)
        try:
            copy_to_file(src, staged)
        finally:
            src.close()
        digest = _prepare(source, staged, target, actor)
        kept = None
        if target.exists() and target.stat().st_size > 0:
            kept = backup_sqlite(target, timestamped_backup_path(target, "before-restore"))
        copy_over(staged, target, on_progress)
    return RestoreResult(source, target, kept, data_rows(target), digest)


def _prepare(source: Path, staged: Path, target: Path, actor: str) -> str:
    """Upgrade the copy of `source` at `staged` if it is older, refuse it unless every
    check holds, and record the restore in it; returns the event's hash."""
    if inspect_sqlite(staged).status is SchemaStatus.OLDER:
        try:
            upgrade(sqlite_url(staged))
        except Exception as error:
            raise SchemaError(
                f"{source} could not be upgraded to this version of the app ({error}); "
                f"{target} was not changed"
            ) from error
    report = check_database(staged)
    if not report.ok:
        raise InputError(
            "file",
            f"{source} is not sound, so it was not restored: " + "; ".join(report.problems),
        )
    return _record_restore(source, staged, actor, report.chain)


def _record_restore(source: Path, staged: Path, actor: str, chain: ChainReport | None) -> str:
    """Record in the copy at `staged` who restored it, from which file, and the head of
    its audit chain; a fresh restore id makes each restore a new generation. Returns the
    event's hash."""
    from store.handle import Store

    head = chain.last_hash if chain is not None else None
    with Store(sqlite_url(staged), actor) as store, store.writing() as session:
        return record_event(
            session,
            entity=RESTORE,
            entity_id=source.name,
            action=RESTORE,
            after={"file": str(source.resolve()), "chain_head": head, "restore_id": uuid4().hex},
            reason=f"restored from {source.name}",
        )


def _check_backup(source: Path) -> None:
    """Refuse (InputError) a backup that is missing, empty, not a portfolio database this
    app can open, or not sound."""
    if not source.is_file():
        raise InputError("file", f"{source} does not exist")
    try:
        state = inspect_sqlite(source)
    except SchemaError as error:
        raise InputError("file", str(error)) from None
    if state.status in (SchemaStatus.EMPTY, SchemaStatus.MISSING):
        raise InputError("file", f"{source} is an empty file, not a portfolio backup")
    try:
        refuse_unless_openable(state, str(source))
    except SchemaError as error:
        raise InputError("file", str(error)) from None
    verdict = integrity(source)
    if verdict != "ok":
        raise InputError("file", f"{source} failed integrity_check ({verdict}); not restored")
