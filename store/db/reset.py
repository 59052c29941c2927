"""Replace a SQLite database with an empty one, keeping a backup of what was there."""

from __future__ import annotations

from pathlib import Path

from store.db.backup import backup_sqlite, timestamped_backup_path
from store.db.schema import open_database


def reset_sqlite(path: Path) -> Path | None:
    """Back up `path` (when it exists), remove it with its WAL files, and create an
    empty database at the current schema. Returns the backup's path, if any."""
    backup = None
    if path.exists() and path.stat().st_size > 0:
        backup = backup_sqlite(path, timestamped_backup_path(path, "replaced"))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_database(f"sqlite:///{path}")
    return backup
