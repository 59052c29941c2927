"""The command line under roles: `portfolio user ...`, a denial exits 3 with one line
and writes only its audit event, and a held write lock exits 4 after the timeout."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.support import pg
from tests.support.busy import server_transaction_held, write_lock_held
from tests.support.cli import as_person, audit_events, audit_rows, run


def test_user_commands_add_list_role_and_disable(capsys, tmp_path):
    db = str(tmp_path / "fresh.db")
    assert run(capsys, "init", "--db", db)[0] == 0  # a read command no longer creates one
    code, out, _ = run(capsys, "user", "list", "--db", db, "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(
        capsys, "user", "add", "r.achebe", "--role", "star chamber secretary",
        "--display-name", "Ruth Achebe", "--db", db,
    )  # fmt: skip
    assert (code, out) == (0, "added r.achebe (Ruth Achebe): star chamber secretary\n")
    code, out, _ = run(capsys, "user", "role", "r.achebe", "viewer", "--db", db)
    assert (code, out) == (0, "changed r.achebe (Ruth Achebe): viewer\n")
    code, out, _ = run(capsys, "user", "disable", "r.achebe", "--db", db)
    assert (code, out) == (0, "disabled r.achebe (Ruth Achebe): viewer, disabled\n")
    code, out, _ = run(capsys, "user", "list", "--db", db, "--format", "json")
    assert json.loads(out) == [
        {"login": "r.achebe", "display_name": "Ruth Achebe", "role": "viewer", "active": False},
        {"login": "tester", "display_name": "tester", "role": "admin", "active": True},
    ]
    assert [row[2:] for row in audit_rows(db)] == [
        ("app_user", "1", "create"),
        ("app_user", "2", "create"),
        ("app_user", "2", "update"),
        ("app_user", "2", "update"),
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("user", "add", "x", "--role", "boss"), "role: 'boss' is not a role"),
        (("user", "role", "tester", "viewer"), "role: tester is the last active admin"),
        (("user", "disable", "tester"), "login: tester is the last active admin"),
        (("user", "role", "ghost", "viewer"), "login: no user called 'ghost'"),
    ],
)
def test_bad_user_input_exits_2_with_one_line(capsys, tmp_path, argv, message):
    db = str(tmp_path / "fresh.db")
    run(capsys, "init", "--db", db)
    run(capsys, "user", "list", "--db", db)
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"portfolio: {message}")


def test_a_denied_change_exits_3_with_one_line_and_is_audited(capsys, demo_path, frozen_clock):
    before = audit_rows(demo_path)
    code, out, err = run(
        capsys, "rag", "DRM", "--criterion", "overall status", "--rag", "R",
        "--rationale", "Stalled.", "--db", str(demo_path), "--user", "k.osei",
    )  # fmt: skip
    assert (code, out) == (3, "")
    assert err == (
        "portfolio: permission denied: k.osei (viewer) may not record a RAG assessment\n"
    )
    after = audit_rows(demo_path)
    assert after[: len(before)] == before
    assert after[len(before) :] == [
        ("k.osei", "tester", "permission", "record a RAG assessment", "denied")
    ]
    code, _, err = run(
        capsys, "user", "add", "eve", "--role", "admin", "--db", str(demo_path),
        "--user", "j.okafor",
    )  # fmt: skip
    assert code == 3 and "j.okafor (portfolio office) may not manage users" in err


def _busy_rag(capsys, db) -> None:
    """Record a RAG on DRM, which finds the database busy: exit 4 with one line."""
    code, out, err = run(
        capsys, "rag", "DRM", "--criterion", "overall status", "--rag", "R",
        "--rationale", "Stalled.", *as_person(db, "j.okafor"),
    )  # fmt: skip
    assert (code, out) == (4, "")
    assert err.startswith("portfolio: database busy: another process is writing")
    assert err.count("\n") == 1


def test_a_held_write_lock_exits_4_after_the_timeout(capsys, demo_db, short_busy_timeout):
    before = audit_events(demo_db)
    with write_lock_held(demo_db):
        _busy_rag(capsys, demo_db)
    assert audit_events(demo_db) == before


@pytest.mark.skipif(
    pg.server_url() is None,
    reason="a row lock on a server; a SQLite file is locked whole (the test above)",
)
def test_a_held_row_lock_exits_4_after_the_timeout(capsys, demo_db, short_busy_timeout):
    """Another client holding the initiative's row (a DBA's or a report's transaction)
    makes the save wait for it, as for the write lock, then give up as busy."""
    before = audit_events(demo_db)
    with server_transaction_held(demo_db, "SELECT 1 FROM initiative WHERE code = 'DRM' FOR UPDATE"):
        _busy_rag(capsys, demo_db)
    assert audit_events(demo_db) == before


def test_only_an_admin_restores_over_a_database_in_use(capsys, demo_path, tmp_path):
    backup = tmp_path / "copy.db"
    assert run(capsys, "backup", str(backup), "--db", str(demo_path))[0] == 0
    initiatives = "SELECT COUNT(*) FROM initiative"
    with sqlite3.connect(demo_path) as connection:
        expected = connection.execute(initiatives).fetchone()
    code, out, err = run(
        capsys, "restore", str(backup), "--force", "--db", str(demo_path), "--user", "k.osei"
    )
    assert (code, out) == (3, "")
    assert err == (
        "portfolio: permission denied: k.osei (viewer) may not replace the database with a backup\n"
    )
    assert audit_rows(demo_path)[-1][-1] == "denied"
    assert list(demo_path.parent.glob("*before-restore*")) == []  # nothing replaced or kept
    with sqlite3.connect(demo_path) as connection:
        assert connection.execute(initiatives).fetchone() == expected


def test_importing_into_a_new_database_as_someone_else_is_refused(capsys, demo_db, tmp_path):
    exported = tmp_path / "all.json"
    assert run(capsys, "export", "--format", "json", "-o", str(exported), "--db", demo_db)[0] == 0
    fresh = tmp_path / "fresh.db"
    code, _, err = run(capsys, "import", str(exported), "--db", str(fresh), "--user", "k.osei")
    assert code == 3 and "only an admin may act as someone else (k.osei)" in err
    code, out, _ = run(capsys, "import", str(exported), "--db", str(fresh))
    assert code == 0, out
