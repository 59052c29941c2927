"""A new SQLite file gets exactly what the migrations make, however it is made.

The first new file of a process is migrated; each one after gets the schema as SQL,
dumped once from an in-memory database the migrations made (`store.db.fresh`). These
tests make the second way happen and compare its file with a migrated one: the same
tables, columns, indexes and triggers, word for word, and the same rows; its first save
is audited, `check` passes and the audit guards refuse. A new file that cannot be
finished leaves nothing; a file that is not blank is migrated.
"""

from __future__ import annotations

import sqlite3

import pytest

import store.db.fresh as fresh
from store.check import check_url
from store.db.schema import head_revision, open_database, upgrade
from store.errors import DiskFullError
from store.handle import Store
from store.users.services import add_user
from tests.support.storage_faults import disk_full

pytestmark = pytest.mark.sqlite_only("it makes new SQLite files")


def _content(path) -> tuple[list, dict]:
    """Everything in the file at `path`: its schema objects as SQLite stores them, and
    every table's rows."""
    with sqlite3.connect(path) as connection:
        objects = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        rows = {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for kind, name, _, _ in objects
            if kind == "table"
        }
    connection.close()
    return objects, rows


def _migrated(path) -> None:
    """Make the file at `path` by the migrations alone: the first of them on the blank
    file, then the rest as an upgrade (the statements are for blank files only)."""
    upgrade(f"sqlite:///{path}", "0001_foundation")
    upgrade(f"sqlite:///{path}")


@pytest.fixture
def made_as_sql(monkeypatch):
    """From now on, this process's new files get the schema as SQL (as every file after
    its first does), dumped again here."""
    monkeypatch.setattr(fresh, "_made", 1)
    monkeypatch.setattr(fresh, "_statements", None)


@pytest.mark.parametrize("there", [False, True], ids=["missing", "empty file"])
def test_a_file_made_from_the_schema_as_sql_is_what_the_migrations_make(
    tmp_path, made_as_sql, there
):
    migrated, made = tmp_path / "migrated.db", tmp_path / "made.db"
    _migrated(migrated)
    if there:
        made.touch(mode=0o600)  # as a copy's temporary file starts
    open_database(f"sqlite:///{made}")
    assert fresh._statements, "the second way was not taken"
    objects, rows = _content(made)
    assert (objects, rows) == _content(migrated)
    assert rows["alembic_version"] == [(head_revision(),)]
    assert {kind for kind, *_ in objects} == {"table", "index", "trigger"}
    with sqlite3.connect(made) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


def test_a_file_made_from_sql_keeps_its_first_save_and_passes_check(tmp_path, made_as_sql):
    made = f"sqlite:///{tmp_path / 'made.db'}"
    handle, _ = Store.open(made, "tester")
    with handle, handle.writing() as session:
        add_user({"login": "k.osei", "role": "portfolio_office"}, session=session)
    report = check_url(made)
    assert report.ok, report.problems
    with sqlite3.connect(tmp_path / "made.db") as connection:
        assert connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0] >= 1
        with pytest.raises(sqlite3.DatabaseError):
            connection.execute("DELETE FROM audit_event")
    connection.close()


def test_a_file_with_only_an_empty_version_table_is_migrated(tmp_path, made_as_sql):
    """No tables of its own (so taken as new) but not blank: the statements would make
    `alembic_version` again, so the migrations, which know it, make the rest."""
    migrated, made = tmp_path / "migrated.db", tmp_path / "made.db"
    _migrated(migrated)
    with sqlite3.connect(made) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    connection.close()
    open_database(f"sqlite:///{made}")
    assert _content(made)[1] == _content(migrated)[1]


def test_a_new_file_on_a_full_disk_is_refused_and_not_left_half_made(
    tmp_path, made_as_sql, monkeypatch
):
    disk_full(monkeypatch, spare_pages=12)  # full a dozen tables in
    made = tmp_path / "made.db"
    with pytest.raises(DiskFullError):
        open_database(f"sqlite:///{made}")
    assert not made.exists()
