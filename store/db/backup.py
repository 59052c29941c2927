"""Copy a live SQLite database safely with the online backup API."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from store.files import write_atomically
from store.paths import sqlite_uri

OnProgress = Callable[[int, int], None]
PAGES_PER_STEP = 256


def copy_pages(
    source: sqlite3.Connection,
    target: sqlite3.Connection,
    on_progress: OnProgress | None = None,
) -> None:
    """Copy the database open on `source` over the one open on `target` with SQLite's
    online backup, a few pages a step, reporting `on_progress(done, total)` pages."""

    def step(_status: int, remaining: int, total: int) -> None:
        if on_progress is not None:
            on_progress(total - remaining, total)

    source.backup(target, pages=PAGES_PER_STEP, progress=step)


def copy_to_file(
    source: sqlite3.Connection, destination: Path, on_progress: OnProgress | None = None
) -> None:
    """Copy the database open on `source` into the new (or empty) file `destination`,
    as one self-contained file (no WAL beside it)."""
    target = sqlite3.connect(destination)
    try:
        copy_pages(source, target, on_progress)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()


def copy_over(source: Path, target: Path, on_progress: OnProgress | None = None) -> None:
    """Copy the database file `source` over the live database `target` (owner-only) with
    SQLite's online backup, a few pages a step: through SQLite's own locking, so others
    with `target` open see the old database or the new one, never a mix, and a kill
    leaves one of them whole."""
    from store.db.pragmas import connect_sqlite
    from store.files import create_private_file

    create_private_file(target)
    src = sqlite3.connect(sqlite_uri(source), uri=True)
    try:
        dst = connect_sqlite(str(target))
        try:
            copy_pages(src, dst, on_progress)
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy `source` to the new file `destination` with SQLite's backup API (safe while
    others write), written whole or not at all, owner-only."""

    def write(temporary: Path) -> None:
        src = sqlite3.connect(sqlite_uri(source), uri=True)
        try:
            copy_to_file(src, temporary)
        finally:
            src.close()

    return write_atomically(destination, write, protect=(source,))


def page_count(path: Path) -> int:
    """The number of pages in the SQLite file at `path`."""
    connection = sqlite3.connect(sqlite_uri(path), uri=True)
    try:
        return connection.execute("PRAGMA page_count").fetchone()[0]
    finally:
        connection.close()


def integrity_verdict(connection: sqlite3.Connection) -> str:
    """`ok`, or the first five problems `PRAGMA integrity_check` finds on `connection`."""
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    return "ok" if rows == ["ok"] else "; ".join(rows[:5])


def timestamped_backup_path(source: Path, label: str) -> Path:
    """A new sibling path like `portfolio.db.before-0002-20261122T031500Z.bak` (with
    `-2`, `-3`… added when one was already taken that second)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = source.with_name(f"{source.name}.{label}-{stamp}.bak")
    number = 1
    while path.exists():
        number += 1
        path = source.with_name(f"{source.name}.{label}-{stamp}-{number}.bak")
    return path
