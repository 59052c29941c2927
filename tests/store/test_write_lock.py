"""`BEGIN IMMEDIATE` waits for another writer's lock, retrying, and still gives up with
"database is locked" once the overall timeout has passed."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from store.db.engine import build_engine

pytestmark = pytest.mark.sqlite_only(
    "BEGIN IMMEDIATE and its busy retries on the file, held by a raw sqlite3 connection; "
    "PostgreSQL's advisory write lock is tested in test_backend_postgres"
)


def _hold_lock(db_path) -> sqlite3.Connection:
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_write_waits_for_a_lock_released_within_the_timeout(store, db_path):
    holder = _hold_lock(db_path)
    releaser = threading.Timer(0.2, holder.execute, ("COMMIT",))
    releaser.start()
    engine = build_engine(f"sqlite:///{db_path}", busy_timeout_ms=10_000)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO setting (key, value) VALUES ('k', 'v')"))
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    releaser.join()
    holder.close()
    engine.dispose()


def test_a_write_gives_up_when_the_lock_is_held_past_the_timeout(store, db_path):
    holder = _hold_lock(db_path)
    engine = build_engine(f"sqlite:///{db_path}", busy_timeout_ms=100)
    with pytest.raises(OperationalError, match="locked"), engine.begin() as connection:
        connection.execute(text("INSERT INTO setting (key, value) VALUES ('k', 'v')"))
    holder.execute("ROLLBACK")
    holder.close()
    engine.dispose()
