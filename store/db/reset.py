"""Replace a SQLite database with an empty one, keeping a backup of what was there."""

from __future__ import annotations

from pathlib import Path

from store.db.backup import backup_sqlite, timestamped_backup_path
from store.db.schema import open_database
from store.files import remove_database
from store.paths import sqlite_url


def reset_sqlite(path: Path) -> Path | None:
    """Back up `path` (when it exists), remove it with its WAL files, and create an
    empty database at the current schema. Returns the backup's path, if any."""
    backup = None
    if path.exists() and path.stat().st_size > 0:
        backup = backup_sqlite(path, timestamped_backup_path(path, "replaced"))
    remove_database(path)
    open_database(sqlite_url(path))
    return backup
