"""Sync against a laptop user who edits the replica file with sqlite3 before syncing, or
points it at another server: the server takes only the app's guarded services, an op
id taken from another replica's journal is not another op's, and a replica syncs only
with the register it was copied from. On a central SQLite file, and on PostgreSQL (as
an ordinary login) when PORTFOLIO_TEST_PG is set."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlmodel import select

from store.models import AuditEvent, Risk
from store.programme.risks.services import create_risk
from store.sync.conflicts import list_conflicts
from store.sync.run import sync
from store.sync.types import SyncRefusedError
from store.users.roles import Role
from tests.support.sync import RISK, give_role, make_replica, server_login


def _edit_journal(store, sql: str, *params) -> None:
    """Change the replica's journal straight in its file, as its user could."""
    connection = sqlite3.connect(store.path)
    try:
        with connection:
            connection.execute(sql, params)
    finally:
        connection.close()


def _descriptions(server) -> list[str]:
    with server.writing() as session:
        return [risk.description for risk in session.exec(select(Risk))]


def test_a_journal_op_naming_a_function_that_is_no_service_is_refused(server, laptop):
    """The op's service edited to an unguarded function (one that writes an audit event
    of the attacker's making), the login meanwhile made a viewer: the server runs no
    such thing; the op is a conflict saying why."""
    with laptop.writing() as session:
        create_risk(RISK | {"description": "Laptop risk"}, session=session)
    forged = {"entity": "risk", "entity_id": "7", "action": "update",
              "after": {"likelihood": 5}, "reason": "forged offline"}  # fmt: skip
    _edit_journal(
        laptop,
        "UPDATE sync_journal SET service = ?, input_json = ?",
        "store.audit.record_event",
        json.dumps({"args": [], "kwargs": forged}),
    )
    give_role(server.url, server_login(server.url), Role.VIEWER)

    assert sync(laptop).conflicts == 1

    with server.writing() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.reason == "forged offline"))
        assert events.all() == []
    [conflict] = list_conflicts(laptop)
    assert "store.audit.record_event" in conflict.reason and "service" in conflict.reason


def test_an_op_id_taken_from_another_replica_is_not_taken_as_already_done(
    demo_url, server, laptop, tmp_path
):
    """Another replica's op id copied into this journal over this replica's own op: the
    server does not answer with the other op's result (this op would be marked synced,
    never applied, and its later edits sent to the other laptop's record)."""
    with laptop.writing() as session:
        create_risk(RISK | {"description": "First laptop's risk"}, session=session)
    with laptop.reading() as connection:
        taken = connection.execute("SELECT op_id FROM sync_journal").fetchone()[0]
    sync(laptop)
    with make_replica(demo_url, tmp_path / "second.db") as second:
        with second.writing() as session:
            create_risk(RISK | {"description": "Second laptop's risk"}, session=session)
        _edit_journal(second, "UPDATE sync_journal SET op_id = ?", taken)
        _edit_journal(second, "UPDATE sync_identity SET op_id = ?", taken)

        result = sync(second)

        assert (result.already, result.conflicts) == (0, 1)
        [conflict] = list_conflicts(second)
    assert "another" in conflict.reason
    assert _descriptions(server).count("First laptop's risk") == 1


def test_a_copy_of_the_replica_file_syncs_nothing_twice(server, laptop, tmp_path):
    """The careless case: the replica file copied before a sync and the copy synced too
    (same replica, same ops): each op is already on the server."""
    from tests.support.sync import open_replica

    with laptop.writing() as session:
        create_risk(RISK | {"description": "Laptop risk"}, session=session)
    copy = tmp_path / "copy.db"
    source, target = sqlite3.connect(laptop.path), sqlite3.connect(copy)
    source.backup(target)
    source.close(), target.close()
    sync(laptop)
    with open_replica(copy) as again:
        result = sync(again)
    assert (result.already, result.conflicts) == (1, 0)
    assert _descriptions(server).count("Laptop risk") == 1


