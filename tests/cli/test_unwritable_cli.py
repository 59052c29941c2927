"""The CLI on a really read-only file or folder, and on a really full disk.

Each case runs in a private user and mount namespace (`unshare -Urm`, no root needed
where unprivileged user namespaces are allowed): a read-only bind mount gives EROFS and
a small tmpfs gives ENOSPC, which root's `chmod` cannot. The save must exit 1 with one
line, write nothing, and leave a file that `check` passes.
"""

from __future__ import annotations

import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from store.check import check_database
from tests.support.storage_faults import PASTED, counts
from tests.support.users_factories import os_account_is_admin

UNSHARE = shutil.which("unshare")


def _namespaces_work() -> bool:
    if UNSHARE is None:
        return False
    probe = subprocess.run([UNSHARE, "-Urm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not _namespaces_work(), reason="needs unshare -Urm (user and mount namespaces)"
)

PORTFOLIO = str(Path(sys.executable).with_name("portfolio"))


def _rag_command(db: Path) -> str:
    argv = [PORTFOLIO, "rag", "LEAN", "--db", str(db), "--criterion", "Overall status"]
    argv += ["--rag", "R", "--rationale", PASTED]
    return shlex.join(argv)


def _in_namespace(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [UNSHARE, "-Urm", "sh", "-ec", script], capture_output=True, text=True, check=False
    )


def _result(done: subprocess.CompletedProcess) -> tuple[int, str, str]:
    """The save's exit code, stdout and stderr, which the script prints between marks."""
    code = int(done.stdout.split("rc=")[-1].split()[0])
    return code, done.stdout.split("rc=")[0], done.stderr


def _fails_with_one_line(script: str) -> str:
    """Run `script` in the namespace; its command must exit 1 with one line on stderr
    and nothing on stdout. Returns that line."""
    done = _in_namespace(script)
    code, out, err = _result(done)
    assert code == 1, done
    assert out == "" and len(err.strip().splitlines()) == 1
    return err


def _counts(path: Path) -> tuple[int, ...]:
    connection = sqlite3.connect(path)
    try:
        return counts(connection)
    finally:
        connection.close()


@pytest.fixture(autouse=True)
def namespace_root_is_admin(demo_path):
    """Inside `unshare -Ur` the command runs as uid 0: make that account an admin of the
    demo copy, so the save is refused by the disk, not by a role."""
    os_account_is_admin(demo_path, uid=0)


def test_a_save_on_a_read_only_file_exits_1_with_one_line(demo_path):
    before = _counts(demo_path)
    mount = f"mount --bind {demo_path} {demo_path}; mount -o remount,bind,ro {demo_path}"
    done = _in_namespace(f"{mount}; set +e; {_rag_command(demo_path)}; echo rc=$?")
    code, out, err = _result(done)
    assert code == 1, done
    assert out == "" and len(err.strip().splitlines()) == 1
    assert "is read-only" in err and "nothing was saved" in err
    assert _counts(demo_path) == before
    assert check_database(demo_path).ok


def test_a_save_in_a_read_only_folder_exits_1_with_one_line(demo_path):
    folder = demo_path.parent
    before = _counts(demo_path)
    mount = f"mount --bind {folder} {folder}; mount -o remount,bind,ro {folder}"
    done = _in_namespace(f"{mount}; set +e; {_rag_command(demo_path)}; echo rc=$?")
    code, out, err = _result(done)
    assert code == 1, done
    assert out == "" and len(err.strip().splitlines()) == 1 and "read-only" in err
    assert "Traceback" not in err
    assert _counts(demo_path) == before
    assert check_database(demo_path).ok


def test_a_save_on_a_full_disk_exits_1_with_one_line_and_writes_nothing(demo_path, tmp_path):
    before = _counts(demo_path)
    disk, out_dir = tmp_path / "disk", tmp_path / "after"
    disk.mkdir()
    out_dir.mkdir()
    # Room for the file, its 32 KiB shared-memory index and a little slack, but not for
    # a save that needs several new pages.
    size_k = demo_path.stat().st_size // 1024 + 32 + 16
    db = disk / "demo.db"
    script = (
        f"mount -t tmpfs -o size={size_k}k tmpfs {disk}; cp {demo_path} {db}; set +e; "
        f"{_rag_command(db)}; echo rc=$?; cp {disk}/demo.db* {out_dir}/"
    )
    err = _fails_with_one_line(script)
    assert "is full; nothing was saved" in err
    after = out_dir / "demo.db"
    assert _counts(after) == before
    report = check_database(after)
    assert report.ok, report.problems


def test_a_backup_to_a_full_disk_says_so_and_leaves_nothing_behind(demo_path, tmp_path):
    disk, listing = tmp_path / "disk", tmp_path / "listing.txt"
    disk.mkdir()
    size_k = demo_path.stat().st_size // 1024 // 2  # room for half the copy
    backup = shlex.join([PORTFOLIO, "backup", str(disk / "copy.db"), "--db", str(demo_path)])
    script = (
        f"mount -t tmpfs -o size={size_k}k tmpfs {disk}; set +e; {backup}; echo rc=$?; "
        f"ls -A {disk} > {listing}"
    )
    err = _fails_with_one_line(script)
    assert "is full" in err and "copy.db" in err and "not a SQLite database" not in err
    assert listing.read_text() == ""
