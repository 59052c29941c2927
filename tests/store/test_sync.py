"""Laptop replicas that sync (issue 17): identity of records made offline, exactly
once, merges and conflicts, the RAG's assessed time, the audit trail and the guard
rails. On a central SQLite file, and on PostgreSQL when PORTFOLIO_TEST_PG is set."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta

import pytest
from sqlmodel import select

from store.check import check_url
from store.models import AuditEvent, RagAssessment, ReplicaArchive, Risk, SyncApplied
from store.portfolio.queries import assessment_in_period
from store.portfolio.services import record_assessment
from store.programme.risks.services import create_risk, update_risk
from store.sync import run as sync_run
from store.sync.conflicts import list_conflicts, resolve_conflict
from store.sync.run import sync
from store.sync.status import sync_status
from store.sync.types import SyncRefusedError
from store.users.roles import Role
from store.users.services import set_role
from tests.support.sync import HEADLINE, RISK, make_replica, server_login


def _risks(store) -> dict[int, Risk]:
    with store.writing() as session:
        return {risk.id: risk for risk in session.exec(select(Risk))}


def test_the_identity_trap(server, laptop):
    """Laptop risk 16 becomes server risk 17; the laptop's later edit of "its" 16 must
    reach 17, never the server's own risk 16 (the trial's trap)."""
    with laptop.writing() as session:
        mine = create_risk(RISK | {"description": "Laptop risk"}, session=session)
    with laptop.writing() as session:
        update_risk({"id": mine.id, "likelihood": 5, "expected_version": 1}, session=session)
    with server.writing() as session:
        theirs = create_risk(RISK | {"description": "Server risk"}, session=session)
    assert theirs.id == mine.id  # both made the same id

    result = sync(laptop)

    assert (result.pushed, result.applied, result.conflicts) == (2, 2, 0)
    risks = _risks(server)
    assert risks[theirs.id].description == "Server risk"
    assert risks[theirs.id].likelihood == 2 and risks[theirs.id].version == 1
    arrived = [r for r in risks.values() if r.description == "Laptop risk"]
    assert len(arrived) == 1 and arrived[0].likelihood == 5 and arrived[0].id != theirs.id
    assert {r.description for r in _risks(laptop).values()} >= {"Laptop risk", "Server risk"}


def test_an_interrupted_sync_sends_nothing_twice(server, laptop, monkeypatch):
    """The connection lost just after the server took the third of 5 ops (before the
    laptop heard back), sync again: each op is on the server once."""
    for n in range(5):
        with laptop.writing() as session:
            create_risk(RISK | {"description": f"Offline {n}"}, session=session)
    real, calls = sync_run.push_op, []

    def failing(*args, **kwargs):
        outcome = real(*args, **kwargs)
        calls.append(outcome)
        if len(calls) == 3:
            raise ConnectionError("the network went")
        return outcome

    monkeypatch.setattr(sync_run, "push_op", failing)
    with pytest.raises(ConnectionError):
        sync(laptop)
    monkeypatch.setattr(sync_run, "push_op", real)
    assert sync_status(laptop).pending == 3  # the first two were noted

    result = sync(laptop)

    assert (result.pushed, result.applied, result.already) == (3, 2, 1)
    offline = [r.description for r in _risks(server).values() if r.description.startswith("Off")]
    assert sorted(offline) == [f"Offline {n}" for n in range(5)]
    assert sync_status(laptop).pending == 0


def test_edits_to_different_fields_merge(server, laptop):
    """The server changed a risk's owner; the laptop changed its likelihood: both stand."""
    with laptop.writing() as session:
        update_risk({"id": 7, "likelihood": 1, "expected_version": 1}, session=session)
    with server.writing() as session:
        update_risk({"id": 7, "owner": "Someone new", "expected_version": 1}, session=session)

    result = sync(laptop)

    assert result.conflicts == 0
    risk = _risks(server)[7]
    assert (risk.likelihood, risk.owner, risk.version) == (1, "Someone new", 3)


def test_an_edit_to_a_field_changed_on_the_server_is_a_conflict(server, laptop):
    """Both changed the likelihood: the server's stands and the laptop's is kept as a
    conflict with theirs, who and when; re-applied, mine goes over theirs."""
    with laptop.writing() as session:
        update_risk({"id": 7, "likelihood": 1, "expected_version": 1}, session=session)
    with server.writing() as session:
        update_risk({"id": 7, "likelihood": 3, "expected_version": 1}, session=session)

    assert sync(laptop).conflicts == 1

    assert _risks(server)[7].likelihood == 3
    [conflict] = list_conflicts(laptop)
    assert conflict.mine["likelihood"] == 1 and conflict.theirs == {"likelihood": 3}
    assert conflict.their_by == "tester" and "changed on the server" in conflict.reason
    assert sync_status(laptop).conflicts == 1
    resolve_conflict(laptop, conflict.op_id[:8], "reapply")
    assert sync(laptop).applied == 1
    assert _risks(server)[7].likelihood == 1
    assert list_conflicts(laptop) == []


