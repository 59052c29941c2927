"""The dialect module and the portable SQL helpers, on the engine under test (SQLite, or
PostgreSQL with PORTFOLIO_TEST_PG): the engine is told from the connection, the
catalogue look-ups find what the schema holds, and a window of "all rows" and a count
of a condition give what SQLite's `LIMIT -1` and `SUM(condition)` gave."""

from __future__ import annotations

import sqlite3

import pytest

from store.db import dialect
from store.sql import ALL_ROWS, count_where, window
from store.tamper import guard_triggers


def test_the_engine_is_told_from_any_kind_of_connection(store):
    engine = store.backend.name
    with store.reading() as connection:
        assert dialect.dialect_of(connection) == engine
    with store.writing() as session:
        assert dialect.dialect_of(session.connection()) == engine
        assert dialect.dialect_of(session.connection().connection) == engine
    assert dialect.dialect_of(object()) == dialect.POSTGRESQL


def test_marks_are_the_drivers_own():
    connection = sqlite3.connect(":memory:")
    assert dialect.marks(connection, 3) == "?, ?, ?"
    assert dialect.marks(object(), 2) == "%s, %s"


def test_marks_are_what_the_connection_given_takes(store):
    with store.reading() as connection:
        holes = dialect.marks(connection, 1)
        assert connection.execute(f"SELECT {holes} || '%'", ("50",)).fetchone()[0] == "50%"
    with store.writing() as session:
        connection = session.connection()
        holes = dialect.marks(connection, 1)
        assert connection.exec_driver_sql(f"SELECT {holes}", ("x",)).scalar() == "x"


def test_the_catalogue_lists_tables_triggers_and_created_indexes(store):
    with store.reading() as connection:
        tables = dialect.table_names(connection)
        assert "initiative" in tables and "audit_event" in tables
        assert not [name for name in tables if name.startswith("sqlite_")]
        assert set(guard_triggers()) <= dialect.trigger_names(connection)
        indexes = dialect.created_indexes(connection, ["audit_event"])
        assert "ix_audit_event_entity" in [name for name, _ in indexes]
        assert all(create.upper().startswith("CREATE") for _, create in indexes)
        varchar = "VARCHAR" if store.backend.name == dialect.SQLITE else "CHARACTER VARYING"
        assert dialect.column_types(connection, "setting") == {"key": varchar, "value": varchar}
        assert dialect.foreign_key_violations(connection) == []


@pytest.mark.sqlite_only("the page cache is a SQLite pragma; on PostgreSQL bulk_cache does nothing")
def test_pragmas_for_a_bulk_load_are_put_back(store):
    with store.writing() as session:
        connection = session.connection()
        before = dialect.bulk_cache(connection, None)
        assert dialect.bulk_cache(connection) == before
        assert dialect.bulk_cache(connection, None) == -dialect.BULK_CACHE_KIB
        dialect.restore_cache(connection, before)
        assert dialect.bulk_cache(connection, None) == before
    assert dialect.bulk_cache(object()) is None


def test_a_window_of_all_rows_and_a_count_of_a_condition():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (n INTEGER)")
    connection.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(5)])
    params: dict = {}
    sql = f"SELECT n FROM t ORDER BY n {window(-1, 2, params)}"
    assert params == {"limit": ALL_ROWS, "offset": 2}
    assert [row[0] for row in connection.execute(sql, params)] == [2, 3, 4]
    counts = f"SELECT {count_where('n > 2')}, {count_where('n > 9')} FROM t"
    assert connection.execute(counts).fetchone() == (2, 0)


@pytest.mark.parametrize("count", [0, 1, dialect.ROWS_PER_INSERT, 2 * dialect.ROWS_PER_INSERT + 49])
def test_a_bulk_insert_writes_every_row_in_order(store, count):
    rows = [(f"bulk.{n:04d}", f"value {n}") for n in range(count)]
    with store.writing() as session:
        driver = session.connection().connection.driver_connection
        dialect.bulk_insert(driver, "setting", ["key", "value"], rows)
        written = session.connection().exec_driver_sql(
            "SELECT key, value FROM setting WHERE substr(key, 1, 5) = 'bulk.' ORDER BY key"
        )
        assert [tuple(row) for row in written] == rows


def test_a_bulk_insert_with_a_refused_row_raises_and_writes_nothing_of_it(store):
    rows = [(f"bulk.{n:04d}", "v") for n in range(dialect.ROWS_PER_INSERT + 10)]
    rows[-1] = rows[0]  # the key again
    with store.writing() as session:
        connection = session.connection()
        connection.exec_driver_sql("SAVEPOINT bulk")
        with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
            dialect.bulk_insert(
                connection.connection.driver_connection, "setting", ["key", "value"], rows
            )
        connection.exec_driver_sql("ROLLBACK TO SAVEPOINT bulk")
        left = connection.exec_driver_sql(
            "SELECT COUNT(*) FROM setting WHERE substr(key, 1, 5) = 'bulk.'"
        )
        assert left.scalar() == 0


def test_a_bulk_insert_keeps_within_the_builds_limit_on_values():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (a, b, c, d)")
    connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 30)  # seven rows of four
    rows = [(n, n + 1, n + 2, n + 3) for n in range(250)]
    dialect.bulk_insert(connection, "t", ["a", "b", "c", "d"], rows)
    assert connection.execute("SELECT a, b, c, d FROM t ORDER BY rowid").fetchall() == rows


def test_a_bulk_insert_refuses_a_row_of_the_wrong_width():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (a, b)")
    rows = [(1, 2)] * 99 + [(3,), (4, 5, 6)]  # flattened, the two would still add up
    with pytest.raises(ValueError, match="does not have its 2 values"):
        dialect.bulk_insert(connection, "t", ["a", "b"], rows)
    assert connection.execute("SELECT COUNT(*) FROM t").fetchone() == (0,)


def test_after_a_bulk_load_postgresql_plans_on_its_rows_and_sqlite_keeps_no_statistics(store):
    rows = [(f"bulk.{n:04d}", "v") for n in range(300)]
    with store.writing() as session:
        connection = session.connection()
        dialect.bulk_insert(
            connection.connection.driver_connection, "setting", ["key", "value"], rows
        )
        dialect.finish_bulk_load(connection.connection.driver_connection)
    with store.reading() as connection:
        if store.backend.name == dialect.SQLITE:
            # SQLite plans without statistics: a load must not start keeping them.
            found = connection.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert found.fetchall() == []
        else:
            known = connection.execute("SELECT reltuples FROM pg_class WHERE relname = 'setting'")
            assert known.fetchone()[0] >= 300
