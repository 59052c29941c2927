"""Make every new store connection meet a full disk or a read-only database.

The tests run as root here, and root writes through `chmod 0444`, so in-process tests
reach SQLite's own failure codes another way: `PRAGMA max_page_count` pinned at the
file's current size gives SQLITE_FULL exactly where a full disk would (when a save
needs a new page), and `PRAGMA query_only` gives SQLITE_READONLY as a read-only file
does. `tests/cli/test_unwritable_cli.py` meets the real thing (a full tmpfs, a read-only
mount) in a private mount namespace.
"""

from __future__ import annotations

import sqlite3

import store.db.backend_sqlite

PASTED = (
    "The recovery plan was re-baselined after the second gateway review found that the "
    "custody suite works could not start until the estates survey was signed off. "
) * 40
"""A long rationale, as pasted from a board paper: over a page, so saving it needs new
pages in the file and a full disk refuses it however much slack the last page has."""


def _wrap(monkeypatch, extra) -> None:
    original = store.db.backend_sqlite.apply_pragmas

    def apply(connection: sqlite3.Connection, **kwargs) -> None:
        original(connection, **kwargs)
        extra(connection)

    monkeypatch.setattr(store.db.backend_sqlite, "apply_pragmas", apply)


def disk_full(monkeypatch, spare_pages: int = 0) -> None:
    """Every write connection opened from now on cannot grow the file by more than
    `spare_pages` pages."""

    def pin(connection: sqlite3.Connection) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + spare_pages}")

    _wrap(monkeypatch, pin)


def read_only(monkeypatch) -> None:
    """Every write connection opened from now on cannot write at all."""
    _wrap(monkeypatch, lambda connection: connection.execute("PRAGMA query_only = ON"))


def counts(connection) -> tuple[int, ...]:
    """Rows in the tables a save touches, to show that nothing was half-written."""
    return tuple(
        connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("audit_event", "rag_assessment", "current_rag", "proposal", "sc_request")
    )
