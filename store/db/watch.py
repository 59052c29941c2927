"""Has anyone changed the database since I last looked? A cheap signal for live refresh.

`Store.watch_changes()` gives a `ChangeWatcher` on a connection of its own, whose
`wait(stop)` blocks (in a worker thread, never on the event loop) until a write is
committed to the database or `stop` is set:

- SQLite: `PRAGMA data_version` changes when another connection commits to the file
  (another process, or this one's write engine); it is read every `POLL_SECONDS`, one
  in-memory look-up, so an idle watcher costs nothing to speak of;
- PostgreSQL: every audited write sends `NOTIFY portfolio_changed, '<entity>'` in its
  transaction (`announce_change`, called where the audit event is added), delivered
  when it commits; the watcher `LISTEN`s and waits on psycopg's notifies generator.

A burst of saves is reported once: what came in meanwhile is drained before `wait`
returns. Own saves are reported too (harmless: the screen reads again what it shows).
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any, Protocol

from store.db.dialect import POSTGRESQL, dialect_of

CHANNEL = "portfolio_changed"
POLL_SECONDS = 0.5  # how often SQLite's data_version is read (and PostgreSQL's stop checked)
ANNOUNCED = "announced"  # session.info key: the entities already announced in it
DRAIN_SECONDS = 0.05  # after one notification, how long to gather the rest of a burst


class ChangeWatcher(Protocol):
    """Waits for a write committed by another connection (see the module docstring)."""

    def wait(self, stop: threading.Event) -> bool:
        """Block until the database changes (True) or `stop` is set (False)."""

    def close(self) -> None:
        """Close the watcher's connection."""


class SqliteWatcher:
    """Polls `PRAGMA data_version` on a connection that never writes."""

    def __init__(self, path: str, poll_seconds: float = POLL_SECONDS) -> None:
        self.poll_seconds = poll_seconds
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._version = self._read()

    def _read(self) -> int:
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        """True when a commit has landed since the last look (False while the file
        cannot be read: the next look tries again)."""
        try:
            now = self._read()
        except sqlite3.OperationalError:
            return False
        changed, self._version = now != self._version, now
        return changed

    def wait(self, stop: threading.Event) -> bool:
        """Look every `poll_seconds` until a commit lands or `stop` is set."""
        while not stop.wait(self.poll_seconds):
            if self.changed():
                return True
        return False

    def close(self) -> None:
        """Close the polling connection."""
        self._connection.close()


class PostgresWatcher:
    """`LISTEN portfolio_changed` on a connection of its own."""

    def __init__(self, libpq_url: str, poll_seconds: float = POLL_SECONDS) -> None:
        import psycopg

        self.poll_seconds = poll_seconds
        self._connection = psycopg.connect(libpq_url, autocommit=True)
        self._connection.execute(f"LISTEN {CHANNEL}")

    def wait(self, stop: threading.Event) -> bool:
        """Wait for a notification, looking at `stop` every `poll_seconds`."""
        notifies = self._connection.notifies
        while not stop.is_set():
            if any(True for _ in notifies(timeout=self.poll_seconds, stop_after=1)):
                for _ in notifies(timeout=DRAIN_SECONDS):
                    pass
                return True
        return False

    def close(self) -> None:
        """Close the listening connection."""
        self._connection.close()


def announce_change(session: Any, entity: str) -> None:
    """On PostgreSQL, tell listeners (when the transaction commits) that `entity` changed,
    once per entity in a session (a bulk load sends a handful, not one per row); SQLite's
    watchers need no telling."""
    announced = session.info.setdefault(ANNOUNCED, set())
    if entity in announced or dialect_of(session) != POSTGRESQL:
        return
    announced.add(entity)
    session.connection().exec_driver_sql("SELECT pg_notify(%s, %s)", (CHANNEL, entity))
