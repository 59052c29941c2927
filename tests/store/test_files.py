"""`store.files.write_atomically`: never over a database, never half-written, and the
old file whole after any failure; a full or read-only disk is said so."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest

from store.errors import DatabaseReadOnlyError, DiskFullError, InputError
from store.files import TargetExistsError, check_target, write_atomically


def _database(path):
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    return connection  # kept open, so its -wal and -shm are there


def _write(text: str):
    return lambda temporary: temporary.write_text(text, encoding="utf-8")


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_open_database_and_its_side_files_are_refused(tmp_path, suffix):
    db = tmp_path / "v.db"
    connection = _database(db)
    try:
        target = tmp_path / f"v.db{suffix}"
        before = target.read_bytes() if target.exists() else None
        with pytest.raises(InputError, match="is the database itself"):
            write_atomically(target, _write("<html>"), force=True, protect=(db,))
        assert (target.read_bytes() if target.exists() else None) == before
    finally:
        connection.close()


def test_any_sqlite_database_is_refused_even_with_force(tmp_path):
    other = tmp_path / "other.db"
    _database(other).close()
    before = other.read_bytes()
    with pytest.raises(InputError, match=r"other\.db is a SQLite database"):
        write_atomically(other, _write("{}"), force=True)
    assert other.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_the_side_files_of_any_database_are_refused(tmp_path):
    _database(tmp_path / "other.db").close()
    with pytest.raises(InputError, match="belongs to the SQLite database"):
        check_target(tmp_path / "other.db-journal", force=True)


def test_a_symlink_or_hard_link_to_the_database_is_refused(tmp_path):
    db = tmp_path / "v.db"
    db.write_bytes(b"")  # a new, empty database: no SQLite header yet
    (tmp_path / "link.db").symlink_to(db)
    os.link(db, tmp_path / "hard.db")
    for name in ("link.db", "hard.db"):
        with pytest.raises(InputError, match="is the database itself"):
            write_atomically(tmp_path / name, _write("x"), force=True, protect=(db,))
    assert db.read_bytes() == b""


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    target = tmp_path / "pack.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TargetExistsError, match=r"pack\.md already exists; use --force"):
        write_atomically(target, _write("new"))
    assert target.read_text(encoding="utf-8") == "old"
    write_atomically(target, _write("new"), force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert _leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_file(tmp_path):
    target = tmp_path / "export.json"
    target.write_text("the old export", encoding="utf-8")

    def half_then_fail(temporary):
        temporary.write_text("half of the new", encoding="utf-8")
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError, match="killed"):
        write_atomically(target, half_then_fail, force=True)
    assert target.read_text(encoding="utf-8") == "the old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


@pytest.mark.parametrize(
    ("code", "error", "words"),
    [
        (errno.ENOSPC, DiskFullError, "is full"),
        (errno.EROFS, DatabaseReadOnlyError, "is read-only"),
    ],
)
def test_a_full_or_read_only_disk_is_said_so(tmp_path, code, error, words):
    target = tmp_path / "report.html"

    def fail(temporary):
        temporary.write_text("part", encoding="utf-8")
        raise OSError(code, os.strerror(code))

    with pytest.raises(error, match=words) as raised:
        write_atomically(target, fail)
    assert str(target) in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        write_atomically(tmp_path, _write("x"), force=True)


def test_force_through_a_symlink_writes_the_real_file_and_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "report.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(real)

    written = write_atomically(link, _write("new"), force=True)

    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8") == "new"
    assert written == real
    assert _leftovers(tmp_path / "real") == [] and _leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_a_symlink_to_a_database_or_its_side_files_is_refused(tmp_path, suffix):
    connection = _database(tmp_path / "other.db")
    link = tmp_path / "innocent.txt"
    link.symlink_to(tmp_path / f"other.db{suffix}")
    before = (tmp_path / f"other.db{suffix}").read_bytes()

    with pytest.raises(InputError):
        write_atomically(link, _write("x"), force=True)

    assert link.is_symlink()
    if suffix != "-shm":
        assert (tmp_path / f"other.db{suffix}").read_bytes()[:16] == before[:16]
    connection.close()