@pytest.mark.parametrize("how", ["theirs", "drop"])
def test_a_conflict_taken_as_theirs_or_dropped_is_not_sent(server, laptop, how):
    with laptop.writing() as session:
        update_risk({"id": 7, "likelihood": 1}, session=session)
    with server.writing() as session:
        update_risk({"id": 7, "likelihood": 3}, session=session)
    sync(laptop)
    [conflict] = list_conflicts(laptop)
    resolve_conflict(laptop, conflict.op_id, how)
    assert sync(laptop).pushed == 0
    assert _risks(server)[7].likelihood == 3 and list_conflicts(laptop) == []


def test_an_edit_of_a_record_whose_creation_conflicted_is_a_conflict_too(server, laptop):
    """The server refuses the create (the initiative's code is unknown there now is
    simulated by a role removed): the later edit of that record is not applied
    anywhere else."""
    with laptop.writing() as session:
        mine = create_risk(RISK | {"description": "Laptop risk"}, session=session)
    with laptop.writing() as session:
        update_risk({"id": mine.id, "likelihood": 5}, session=session)
    with server.writing() as session:
        set_role({"login": server_login(server.url), "role": "viewer"}, session=session)

    result = sync(laptop)

    assert result.conflicts == 2
    first, second = list_conflicts(laptop)
    assert "may not" in first.reason or "viewer" in first.reason
    assert "made offline" in second.reason
    assert not any(r.description == "Laptop risk" for r in _risks(server).values())


def test_an_offline_rag_keeps_its_assessed_time_and_a_later_one_stays_current(
    server, laptop, frozen_clock
):
    """Assessed on the laptop at 10:00, on the server at 11:00, synced at 12:00: the
    server's stays current for the period, the laptop's keeps its 10:00."""
    rag = {"code": "TPD", "criterion": HEADLINE, "period": "2011-Q1"}
    with laptop.writing() as session:
        offline = record_assessment(rag | {"rag": "R", "rationale": "Offline"}, session=session)
    frozen_clock.now += timedelta(hours=1)
    with server.writing() as session:
        record_assessment(rag | {"rag": "G", "rationale": "At the office"}, session=session)

    sync(laptop)

    with server.reading() as connection:
        in_force = assessment_in_period(connection, "TPD", HEADLINE, "2011-Q1")
    assert in_force.rationale == "At the office" and in_force.rag == "G"
    with server.writing() as session:
        arrived = session.exec(
            select(RagAssessment).where(RagAssessment.rationale == "Offline")
        ).one()
    assert arrived.recorded_at == offline.recorded_at and arrived.arrived_superseded
    assert check_url(server.url).ok


def test_server_events_carry_their_origin_and_the_laptop_chain_is_archived(server, laptop):
    with laptop.writing() as session:
        create_risk(RISK | {"description": "Laptop risk"}, session=session)
    with laptop.reading() as connection:
        final = connection.execute("SELECT hash FROM audit_event ORDER BY id DESC").fetchone()[0]

    sync(laptop)

    with server.writing() as session:
        [applied] = session.exec(select(SyncApplied)).all()
        event = session.exec(
            select(AuditEvent).where(AuditEvent.entity == "risk").order_by(AuditEvent.id.desc())
        ).first()
        [archive] = session.exec(select(ReplicaArchive)).all()
    origin = json.loads(event.after_json)["sync_origin"]
    assert origin["op_id"] == applied.op_id and origin["offline_at"] == applied.offline_at
    assert archive.final_hash == final and archive.events == 2  # the copy, the risk
    assert check_url(server.url).ok and check_url(laptop.url).ok


def test_status_counts_and_last_sync(server, laptop):
    status = sync_status(laptop)
    assert (status.pending, status.conflicts, status.last_sync_at) == (0, 0, None)
    assert status.login == server_login(server.url)
    with laptop.writing() as session:
        create_risk(RISK | {"description": "Laptop risk"}, session=session)
    assert sync_status(laptop).pending == 1
    result = sync(laptop)
    assert sync_status(laptop).last_sync_at == result.pulled_at
    assert sync_status(server) is None


def test_the_replica_file_is_owner_only(laptop):
    assert stat.S_IMODE(os.stat(laptop.path).st_mode) == 0o600


def test_sync_refuses_another_login(laptop):
    from store.handle import Store

    with Store(laptop.url, "k.osei") as someone, pytest.raises(SyncRefusedError, match="belongs"):
        sync(someone)


def test_sync_refuses_a_replica_on_another_schema_version(laptop):
    with laptop.writing() as session:
        from sqlalchemy import text

        session.execute(text("UPDATE alembic_version SET version_num = '0010_criterion_positions'"))
    with pytest.raises(SyncRefusedError, match="schema"):
        sync(laptop)


def test_sync_refuses_a_replica_failing_check(laptop):
    from tests.support.cli import raw_sql

    raw_sql(laptop.path, "DROP TRIGGER audit_event_no_update")
    with pytest.raises(SyncRefusedError, match="fails `portfolio check`"):
        sync(laptop)


