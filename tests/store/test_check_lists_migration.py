"""Revision 0014: SQLite's CHECK constraints listing three or more values are spelled
as comparisons joined by OR (SQLite rebuilds an IN list's lookup for every row a bulk
load inserts), allowing exactly the values they allowed, on new and on upgraded files."""

from __future__ import annotations

import importlib
import re
import sqlite3

import pytest

from store.db.schema import open_database, upgrade
from tests.support.older_database import older_database

# `column IN (...)` with three or more values, as SQLite would store it.
LONG_IN_LIST = re.compile(r"\w+ IN \(\s*[^,)]+(?:,[^,)]+){2,}\)", re.IGNORECASE)
MIGRATION = importlib.import_module("store.migrations.versions.0014_check_lists")


def _schema(path) -> dict[str, str]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        )
        return dict(rows.fetchall())
    finally:
        connection.close()


def _assess(connection, rag: str) -> None:
    connection.execute(
        "INSERT INTO rag_assessment (initiative_id, criterion_id, period, rag, rationale,"
        " author, recorded_at) VALUES (1, 1, '2011-Q2', ?, 'why', 'a', '2011-07-05T00:00:00Z')",
        (rag,),
    )


def test_no_check_in_a_new_file_lists_three_values_with_in(db_path):
    open_database(f"sqlite:///{db_path}")
    long_lists = {
        name: LONG_IN_LIST.findall(sql)
        for name, sql in _schema(db_path).items()
        if LONG_IN_LIST.search(sql)
    }
    assert long_lists == {}


def test_an_upgraded_file_keeps_its_rows_and_refuses_what_it_refused(db_path):
    older_database(db_path)
    upgrade(f"sqlite:///{db_path}", "0013_sync_guards")
    assert "rag IN ('R','A','G')" in _schema(db_path)["rag_assessment"]

    open_database(f"sqlite:///{db_path}")

    schema = _schema(db_path)
    assert "(rag = 'R' OR rag = 'A' OR rag = 'G')" in schema["rag_assessment"]
    assert "tier IS NULL OR (tier = 'transformational' OR " in schema["initiative"]
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert connection.execute("SELECT period, rag FROM rag_assessment ORDER BY id").fetchall() == [
        ("2010-Q4", "A"),
        ("2011-Q1", "G"),
    ]
    with pytest.raises(sqlite3.IntegrityError, match="ck_rag_assessment_rag"):
        _assess(connection, "X")
    _assess(connection, "R")
    connection.close()


def test_a_new_file_and_an_upgraded_one_have_the_same_schema(tmp_path):
    new, upgraded = tmp_path / "new.db", tmp_path / "upgraded.db"
    open_database(f"sqlite:///{new}")
    upgrade(f"sqlite:///{upgraded}", "0013_sync_guards")
    open_database(f"sqlite:///{upgraded}")
    assert _schema(new) == _schema(upgraded)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("CHECK (rag IN ('R','A','G'))", "CHECK ((rag = 'R' OR rag = 'A' OR rag = 'G'))"),
        (
            "tier IS NULL OR tier IN ('a', 'b','c')",
            "tier IS NULL OR (tier = 'a' OR tier = 'b' OR tier = 'c')",
        ),
        (
            "(heading IN ('P & B','L','C') AND n IN ('a','b','c'))",
            "((heading = 'P & B' OR heading = 'L' OR heading = 'C')"
            " AND (n = 'a' OR n = 'b' OR n = 'c'))",
        ),
        # Left as they are: SQLite makes comparisons of two values already, and the
        # others are not a whole term the rewrite could stand in for.
        ("status IN ('open','closed')", "status IN ('open','closed')"),
        ("outcome NOT IN ('a','b','c')", "outcome NOT IN ('a','b','c')"),
        ("(x COLLATE NOCASE IN ('a','b','c'))", "(x COLLATE NOCASE IN ('a','b','c'))"),
        ("(a || x IN ('a','b','c'))", "(a || x IN ('a','b','c'))"),
        ("(t.x IN ('a','b','c'))", "(t.x IN ('a','b','c'))"),
    ],
)
def test_the_rewrite_allows_the_same_values(before, after):
    assert MIGRATION.IN_LIST.sub(MIGRATION.spelled_out, before) == after


def _rag_text(connection) -> str:
    return connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE name = 'rag_assessment'"
    ).scalar()


def test_table_texts_sqlite_refuses_leave_every_text_as_it_was(db_path):
    from store.db.engine import build_engine
    from store.migrations.dialect import replace_table_texts

    open_database(f"sqlite:///{db_path}")
    engine = build_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        before = _rag_text(connection)
        good = before.replace("ck_rag_assessment_rag", "ck_rag_named_again")
        texts = {"rag_assessment": good, "initiative": "CREATE TABLE initiative (id INTEGER"}
        assert replace_table_texts(connection, texts) is False
        assert _rag_text(connection) == before
        assert replace_table_texts(connection, {"rag_assessment": good}) is True
        assert "ck_rag_named_again" in _rag_text(connection)
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with pytest.raises(sqlite3.IntegrityError, match="ck_rag_named_again"):
        _assess(connection, "X")
    connection.close()
    engine.dispose()
