"""The PostgreSQL back end: placeholders translated in one place, rows read by name,
errors classified by SQLSTATE (these need no server), and writes serialised by the
advisory lock (these run when `PORTFOLIO_TEST_PG` names a server)."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from sqlalchemy import text

from store.db.backend import ErrorKind, backend_for
from store.db.backend_postgres import Row, classify_postgres, translate
from store.errors import DatabaseBusyError
from store.handle import Store
from tests.support import pg

needs_server = pytest.mark.skipif(
    pg.server_url() is None, reason="needs a PostgreSQL server (PORTFOLIO_TEST_PG)"
)


def test_named_and_positional_placeholders_become_psycopgs():
    assert translate("SELECT * FROM t WHERE a = :a AND b = :b_2") == (
        "SELECT * FROM t WHERE a = %(a)s AND b = %(b_2)s"
    )
    assert translate("SELECT * FROM t WHERE a = ?") == "SELECT * FROM t WHERE a = %s"


def test_literals_casts_and_percent_signs_are_left_meaning_what_they_meant():
    sql = "SELECT x::text, '09:30 :not ?', \"odd:name\" FROM t WHERE y LIKE '50%' AND z = :z"
    assert translate(sql) == (
        "SELECT x::text, '09:30 :not ?', \"odd:name\" FROM t WHERE y LIKE '50%%' AND z = %(z)s"
    )


def test_a_row_reads_by_name_and_by_position():
    row_type = type("Row", (Row,), {"__slots__": (), "_index": {"code": 0, "name": 1}})
    row = row_type(("LEAN", "Lean policing"))
    assert row["name"] == "Lean policing"
    assert row[0] == "LEAN"
    assert dict(**row) == {"code": "LEAN", "name": "Lean policing"}
    code, _ = row
    assert code == "LEAN"


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (psycopg.errors.LockNotAvailable, ErrorKind.BUSY),
        (psycopg.errors.SerializationFailure, ErrorKind.BUSY),
        (psycopg.errors.UniqueViolation, ErrorKind.INTEGRITY),
        (psycopg.errors.RestrictViolation, ErrorKind.INTEGRITY),
        (psycopg.errors.ReadOnlySqlTransaction, ErrorKind.READ_ONLY),
        (psycopg.errors.InsufficientPrivilege, ErrorKind.NOT_ALLOWED),
        (psycopg.errors.UndefinedTable, ErrorKind.SCHEMA),
        (psycopg.errors.DivisionByZero, ErrorKind.OTHER),
    ],
)
def test_errors_are_classified_by_sqlstate(error, kind):
    assert classify_postgres(error("whatever the message says")) is kind


def test_the_url_chooses_the_back_end():
    assert backend_for("sqlite:///x.db").name == "sqlite"
    assert backend_for("postgresql+psycopg://app@/portfolio?host=/run").name == "postgresql"


def _insert(handle: Store, key: str) -> None:
    with handle.writing() as session:
        session.execute(text("INSERT INTO setting (key, value) VALUES (:k, 'v')"), {"k": key})


@needs_server
def test_a_second_writer_waits_for_the_first_then_saves(store):
    holder = store.backend.build_engine(busy_timeout_ms=5000)
    other = Store(store.url, "tester")
    with holder.begin() as connection:
        connection.execute(text("INSERT INTO setting (key, value) VALUES ('first', 'v')"))
        waiting = threading.Thread(target=_insert, args=(other, "second"))
        waiting.start()
        time.sleep(0.3)
        assert waiting.is_alive(), "the second writer did not wait for the lock"
    waiting.join(5)
    with store.reading() as connection:
        keys = [row[0] for row in connection.execute("SELECT key FROM setting ORDER BY key")]
    assert {"first", "second"} <= set(keys)
    other.close()
    holder.dispose()


@needs_server
def test_a_writer_gives_up_busy_when_the_lock_is_held_past_its_timeout(store):
    holder = store.backend.build_engine(busy_timeout_ms=5000)
    store.set_busy_timeout(100)
    with holder.begin(), pytest.raises(DatabaseBusyError):
        _insert(store, "late")
    holder.dispose()
