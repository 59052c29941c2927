"""Backup with the online backup API while another connection writes; restore refuses a
database with data unless forced, and keeps a backup of what it replaces."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from store.db.pragmas import connect_sqlite
from store.errors import InputError
from store.exchange.archive import backup_database, data_rows, integrity, restore_database
from store.handle import Store
from tests.support.exchange_helpers import db_hash
from tui.cli import main


def test_backup_while_another_connection_writes(demo_path, tmp_path):
    stop = threading.Event()
    written = []

    def writer() -> None:
        connection = connect_sqlite(str(demo_path))
        number = 0
        while not stop.is_set() or number < 50:
            number += 1
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?)", (f"load-{number}", "x" * 500)
            )
            connection.execute("COMMIT")
            written.append(number)
        connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [backup_database(demo_path, tmp_path / f"copy{n}.db") for n in range(3)]
    finally:
        stop.set()
        thread.join()
    assert len(written) >= 50
    for copy in copies:
        assert copy.integrity == "ok" and integrity(copy.path) == "ok"
        with sqlite3.connect(copy.path) as connection:
            keys = [
                r[0] for r in connection.execute("SELECT key FROM setting WHERE key LIKE 'load-%'")
            ]
            # A consistent snapshot: the rows of whole transactions, numbered without gaps.
            numbers = sorted(int(k.split("-")[1]) for k in keys)
            assert numbers == list(range(1, len(numbers) + 1))
            assert connection.execute("SELECT COUNT(*) FROM initiative").fetchone()[0] > 100


def test_backup_command_prints_the_integrity_check(demo_path, tmp_path, capsys):
    assert main(["backup", "--db", str(demo_path), str(tmp_path / "b.db")]) == 0
    assert '"integrity_check": "ok"' in capsys.readouterr().out


def test_restore_refuses_a_database_with_data_unless_forced(demo_path, tmp_path, capsys):
    backup = backup_database(demo_path, tmp_path / "backup.db").path
    target = tmp_path / "other.db"
    handle, _ = Store.open(f"sqlite:///{target}", "someone")
    with handle.writing() as session:
        session.connection().exec_driver_sql(
            "INSERT INTO business_group (code, name) VALUES ('XX', 'Other')"
        )
    handle.close()
    before = db_hash(target)
    with pytest.raises(InputError, match="--force"):
        restore_database(backup, target, actor="tester")
    assert db_hash(target) == before
    assert main(["restore", "--db", str(target), str(backup)]) == 2
    assert "--force" in capsys.readouterr().err
    assert db_hash(target) == before

    result = restore_database(backup, target, actor="tester", force=True)
    assert result.replaced_backup is not None and result.replaced_backup.exists()
    with sqlite3.connect(result.replaced_backup) as kept:
        assert kept.execute("SELECT code FROM business_group").fetchall() == [("XX",)]
    assert data_rows(target) == data_rows(demo_path) + 1  # and the restore's audit event
    assert integrity(target) == "ok"


def test_restore_into_an_empty_database_needs_no_force(demo_path, tmp_path):
    backup = backup_database(demo_path, tmp_path / "backup.db").path
    result = restore_database(backup, tmp_path / "new.db", actor="tester")
    assert result.replaced_backup is None
    assert result.rows == data_rows(demo_path) + 1  # and the restore's audit event


def test_restore_refuses_a_file_that_is_not_a_database(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="not a SQLite database"):
        restore_database(junk, tmp_path / "new.db", actor="tester")
