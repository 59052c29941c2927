"""Take SQLite's write lock (`BEGIN IMMEDIATE`) without starving behind busy writers.

SQLite's own busy handler polls ever more slowly, sleeping 100 ms between tries after the
first third of a second, so a writer waiting behind others that save back to back can
miss every gap between their transactions and give up after the whole timeout. Here
SQLite waits only a few milliseconds per try and we try again after a short random
pause, until the same overall timeout: nothing has been done in the transaction yet,
so trying `BEGIN IMMEDIATE` again is safe.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

POLL_MS = 5


def is_lock_error(error: BaseException) -> bool:
    """True when SQLite refused because another connection holds the lock."""
    text = str(getattr(error, "orig", error)).lower()
    return "locked" in text or "busy" in text


def begin_immediate(execute: Callable[[str], object], timeout_ms: int) -> None:
    """Run `BEGIN IMMEDIATE` through `execute`, retrying while the database is locked,
    for up to `timeout_ms` in all; then restore the connection's busy timeout."""
    deadline = time.monotonic() + timeout_ms / 1000
    execute(f"PRAGMA busy_timeout = {POLL_MS}")
    try:
        while True:
            try:
                execute("BEGIN IMMEDIATE")
                return
            except Exception as error:
                if not is_lock_error(error) or time.monotonic() >= deadline:
                    raise
            time.sleep(random.uniform(0.0005, 0.003))
    finally:
        execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
