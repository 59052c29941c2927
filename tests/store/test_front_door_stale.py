"""A front door decision made from a stale read of the proposal (issue 8, section 3):
refused when someone re-triaged or decided it since, nothing written; recorded when
made from the version just read; and who changed the proposal last, from the audit log,
across the proposal, its triages and its decisions."""

from __future__ import annotations

from datetime import date

import pytest

from store.errors import StaleVersionError
from store.front_door.queries import last_proposal_change, proposal_detail
from tests.support.front_door_factories import add, decide, table_counts, triage

TODAY = date(2021, 6, 14)


def _version(store, reference):
    with store.reading() as connection:
        return proposal_detail(connection, reference).version


def test_a_decision_from_before_a_re_triage_is_refused_and_writes_nothing(fd):
    reference = add(fd)
    triage(fd, reference)
    seen = _version(fd, reference)
    triage(fd, reference, desirable=1, deliverable=1, affordable=1)  # someone re-triages
    before = table_counts(fd)
    with pytest.raises(StaleVersionError) as refused:
        decide(fd, reference, "accepted", version=seen)
    assert refused.value.field == "version"
    assert "triaged, decided or changed by someone else" in str(refused.value)
    assert table_counts(fd) == before
    # Made from the version just read, the same decision is recorded.
    decision = decide(fd, reference, "accepted", version=seen + 1)
    assert decision.initiative is not None
    assert _version(fd, reference) == seen + 2


def test_a_correction_from_before_someone_else_corrected_is_refused(fd):
    reference = add(fd)
    triage(fd, reference)
    first = decide(fd, reference, "deferred", until="2021-07-01")
    seen = _version(fd, reference)
    decide(fd, reference, "deferred", until="2021-08-01", supersedes=first.id)
    before = table_counts(fd)
    with pytest.raises(StaleVersionError):
        decide(fd, reference, "rejected", supersedes=first.id, version=seen)
    assert table_counts(fd) == before


def test_without_a_version_a_decision_is_not_checked(fd):
    reference = add(fd)
    triage(fd, reference)
    triage(fd, reference, affordable=5)
    assert decide(fd, reference, "rejected").outcome == "rejected"


def test_the_last_change_spans_the_proposal_its_triages_and_decisions(fd):
    with fd.reading() as connection:
        assert last_proposal_change(connection, "FD-2021-0001") is None
    reference = add(fd)
    with fd.reading() as connection:
        change = last_proposal_change(connection, reference)
    assert (change.actor, change.action) == ("entrant", "create")
    triage(fd, reference)
    with fd.reading() as connection:
        change = last_proposal_change(connection, reference.lower())
        triage_event = connection.execute(
            "SELECT occurred_at FROM audit_event WHERE entity = 'proposal_triage'"
        ).fetchone()
    assert (change.actor, change.occurred_at) == ("tester", triage_event[0])
    first = decide(fd, reference, "deferred", until="2021-07-01")
    decide(fd, reference, "deferred", until="2021-08-01", supersedes=first.id)
    with fd.reading() as connection:
        assert last_proposal_change(connection, reference).action == "correct"
    # Another proposal's changes are not this one's.
    other = add(fd, title="Custody tablets")
    with fd.reading() as connection:
        assert last_proposal_change(connection, reference).action == "correct"
        assert last_proposal_change(connection, other).action == "create"
