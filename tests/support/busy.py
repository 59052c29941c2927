"""Helpers for tests of a busy database: another process holding the write lock, and the
form's "Database busy" retrying while it is held."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from textual.pilot import Pilot

from store.paths import sqlite_path
from tests.support.tui import press, screen_text, settle, until


def _server_url(db: Path | str) -> str | None:
    """The URL of a database on a server that `db` (a file, or a URL) names, or None."""
    where = str(db)
    return where if "://" in where and not where.startswith("sqlite") else None


@contextmanager
def write_lock_held(db: Path | str) -> Iterator[None]:
    """Another process's write transaction on the database `db` names (a file, or a
    URL), held for the block: every save meanwhile finds the database busy. On a server
    it holds the write lock every save takes first (the advisory lock)."""
    url = _server_url(db)
    if url is not None:
        from store.db.backend_postgres import WRITE_LOCK_KEY

        with server_transaction_held(url, f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"):
            yield
        return
    path = sqlite_path(str(db)) if str(db).startswith("sqlite") else db
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@contextmanager
def server_transaction_held(url: str, statement: str) -> Iterator[None]:
    """Another connection to the server database at `url` that ran `statement` (taking
    a lock: `SELECT ... FOR UPDATE` holds rows) in a transaction held for the block."""
    import psycopg

    from store.db.backend_postgres import libpq_url

    with psycopg.connect(libpq_url(url)) as holder:
        holder.execute(statement)
        try:
            yield
        finally:
            holder.rollback()


async def busy_stopped_and_busy_again(pilot: Pilot, form, kept) -> None:
    """While another process holds the write lock: ctrl+s says "Database busy" and the
    form stays with what was typed (`kept()` holds); escape stops the retrying and keeps
    everything; ctrl+s tries again and is busy again."""
    app = pilot.app
    await pilot.press("ctrl+s")
    await until(pilot, lambda: "Database busy" in screen_text(app))
    assert app.screen is form and kept()
    await press(pilot, "escape")
    assert app.screen is form and "stopped retrying" in screen_text(app)
    assert kept()
    await pilot.press("ctrl+s")
    await until(pilot, lambda: "Database busy" in screen_text(app))


@asynccontextmanager
async def busy_then_lands(pilot: Pilot, db: Path | str, form, kept) -> AsyncIterator[None]:
    """With another process holding the write lock on `db` (a file, or a URL): the round trip of
    `busy_stopped_and_busy_again`, then the block (still locked: check nothing was
    saved); once the lock is released, the automatic retry lands the save, the form
    closes, and the screen below has read the saved record again (its read is a worker
    started when the form closes, so it may land a moment after)."""
    with write_lock_held(db):
        await busy_stopped_and_busy_again(pilot, form, kept)
        yield
    await until(pilot, lambda: pilot.app.screen is not form)
    await settle(pilot)
