"""Helpers for the exchange tests: file hashes and reading an export back as plain data."""

from __future__ import annotations

import hashlib
from pathlib import Path

from store.exchange.load import read_file


def db_hash(path: Path) -> str:
    """SHA-256 of the database file and its WAL (if any), byte for byte."""
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        part = Path(f"{path}{suffix}")
        digest.update(part.read_bytes() if part.exists() else b"")
    return digest.hexdigest()


def contents(path: Path) -> dict[str, tuple[list[str], list[list]]]:
    """Every table of an export as (header, rows of cells), as its reader sees them."""
    raw = read_file(path)
    assert not raw.problems
    return {
        name: (table.header, [list(cells) for _number, cells in table.rows])
        for name, table in raw.tables.items()
    }