def test_a_replica_syncs_only_with_the_register_it_was_copied_from(laptop, store_db, store_url):
    """Pointed at another server (`--server`), on the same schema, where the laptop's
    login has a role: refused before anything is sent, since the laptop's record ids
    are the other register's."""
    from store.sync.journal import PENDING
    from store.sync.status import sync_status
    from tests.support.sync import laptop_url

    give_role(store_url, server_login(store_url), Role.ADMIN)
    with laptop.writing() as session:
        create_risk(RISK | {"description": "Laptop risk"}, session=session)

    with pytest.raises(SyncRefusedError, match="not the register this replica was copied from"):
        sync(laptop, server_url=laptop_url(store_url))

    assert sync_status(laptop).pending == 1 and PENDING == "pending"
    assert "Laptop risk" not in _descriptions_at(store_url)


def _descriptions_at(url: str) -> list[str]:
    from tests.support.sync import server_as

    with server_as(url) as other:
        return _descriptions(other)


def test_a_replica_whose_login_was_edited_syncs_as_no_one_else(server, laptop, monkeypatch):
    """replica_state.login edited to another person's, at the OS account of the laptop's
    own (non-admin) person: the server lets no one act as that other person."""
    from store import paths
    from store.errors import PermissionDenied

    with laptop.writing() as session:
        create_risk(RISK | {"description": "Laptop risk"}, session=session)
    _edit_journal(laptop, "UPDATE replica_state SET login = 'k.osei'")
    _edit_journal(laptop, "UPDATE sync_journal SET actor = 'k.osei'")
    monkeypatch.setattr(paths, "os_login", lambda: server_login(server.url))
    from tests.support.sync import open_replica

    with open_replica(laptop.path) as edited, pytest.raises((SyncRefusedError, PermissionDenied)):
        sync(edited)
    assert "Laptop risk" not in _descriptions(server)


def test_a_login_made_inactive_on_the_server_sends_nothing(server, laptop):
    """The laptop's login switched off on the server meanwhile: sync is refused, saying
    so, and the journal waits (on a central file it pushed, as a viewer, and pulled the
    whole register for a person the office had switched off)."""
    from store.errors import PermissionDenied
    from store.sync.status import sync_status
    from store.users.services import set_active

    with laptop.writing() as session:
        create_risk(RISK | {"description": "Laptop risk"}, session=session)
    with server.writing() as session:
        set_active({"login": server_login(server.url), "active": False}, session=session)

    with pytest.raises((SyncRefusedError, PermissionDenied)):
        sync(laptop)
    assert sync_status(laptop).pending == 1 and "Laptop risk" not in _descriptions(server)


def test_a_decision_edited_to_post_someone_already_posted_is_refused(demo_url, server, tmp_path):
    """A secretary's offline deferral edited in the journal into an approval posting a
    person already posted elsewhere: the server's Posting List rules refuse it."""
    from store.star_chamber.services.decisions import decide

    with server.reading() as connection:
        taken = connection.execute(
            "SELECT reference FROM sc_displaced WHERE status = 'posted' ORDER BY id"
        ).fetchone()[0]
    meeting = {"meeting": "2011-06-13", "reference": "SC-2011-0006", "reason": "Awaiting review"}
    with make_replica(demo_url, tmp_path / "secretary.db", Role.ADMIN) as secretary:
        with secretary.writing() as session:
            decide(meeting | {"outcome": "deferred"}, session=session)
        edited = meeting | {"outcome": "approved", "posted": taken}
        _edit_journal(
            secretary,
            "UPDATE sync_journal SET input_json = ?",
            json.dumps({"args": [edited], "kwargs": {}}),
        )
        assert sync(secretary).conflicts == 1
        [conflict] = list_conflicts(secretary)
    assert "Posting List" in conflict.reason
