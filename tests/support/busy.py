"""Helpers for tests of a busy database: another process holding the write lock, and the
form's "Database busy" retrying while it is held."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from textual.pilot import Pilot

from tests.support.tui import press, screen_text, until


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another process's write transaction on the database file, held for the block:
    every save meanwhile finds the database busy."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


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
async def busy_then_lands(pilot: Pilot, path: Path, form, kept) -> AsyncIterator[None]:
    """With another process holding the write lock on `path`: the round trip of
    `busy_stopped_and_busy_again`, then the block (still locked: check nothing was
    saved); once the lock is released, the automatic retry lands the save and the
    form closes."""
    with write_lock_held(path):
        await busy_stopped_and_busy_again(pilot, form, kept)
        yield
    await until(pilot, lambda: pilot.app.screen is not form)
