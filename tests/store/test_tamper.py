"""Tamper evidence: guard triggers on the audit log and the decision tables, and
`check` naming the first bad audit event when someone edits history behind the app's
back, even after dropping the triggers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.audit import AUDIT_COLUMNS, event_hash
from store.check import check_database, check_url
from store.db.schema import open_database, upgrade
from store.portfolio.services import record_assessment
from store.tamper import GUARDED_TABLES, guard_triggers, missing_guards
from tests.support.cli import drop_trigger, tamper_connection
from tests.support.factories import small_portfolio
from tests.support.older_database import older_database


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    return connection


def _drop_guards(url: str) -> None:
    connection = tamper_connection(url)
    for name in guard_triggers():
        connection.execute(drop_trigger(url, name))
    connection.close()


def _hashes(path) -> list[str]:
    connection = tamper_connection(path)
    try:
        return [row[0] for row in connection.execute("SELECT hash FROM audit_event ORDER BY id")]
    finally:
        connection.close()


@pytest.fixture
def portfolio(store):
    """A small register: the first admin and 13 changes, 14 audit events."""
    small_portfolio(store)
    return store


def test_every_guard_trigger_exists_on_a_fresh_database(store, store_url):
    connection = tamper_connection(store_url)
    assert missing_guards(connection) == []
    connection.close()
    assert set(GUARDED_TABLES) >= {"audit_event", "sc_decision", "proposal_decision"}


@pytest.mark.parametrize("table", GUARDED_TABLES)
def test_update_and_delete_are_refused_on_every_guarded_table(demo_path, table):
    connection = _connect(demo_path)
    count = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    assert count > 0, f"the demo should hold {table} rows to test against"
    first = connection.execute(f"SELECT MIN(id) FROM {table}").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match=f"{table} rows cannot be changed"):
        connection.execute(f"UPDATE {table} SET id = id WHERE id = ?", (first,))
    with pytest.raises(sqlite3.IntegrityError, match=f"{table} rows cannot be deleted"):
        connection.execute(f"DELETE FROM {table} WHERE id = ?", (first,))
    assert connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == count
    connection.close()
    assert check_database(demo_path).ok


def test_an_older_database_gets_the_guards_when_upgraded(db_path):
    older_database(db_path)
    open_database(f"sqlite:///{db_path}")
    connection = _connect(db_path)
    assert missing_guards(connection) == []
    with pytest.raises(sqlite3.IntegrityError, match="never overwritten"):
        connection.execute("UPDATE rag_assessment SET rag = 'R'")
    with pytest.raises(sqlite3.IntegrityError, match="rag_assessment rows cannot be deleted"):
        connection.execute("DELETE FROM rag_assessment")
    assert connection.execute("SELECT COUNT(*) FROM rag_assessment").fetchone() == (2,)
    connection.close()


def test_a_database_from_before_the_guards_reports_them_missing_until_upgraded(db_path):
    upgrade(f"sqlite:///{db_path}", "0005_programme_depth")
    connection = _connect(db_path)
    assert sorted(missing_guards(connection)) == sorted(guard_triggers())
    connection.close()


def test_the_app_keeps_writing_with_the_guards_in_place(portfolio, store_url):
    events_before = check_url(store_url).chain.events
    with portfolio.writing() as session:
        record_assessment(
            {"code": "DRM", "criterion": "Overall status", "rag": "A", "rationale": "recovering"},
            session=session,
        )
    report = check_url(store_url)
    assert report.ok and report.chain.events == events_before + 1 and report.missing_guards == []


def test_dropping_a_guard_is_itself_reported(portfolio, store_url):
    connection = tamper_connection(store_url)
    connection.execute(drop_trigger(store_url, "sc_decision_no_delete"))
    connection.close()
    report = check_url(store_url)
    assert report.chain.ok and report.missing_guards == ["sc_decision_no_delete"]
    assert any("sc_decision_no_delete" in problem for problem in report.problems)


# The four ways to edit history behind the app's back, each with the triggers dropped.


def _rows(connection) -> list[dict]:
    columns = ", ".join((*AUDIT_COLUMNS, "hash"))
    return [
        dict(zip((*AUDIT_COLUMNS, "hash"), row, strict=True))
        for row in connection.execute(f"SELECT {columns} FROM audit_event ORDER BY id")
    ]


def _insert(connection, row: dict) -> None:
    marks = ", ".join("?" * len(row))
    connection.execute(
        f"INSERT INTO audit_event ({', '.join(row)}) VALUES ({marks})", [*row.values()]
    )


def _modify(connection) -> None:
    connection.execute("UPDATE audit_event SET reason = 'nothing to see' WHERE id = 6")


def _delete(connection) -> None:
    connection.execute("DELETE FROM audit_event WHERE id = 6")


def _insert_forged(connection) -> None:
    """A careful forger: moves events 6 onwards up by one and slips a well-formed event,
    linked to event 5 with a correct hash of its own, in at 6."""
    rows = _rows(connection)
    connection.execute("UPDATE audit_event SET id = -id WHERE id >= 6")
    connection.execute("UPDATE audit_event SET id = 1 - id WHERE id < 0")
    forged = dict(rows[5]) | {"id": 6, "prev_hash": rows[4]["hash"], "actor": "mallory"}
    forged["hash"] = event_hash(forged)
    _insert(connection, forged)


def _reorder(connection) -> None:
    rows = _rows(connection)
    connection.execute("DELETE FROM audit_event WHERE id IN (6, 7)")
    _insert(connection, rows[6] | {"id": 6})
    _insert(connection, rows[5] | {"id": 7})


def _rewrite(connection) -> None:
    """A careful forger edits event 6 and recomputes its hash; event 7 still links to
    the original."""
    row = _rows(connection)[5] | {"actor": "mallory"}
    row["hash"] = event_hash(row)
    connection.execute("DELETE FROM audit_event WHERE id = 6")
    _insert(connection, row)


@pytest.mark.parametrize(
    ("tamper", "first_bad", "words"),
    [
        (_modify, 6, "audit event 6 was changed after it was written"),
        (_delete, 7, "audit event 6 is missing"),
        (_insert_forged, 6, "event 6 was inserted behind the app's back"),
        (_reorder, 6, "audit event 6 was changed after it was written"),
        (_rewrite, 6, "event 6 was rewritten with a recomputed hash"),
    ],
    ids=["modified", "deleted", "inserted", "reordered", "rewritten"],
)
def test_check_names_the_first_bad_event_even_with_the_triggers_dropped(
    portfolio, store_url, tamper, first_bad, words
):
    assert check_url(store_url).ok
    _drop_guards(store_url)
    connection = tamper_connection(store_url)
    tamper(connection)
    connection.close()

    report = check_url(store_url)

    assert not report.ok
    assert report.chain.first_bad_id == first_bad
    assert words in report.chain.problem
    assert report.chain.events == 5  # events 1 to 5 still hold
    assert any(problem.startswith("tamper guards:") for problem in report.problems)


def test_an_expected_anchor_is_found_and_a_cut_tail_is_caught_only_by_it(portfolio, store_url):
    hashes = _hashes(store_url)
    anchor, anchor_id = hashes[-1], len(hashes)
    with portfolio.writing() as session:
        record_assessment(
            {"code": "DRM", "criterion": "Overall status", "rag": "A", "rationale": "later"},
            session=session,
        )
    report = check_url(store_url, expect=anchor)
    assert report.ok and report.anchor.event_id == anchor_id

    _drop_guards(store_url)
    connection = tamper_connection(store_url)
    connection.execute("DELETE FROM audit_event WHERE id >= ?", (anchor_id,))
    connection.close()

    report = check_url(store_url, expect=anchor)
    assert report.chain.ok  # a cut tail leaves a chain that holds as far as it goes
    assert not report.anchor.found
    assert any(f"no audit event has hash {anchor}" in p for p in report.problems)
