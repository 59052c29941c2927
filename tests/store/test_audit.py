"""The audit log: one event per change, hash-chained, and tampering is found."""

from __future__ import annotations

import itertools
import json

import pytest

from store.audit import GENESIS_HASH, verify_chain
from store.check import check_url
from store.db.backend import backend_for
from store.portfolio.services import record_assessment
from tests.support.cli import drop_trigger, raw_sql
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


def _tamper(url: str, *statements: str) -> None:
    """Drop the audit log's guards, as someone editing it behind the app's back does
    first (see test_tamper), then run `statements`, straight on the database."""
    guards = [drop_trigger(url, f"audit_event_no_{verb}") for verb in ("update", "delete")]
    raw_sql(url, *guards, *statements)


def _verify(url: str):
    backend = backend_for(url)
    connection = backend.connect_read()
    try:
        backend.begin_read(connection)
        return verify_chain(connection)
    finally:
        connection.close()


def test_the_chain_verifies_when_nobody_has_tampered(portfolio, store_url):
    report = _verify(store_url)
    assert report.ok and report.events == 14 and report.last_hash == _events(portfolio)[-1][8]


def test_an_edited_event_is_found(portfolio, store_url):
    _tamper(store_url, "UPDATE audit_event SET actor = 'someone-else' WHERE id = 5")
    report = _verify(store_url)
    assert not report.ok and report.first_bad_id == 5 and "changed" in report.problem


def test_a_deleted_event_is_found(portfolio, store_url):
    _tamper(store_url, "DELETE FROM audit_event WHERE id = 7")
    report = _verify(store_url)
    assert not report.ok and report.first_bad_id == 8 and "missing" in report.problem


def test_an_inserted_event_is_found(portfolio, store_url):
    _tamper(
        store_url,
        "INSERT INTO audit_event (id, occurred_at, actor, entity, entity_id, action, "
        "prev_hash, hash) VALUES "
        f"(15, '2011-06-13T10:00:00Z', 'mallory', 'initiative', '1', 'delete', "
        f"'{'f' * 64}', '{'e' * 64}')",
    )
    report = _verify(store_url)
    assert not report.ok and report.first_bad_id == 15


def test_swapped_events_are_found(portfolio, store_url):
    _tamper(
        store_url,
        "UPDATE audit_event SET id = -3 WHERE id = 3",
        "UPDATE audit_event SET id = 3 WHERE id = 4",
        "UPDATE audit_event SET id = 4 WHERE id = -3",
    )
    report = _verify(store_url)
    assert not report.ok and report.first_bad_id == 3


def test_check_reports_integrity_foreign_keys_and_chain(portfolio, store_url):
    assert check_url(store_url).ok
    _tamper(store_url, "UPDATE audit_event SET after_json = '{}' WHERE id = 2")
    report = check_url(store_url)
    assert not report.ok
    assert any("audit event 2" in problem for problem in report.problems)


def test_check_finds_a_current_rag_that_disagrees_with_history(portfolio, store_url):
    _tamper(store_url, "UPDATE current_rag SET assessment_id = 1 WHERE assessment_id = 2")
    report = check_url(store_url)
    assert any("current RAG" in problem for problem in report.problems)
