"""The audit log: one event per change, hash-chained, and tampering is found."""

from __future__ import annotations

import itertools
import json
import sqlite3

import pytest

from store.audit import GENESIS_HASH, verify_chain
from store.check import check_database
from store.portfolio.services import record_assessment
from tests.support.factories import small_portfolio
from tests.support.reads import rows


@pytest.fixture
def portfolio(store):
    small_portfolio(store)
    return store


def _events(store) -> list[tuple]:
    return rows(
        store,
        "SELECT id, entity, entity_id, action, actor, before_json, after_json, prev_hash, hash "
        "FROM audit_event ORDER BY id",
    )


def test_every_change_writes_exactly_one_event_chained_to_the_last(portfolio):
    events = _events(portfolio)
    # first use making the OS user admin + 2 groups + 2 criteria + 5 initiatives
    # + 1 period setting + 3 assessments
    assert len(events) == 14
    assert events[0][1:4] == ("app_user", "1", "create")
    assert events[0][7] == GENESIS_HASH
    for earlier, later in itertools.pairwise(events):
        assert later[7] == earlier[8]
    kinds = [(e[1], e[3]) for e in events]
    assert kinds.count(("initiative", "create")) == 5
    assert kinds.count(("rag_assessment", "create")) == 3


def test_an_event_records_who_what_and_the_values_after(portfolio):
    with portfolio.writing() as session:
        saved = record_assessment(
            {"code": "DRM", "criterion": "Overall status", "rag": "A", "rationale": "better"},
            session=session,
        )
    last = _events(portfolio)[-1]
    assert last[1:5] == ("rag_assessment", str(saved.id), "create", "tester")
    after = json.loads(last[6])
    assert after["rag"] == "A" and after["rationale"] == "better" and after["period"] == "2011-Q1"
    with portfolio.reading() as connection:
        row = connection.execute(
            "SELECT occurred_at, os_user, host FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row[0].endswith("Z") and row[1] and row[2]


def test_a_failed_write_leaves_no_event(portfolio):
    before = len(_events(portfolio))
    with pytest.raises(RuntimeError), portfolio.writing() as session:
        record_assessment(
            {"code": "DRM", "criterion": "Overall status", "rag": "A", "rationale": "ok"},
            session=session,
        )
        raise RuntimeError("the laptop lid closed")
    assert len(_events(portfolio)) == before


def _drop_guards(connection) -> None:
    """What someone editing the log behind the app's back does first (see test_tamper)."""
    connection.execute("DROP TRIGGER audit_event_no_update")
    connection.execute("DROP TRIGGER audit_event_no_delete")


def _tamper(db_path, sql: str, *params) -> None:
    connection = sqlite3.connect(db_path)
    _drop_guards(connection)
    connection.execute(sql, params)
    connection.commit()
    connection.close()


def _verify(db_path):
    connection = sqlite3.connect(db_path)
    try:
        return verify_chain(connection)
    finally:
        connection.close()


@pytest.mark.not_yet_on_postgres(
    "tampers through sqlite3 and runs check_database(path), which reads a SQLite file only"
)
def test_the_chain_verifies_when_nobody_has_tampered(portfolio, db_path):
    report = _verify(db_path)
    assert report.ok and report.events == 14 and report.last_hash == _events(portfolio)[-1][8]


@pytest.mark.not_yet_on_postgres(
    "tampers through sqlite3 and runs check_database(path), which reads a SQLite file only"
)
def test_an_edited_event_is_found(portfolio, db_path):
    _tamper(db_path, "UPDATE audit_event SET actor = 'someone-else' WHERE id = 5")
    report = _verify(db_path)
    assert not report.ok and report.first_bad_id == 5 and "changed" in report.problem


@pytest.mark.not_yet_on_postgres(
    "tampers through sqlite3 and runs check_database(path), which reads a SQLite file only"
)
def test_a_deleted_event_is_found(portfolio, db_path):
    _tamper(db_path, "DELETE FROM audit_event WHERE id = 7")
    report = _verify(db_path)
    assert not report.ok and report.first_bad_id == 8 and "missing" in report.problem


@pytest.mark.not_yet_on_postgres(
    "tampers through sqlite3 and runs check_database(path), which reads a SQLite file only"
)
def test_an_inserted_event_is_found(portfolio, db_path):
    _tamper(
        db_path,
        "INSERT INTO audit_event (id, occurred_at, actor, entity, entity_id, action, "
        "prev_hash, hash) VALUES "
        "(15, '2011-06-13T10:00:00Z', 'mallory', 'initiative', '1', 'delete', ?, ?)",
        "f" * 64,
        "e" * 64,
    )
    report = _verify(db_path)
    assert not report.ok and report.first_bad_id == 15


@pytest.mark.not_yet_on_postgres(
    "tampers through sqlite3 and runs check_database(path), which reads a SQLite file only"
)
def test_swapped_events_are_found(portfolio, db_path):
    connection = sqlite3.connect(db_path)
    rows = connection.execute("SELECT * FROM audit_event WHERE id IN (3, 4) ORDER BY id").fetchall()
    columns = [c[1] for c in connection.execute("PRAGMA table_info(audit_event)")]
    _drop_guards(connection)
    connection.execute("DELETE FROM audit_event WHERE id IN (3, 4)")
    for row, new_id in zip(rows, (4, 3), strict=True):
        values = dict(zip(columns, row, strict=True)) | {"id": new_id}
        marks = ", ".join("?" * len(values))
        connection.execute(
            f"INSERT INTO audit_event ({', '.join(values)}) VALUES ({marks})", list(values.values())
        )
    connection.commit()
    connection.close()
    report = _verify(db_path)
    assert not report.ok and report.first_bad_id == 3


@pytest.mark.not_yet_on_postgres(
    "tampers through sqlite3 and runs check_database(path), which reads a SQLite file only"
)
def test_check_reports_integrity_foreign_keys_and_chain(portfolio, db_path):
    assert check_database(db_path).ok
    _tamper(db_path, "UPDATE audit_event SET after_json = '{}' WHERE id = 2")
    report = check_database(db_path)
    assert not report.ok
    assert any("audit event 2" in problem for problem in report.problems)


@pytest.mark.not_yet_on_postgres(
    "tampers through sqlite3 and runs check_database(path), which reads a SQLite file only"
)
def test_check_finds_a_current_rag_that_disagrees_with_history(portfolio, db_path):
    _tamper(db_path, "UPDATE current_rag SET assessment_id = 1 WHERE assessment_id = 2")
    report = check_database(db_path)
    assert any("current RAG" in problem for problem in report.problems)