def test_a_replica_is_not_a_server(laptop, tmp_path):
    from store.sync.replica import open_server

    with pytest.raises(SyncRefusedError, match="itself a replica"):
        open_server(laptop.url, laptop.actor)


def test_check_finds_an_archived_offline_event_altered(server, laptop):
    """The laptop's chain archived on the server verifies; an archived event edited
    afterwards (the rationale of what was done offline), its guard trigger dropped
    first, is found by `check`."""
    from tests.support.cli import drop_trigger, tamper_connection

    with laptop.writing() as session:
        create_risk(RISK | {"description": "Laptop risk"}, session=session)
    sync(laptop)
    report = check_url(server.url)
    assert report.ok and (report.archives.archives, report.archives.events) == (1, 2)

    tamperer = tamper_connection(server.url)
    tamperer.execute(drop_trigger(server.url, "replica_archive_no_update"))
    events_json = tamperer.execute("SELECT events_json FROM replica_archive").fetchone()[0]
    altered = events_json.replace("Laptop risk", "Something else")
    tamperer.execute("UPDATE replica_archive SET events_json = ?", (altered,))
    tamperer.close()

    report = check_url(server.url)
    assert any(
        "offline archive 1" in problem and "altered" in problem for problem in report.problems
    )


def test_a_save_made_while_sync_runs_is_sent_too(server, laptop, monkeypatch):
    """A save on the laptop while its journal is being sent is sent in the same sync
    (pushed again before the pull), never overwritten by the pull."""
    with laptop.writing() as session:
        create_risk(RISK | {"description": "Before"}, session=session)
    real = sync_run.push_op

    def and_a_save_meanwhile(*args, **kwargs):
        monkeypatch.setattr(sync_run, "push_op", real)
        with laptop.writing() as session:
            create_risk(RISK | {"description": "Meanwhile"}, session=session)
        return real(*args, **kwargs)

    monkeypatch.setattr(sync_run, "push_op", and_a_save_meanwhile)
    assert sync(laptop).applied == 2
    assert {"Before", "Meanwhile"} <= {r.description for r in _risks(server).values()}
    assert sync_status(laptop).pending == 0


def test_a_save_waits_while_the_pull_runs(laptop):
    """Once a sync marks the replica as being pulled into, a save is refused, saying
    so; the pull's end clears the mark."""
    from store.errors import InputError
    from store.sync.pull import begin_pull

    assert begin_pull(laptop)
    with pytest.raises(InputError, match="a sync is taking"), laptop.writing() as session:
        create_risk(RISK | {"description": "Too soon"}, session=session)
    sync(laptop)
    with laptop.writing() as session:
        create_risk(RISK | {"description": "After"}, session=session)


def test_a_decision_on_a_request_withdrawn_meanwhile_is_a_conflict(demo_url, server, tmp_path):
    """Three decisions recorded offline; the office withdrew one request meanwhile: two
    reach the minutes, the third is a conflict with the reason and who withdrew it."""
    from store.star_chamber.services.decisions import decide

    meeting = {"meeting": "2011-06-13", "outcome": "deferred", "reason": "Awaiting review"}
    with make_replica(demo_url, tmp_path / "secretary.db", Role.ADMIN) as secretary:
        for reference in ("SC-2011-0006", "SC-2011-0014", "SC-2011-0017"):
            with secretary.writing() as session:
                decide(meeting | {"reference": reference}, session=session)
        with server.writing() as session:
            withdrawn = {"outcome": "withdrawn", "reason": "Post deleted"}
            decide(meeting | withdrawn | {"reference": "SC-2011-0014"}, session=session)

        result = sync(secretary)

        assert (result.applied, result.conflicts) == (2, 1)
        [conflict] = list_conflicts(secretary)
    assert conflict.what == "decide SC-2011-0014" and "already decided" in conflict.reason
    assert conflict.their_by == "tester" and conflict.theirs["outcome"] == "withdrawn"


def test_a_laptop_clock_running_ahead_cannot_date_a_change_after_the_sync(server, laptop):
    """An op the laptop dated in the future is stamped no later than the server's now;
    what the laptop's clock said is kept in the event's origin."""
    from sqlalchemy import text

    with laptop.writing() as session:
        create_risk(RISK | {"description": "From the future"}, session=session)
        session.execute(text("UPDATE sync_journal SET offline_at = '2099-01-01T00:00:00Z'"))
    sync(laptop)
    with server.writing() as session:
        risk = session.exec(select(Risk).where(Risk.description == "From the future")).one()
        event = session.exec(
            select(AuditEvent).where(
                AuditEvent.entity == "risk", AuditEvent.entity_id == str(risk.id)
            )
        ).one()
    origin = json.loads(event.after_json)["sync_origin"]
    assert risk.raised_at < "2099" and origin["laptop_clock"] == "2099-01-01T00:00:00Z"
