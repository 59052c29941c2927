"""Paths are paths whatever characters they hold; a full or read-only disk is called
that (never "not a SQLite database"); a backup to a full disk leaves nothing behind."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections import namedtuple

import pytest

import store.db.schema
import store.exchange.archive
from store.db.schema import inspect_sqlite
from store.errors import DatabaseReadOnlyError, DiskFullError, SchemaError
from store.exchange.archive import backup_database
from store.handle import Store
from store.paths import database_url, sqlite_path
from store.portfolio.queries import current_period
from store.portfolio.services import set_current_period


@pytest.mark.parametrize("name", ["we?ird#name.db", "pct%41.db", "a b&c=d;e.db", "ü.db"])
def test_a_plain_path_is_one_file_whatever_characters_it_holds(tmp_path, name):
    url = database_url(str(tmp_path / name))
    assert sqlite_path(url) == tmp_path / name
    handle, _ = Store.open(url, "tester")
    with handle:
        with handle.writing() as session:  # the write path (SQLAlchemy) ...
            set_current_period("2011-Q2", session=session)
        with handle.reading() as connection:  # ... and the read path agree
            assert current_period(connection) == "2011-Q2"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith("-shm")) in (
        [name],
        [name, f"{name}-wal"],
    )


def _backup_meets(monkeypatch, error: BaseException) -> None:
    """The backup's copy writes some pages, then meets `error`."""

    def copy(source, destination, on_progress=None):
        connection = sqlite3.connect(destination)
        connection.execute("CREATE TABLE half (x)")
        connection.commit()
        connection.close()
        raise error

    monkeypatch.setattr(store.exchange.archive, "copy_to_file", copy)


@pytest.mark.parametrize(
    "error",
    [sqlite3.OperationalError("database or disk is full"), OSError(errno.ENOSPC, "No space")],
    ids=["sqlite-full", "os-enospc"],
)
def test_a_backup_to_a_full_disk_says_so_and_leaves_no_partial_file(
    demo_path, tmp_path, monkeypatch, error
):
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "old-notes.txt"
    old.write_text("kept", encoding="utf-8")
    _backup_meets(monkeypatch, error)
    with pytest.raises(DiskFullError, match="is full") as raised:
        backup_database(demo_path, folder / "copy.db")
    assert str(folder / "copy.db") in str(raised.value)
    assert [p.name for p in folder.iterdir()] == ["old-notes.txt"]
    with pytest.raises(DiskFullError):
        backup_database(demo_path, old, force=True)
    assert old.read_text(encoding="utf-8") == "kept"
    assert [p.name for p in folder.iterdir()] == ["old-notes.txt"]


def _sqlite_refuses(monkeypatch, message: str) -> None:
    def connect(*_args, **_kwargs):
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(store.db.schema.sqlite3, "connect", connect)


def test_a_read_only_file_is_called_read_only(demo_path, monkeypatch):
    _sqlite_refuses(monkeypatch, "attempt to write a readonly database")
    with pytest.raises(DatabaseReadOnlyError, match="is read-only"):
        inspect_sqlite(demo_path)


def test_a_full_disk_is_called_full_when_sqlite_says_only_io_error(demo_path, monkeypatch):
    _sqlite_refuses(monkeypatch, "disk I/O error")
    Space = namedtuple("Space", "f_bavail f_frsize")
    monkeypatch.setattr(store.db.schema.os, "statvfs", lambda _path: Space(0, 4096))
    with pytest.raises(DiskFullError, match="is full"):
        inspect_sqlite(demo_path)


def test_an_unreadable_file_is_not_called_not_a_database(demo_path, monkeypatch):
    _sqlite_refuses(monkeypatch, "unable to open database file")
    monkeypatch.setattr(store.db.schema.os, "access", lambda *_args: True)  # root's view
    with pytest.raises(SchemaError) as raised:
        inspect_sqlite(demo_path)
    assert "not a SQLite database" not in str(raised.value)
    assert "read-only" in str(raised.value)


def test_a_file_that_is_not_sqlite_is_still_called_that(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(SchemaError, match="is not a SQLite database"):
        inspect_sqlite(junk)
