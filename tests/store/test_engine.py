"""Every connection gets the house pragmas, and writes take the lock up front."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text


def _pragmas(execute) -> dict[str, object]:
    return {
        name: execute(f"PRAGMA {name}")
        for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
    }


@pytest.mark.sqlite_only("SQLite's per-connection pragmas; PostgreSQL has none to set")
def test_raw_read_connections_have_the_pragmas(store):
    with store.reading() as connection:
        found = _pragmas(lambda sql: connection.execute(sql).fetchone()[0])
    assert found["foreign_keys"] == 1
    assert found["journal_mode"] == "wal"
    assert found["synchronous"] == 2  # FULL
    assert found["busy_timeout"] > 0


@pytest.mark.sqlite_only("SQLite's per-connection pragmas; PostgreSQL has none to set")
def test_write_sessions_have_the_pragmas(store):
    with store.writing() as session:
        found = _pragmas(lambda sql: session.connection().exec_driver_sql(sql).scalar())
    assert found == {
        "foreign_keys": 1,
        "journal_mode": "wal",
        "synchronous": 2,
        "busy_timeout": found["busy_timeout"],
    }
    assert found["busy_timeout"] > 0


@pytest.mark.sqlite_only(
    "BEGIN IMMEDIATE seen from a second sqlite3 connection on the file; PostgreSQL's advisory"
    " write lock is tested in test_backend_postgres"
)
def test_a_write_session_holds_the_write_lock_from_its_first_statement(store, db_path):
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with store.writing() as session:
            session.execute(text("SELECT 1"))  # a read: a deferred BEGIN would take no lock
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the session commits
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_foreign_keys_are_enforced_on_writes(store):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.writing() as session:
        session.execute(
            text(
                "INSERT INTO initiative (code, name, kind, business_group_id) "
                "VALUES ('X', 'X', 'project', 999)"
            )
        )
