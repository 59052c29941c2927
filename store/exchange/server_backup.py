"""Backup and restore of a portfolio kept on a PostgreSQL server, as a portfolio file.

A server database is backed up into a new SQLite portfolio file, and restored from one
into an empty server database, with `store.move.copy_database` (`portfolio copy-to`):
every row, user and audit event, in one transaction, the copied chain verified inside
it (its head must be the source's), one more event recording the copy. So an anchor
taken on the server passes `portfolio check --db BACKUP --expect ANCHOR`, anywhere and
without a server, and again on the database restored from it. The file is checked as
`portfolio check` checks a laptop's (`integrity_check` too) before it is kept.

A server database that holds rows is never written over, even with `--force`: a
restore goes into an empty database (one the DBA has just made, `createdb`), which the
app's login is then pointed at; the one it replaces is left for the DBA to drop.
"""

from __future__ import annotations

from pathlib import Path

from store.db.backup import page_count
from store.errors import InputError, PortfolioError
from store.exchange.archive import BackupResult, RestoreResult, integrity
from store.files import write_atomically
from store.move import copy_database, held_rows
from store.paths import shown_url, sqlite_url


def backup_server(url: str, destination: Path, *, actor: str, force: bool = False) -> BackupResult:
    """Copy the server database at `url` into the new portfolio file `destination`,
    acting as `actor`, and verify the file. It is written beside `destination` and
    renamed into place only when whole and sound; another file is replaced only with
    `force`."""
    destination = Path(destination)

    def write(temporary: Path) -> None:
        copied = copy_database(url, sqlite_url(temporary), actor)
        verdict = integrity(temporary)
        problems = [*copied.target_check.problems, *([] if verdict == "ok" else [verdict])]
        if problems:
            raise PortfolioError(f"the copy failed its check ({'; '.join(problems)}); no backup")

    path = write_atomically(destination, write, force=force, field="file")
    return BackupResult(path, page_count(path), path.stat().st_size, "ok")


def restore_to_server(source: Path, url: str, *, actor: str) -> RestoreResult:
    """Copy the portfolio file `source` into the empty server database at `url`, acting
    as `actor`; InputError when the file is not a sound portfolio or the server
    database holds rows (it is never written over)."""
    source = Path(source)
    if not source.is_file():
        raise InputError("file", f"{source} does not exist")
    _refuse_a_database_with_rows(url)
    report = copy_database(sqlite_url(source), url, actor)
    if not report.target_check.ok:
        raise PortfolioError(
            "the restored database failed its check: " + "; ".join(report.target_check.problems)
        )
    return RestoreResult(source, shown_url(url), None, report.total, report.event_hash)


def _refuse_a_database_with_rows(url: str) -> None:
    """InputError when the server database at `url` holds rows (none when it has no
    schema yet)."""
    from store.db.backend import backend_for
    from store.db.schema import SchemaStatus, inspect_url

    if inspect_url(url).status is not SchemaStatus.CURRENT:
        return
    backend = backend_for(url)
    connection = backend.connect_read()
    try:
        held = held_rows(connection)
    finally:
        connection.close()
    if held:
        raise InputError(
            "database",
            f"{shown_url(url)} holds data ({sum(held.values())} rows); a server database is "
            "never restored over, even with --force: restore into a new, empty database "
            "(`createdb`, owned by the schema owner) and point the app at it",
        )
