"""Personal data is owner-only: every file the app creates is 0600 and every folder 0700,
whatever the umask (022, the usual one, and 000, the worst)."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from store.db.schema import open_database
from store.exchange.archive import backup_database, restore_database
from store.exchange.export import export_file
from store.exchange.template import write_template
from store.handle import Store
from store.paths import sqlite_url
from store.reports.pack import build_pack, write_report
from tests.support.older_database import older_database


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request):
    """Run the test under this umask, then put the old one back."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def mode(path) -> int:
    """The permission bits of `path`."""
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_database_and_its_wal_and_shm_are_owner_only(tmp_path, umask):
    db = tmp_path / "new" / "deeper" / "portfolio.db"
    open_database(sqlite_url(db))
    assert mode(db) == 0o600
    assert mode(db.parent) == mode(db.parent.parent) == 0o700
    connection = sqlite3.connect(db)  # SQLite makes -wal and -shm like the database file
    try:
        connection.execute("INSERT INTO setting (key, value) VALUES ('k', 'v')")
        connection.commit()
        assert mode(f"{db}-wal") == mode(f"{db}-shm") == 0o600
    finally:
        connection.close()


def test_backups_and_the_copy_kept_before_a_restore_are_owner_only(demo_path, tmp_path, umask):
    copy = backup_database(demo_path, tmp_path / "backups" / "copy.db").path
    assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
    result = restore_database(copy, demo_path, actor="tester", force=True)
    assert result.replaced_backup is not None and mode(result.replaced_backup) == 0o600
    fresh = tmp_path / "restored.db"
    restore_database(copy, fresh, actor="tester")
    assert mode(fresh) == 0o600


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_exports_are_owner_only(demo_store, tmp_path, umask, fmt):
    path = export_file(demo_store, tmp_path / f"out.{fmt}", fmt).path
    if fmt == "csv":
        assert mode(path) == 0o700
        assert {mode(file) for file in path.iterdir()} == {0o600}
    else:
        assert mode(path) == 0o600


def test_reports_and_the_template_are_owner_only(demo_store, tmp_path, umask):
    pack = write_report(tmp_path / "pack.html", build_pack(demo_store, "2011-Q1"), "html")
    template = write_template(tmp_path / "template.xlsx")
    assert mode(pack) == mode(template) == 0o600


def test_an_upgrade_backup_is_owner_only(tmp_path, umask):
    db = tmp_path / "old.db"
    older_database(db)
    handle, outcome = Store.open(sqlite_url(db), "tester")
    handle.close()
    assert outcome.backup is not None and mode(outcome.backup) == 0o600
