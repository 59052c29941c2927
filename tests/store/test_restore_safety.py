"""A restore never makes things worse: a backup whose audit chain is broken or whose
guard triggers are gone is refused, naming what is wrong; a restore records who did it,
from which file and the backup's chain head; a handle that read the database before a
restore refuses to write over the restored data; and a backup that cannot be upgraded
leaves the database it would have replaced in place and usable."""

from __future__ import annotations

import json
import sqlite3

import pytest

from store import paths
from store.audit import verify_chain
from store.db.schema import SchemaStatus, inspect_sqlite
from store.errors import DatabaseReplacedError, InputError, SchemaError
from store.exchange import archive
from store.exchange.archive import backup_database, restore_database
from store.handle import Store
from store.programme.risks.services import update_risk
from tests.support.cli import run
from tests.support.exchange_helpers import db_hash


@pytest.fixture
def backup(demo_path, tmp_path):
    """A sound backup of the demo."""
    return backup_database(demo_path, tmp_path / "backup.db").path


def _tamper(path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.executescript(";\n".join(statements))
    finally:
        connection.close()


def _older(backup):
    """The backup as the release before the last left it (at revision 0009)."""
    _tamper(backup, "UPDATE alembic_version SET version_num = '0009_tamper'")
    assert inspect_sqlite(backup).status is SchemaStatus.OLDER
    return backup


def _refused(capsys, backup, demo_path, match: str) -> None:
    """The backup is refused by the store and by `portfolio restore` (exit 2), naming
    `match`, and the database is left as it was with nothing beside it."""
    before = db_hash(demo_path)
    with pytest.raises(InputError, match=match):
        restore_database(backup, demo_path, actor="tester", force=True)
    code, out, err = run(capsys, "restore", str(backup), "--force", "--db", str(demo_path))
    assert (code, out) == (2, "")
    assert "is not sound, so it was not restored" in err and match in err
    assert db_hash(demo_path) == before
    assert sorted(p.name for p in demo_path.parent.iterdir()) == [
        "backup.db",
        "demo.db",
    ]  # nothing staged is left behind


def test_a_backup_whose_audit_chain_is_broken_is_refused(capsys, backup, demo_path):
    _tamper(
        backup,
        "DROP TRIGGER audit_event_no_update",
        "UPDATE audit_event SET reason = 'nothing to see' WHERE id = 5",
        "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    )
    _refused(capsys, backup, demo_path, "audit event 5 was changed after it was written")


def test_a_backup_whose_guard_triggers_are_missing_is_refused(capsys, backup, demo_path):
    _tamper(backup, "DROP TRIGGER rag_assessment_no_delete")
    _refused(capsys, backup, demo_path, "rag_assessment_no_delete")


def test_a_restore_records_who_from_which_file_and_the_chain_head(backup, tmp_path):
    with sqlite3.connect(backup) as connection:
        head = verify_chain(connection).last_hash
    target = tmp_path / "new.db"
    restore_database(backup, target, actor="tester")
    with sqlite3.connect(target) as connection:
        chain = verify_chain(connection)
        row = connection.execute(
            "SELECT actor, os_user, entity, entity_id, action, after_json, prev_hash "
            "FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert chain.ok
    actor, os_user, entity, entity_id, action, after, prev_hash = row
    assert (actor, os_user, entity, entity_id, action) == (
        "tester",
        paths.os_login(),
        "restore",
        "backup.db",
        "restore",
    )
    after = json.loads(after)
    assert after["file"] == str(backup.resolve()) and after["chain_head"] == head
    assert prev_hash == head


def test_portfolio_restore_prints_the_hash_of_its_audit_event(capsys, backup, tmp_path):
    target = tmp_path / "cli.db"
    code, out, _ = run(capsys, "restore", str(backup), "--create", "--db", str(target))
    assert code == 0
    with sqlite3.connect(target) as connection:
        row = connection.execute(
            "SELECT actor, os_user, entity, hash FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row == (paths.os_login(), paths.os_login(), "restore", json.loads(out)["audit_hash"])


def test_a_handle_opened_before_a_restore_refuses_to_write_over_it(backup, demo_path):
    store = Store(f"sqlite:///{demo_path}", "tester")
    try:
        with store.reading() as connection:
            connection.execute("SELECT 1 FROM risk WHERE id = 12").fetchone()
        restore_database(backup, demo_path, actor="tester", force=True)
        before = db_hash(demo_path)
        replaced = r"replaced by a restore from .*backup\.db at .*; nothing was saved"
        with pytest.raises(DatabaseReplacedError, match=replaced), store.writing() as session:
            update_risk({"id": 12, "owner": "Jo Bell", "expected_version": 1}, session=session)
        assert db_hash(demo_path) == before
        store.accept_replacement()
        with store.writing() as session:
            update_risk({"id": 12, "owner": "Jo Bell", "expected_version": 1}, session=session)
    finally:
        store.close()
    with sqlite3.connect(demo_path) as connection:
        assert connection.execute("SELECT owner FROM risk WHERE id = 12").fetchone() == ("Jo Bell",)


def test_a_restore_whose_upgrade_fails_leaves_the_database_usable(
    capsys, monkeypatch, backup, demo_path, tmp_path
):
    older = _older(backup)

    def failing(url: str, revision: str = "head") -> None:
        raise RuntimeError("migration 0009 failed")

    monkeypatch.setattr(archive, "upgrade", failing)
    before = db_hash(demo_path)
    with pytest.raises(SchemaError, match=r"could not be upgraded .*migration 0009 failed"):
        restore_database(older, demo_path, actor="tester", force=True)
    code, out, err = run(capsys, "restore", str(older), "--force", "--db", str(demo_path))
    assert (code, out) == (1, "")
    assert "could not be upgraded" in err and "was not changed" in err
    assert db_hash(demo_path) == before
    assert not list(tmp_path.glob("*restoring*"))  # nothing staged is left behind
    with Store(f"sqlite:///{demo_path}", "tester") as store, store.writing() as session:
        update_risk({"id": 12, "owner": "Jo Bell", "expected_version": 1}, session=session)


def test_an_older_backup_is_upgraded_before_it_is_put_in_place(backup, tmp_path):
    target = tmp_path / "new.db"
    restore_database(_older(backup), target, actor="tester")
    assert inspect_sqlite(target).status is SchemaStatus.CURRENT
    with sqlite3.connect(target) as connection:
        assert verify_chain(connection).ok
