"""Copy a live SQLite database safely with the online backup API."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy `source` to `destination` with SQLite's backup API; safe while others write."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return destination


def integrity_verdict(connection: sqlite3.Connection) -> str:
    """`ok`, or the first five problems `PRAGMA integrity_check` finds on `connection`."""
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    return "ok" if rows == ["ok"] else "; ".join(rows[:5])


def timestamped_backup_path(source: Path, label: str) -> Path:
    """A sibling path like `portfolio.db.before-0002-20261122T031500Z.bak`."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return source.with_name(f"{source.name}.{label}-{stamp}.bak")
