"""`portfolio copy-to TARGET`: the whole portfolio into an empty database, then the
anchor taken on the source passes `check --expect` on the copy."""

from __future__ import annotations

import sqlite3

import pytest

from tests.support import pg
from tests.support.cli import audit_events, count, run


def test_copy_to_a_new_file_keeps_the_anchor(capsys, demo_path, tmp_path):
    anchor = run(capsys, "check", "--db", str(demo_path), "--anchor")[1].strip()
    target = tmp_path / "office" / "copy.db"

    code, out, err = run(capsys, "copy-to", str(target), "--db", str(demo_path))

    assert code == 0, err
    assert f"source chain head: {anchor}" in out and "target anchor: ok" in out
    assert "users and" in err and audit_events(target) == audit_events(demo_path) + 1
    code, out, _ = run(capsys, "check", "--db", str(target), "--expect", anchor)
    assert code == 0 and "anchor: ok" in out


def test_copy_to_the_source_itself_is_refused(capsys, demo_path):
    code, _, err = run(capsys, "copy-to", str(demo_path), "--db", str(demo_path))
    assert code == 2 and "source database itself" in err


def test_copy_to_a_database_with_rows_is_refused_naming_them(capsys, demo_path, tmp_path):
    target = tmp_path / "copy.db"
    assert run(capsys, "copy-to", str(target), "--db", str(demo_path))[0] == 0
    events = audit_events(target)

    code, _, err = run(capsys, "copy-to", str(target), "--db", str(demo_path))

    assert code == 2 and "is not empty (it holds" in err and "app_user" in err
    assert audit_events(target) == events


def test_copy_from_a_tampered_database_is_refused(capsys, demo_path, tmp_path):
    connection = sqlite3.connect(demo_path)
    connection.execute("DROP TRIGGER audit_event_no_delete")
    connection.execute("DELETE FROM audit_event WHERE id = 5")
    connection.commit()
    connection.close()

    code, _, err = run(capsys, "copy-to", str(tmp_path / "copy.db"), "--db", str(demo_path))

    assert code == 1 and "source: audit chain" in err and "tamper guards" in err
    assert not (tmp_path / "copy.db").exists()


@pytest.mark.skipif(pg.server_url() is None, reason="needs PORTFOLIO_TEST_PG (a server)")
def test_the_demo_to_the_server_and_back_keeps_every_user_event_and_the_anchor(
    capsys, demo_path, tmp_path, pg_databases
):
    """PostgreSQL only: the laptop's anchor passes `check --expect` on the server and on
    the copy brought back; each copy adds one event and loses nothing."""
    anchor = run(capsys, "check", "--db", str(demo_path), "--anchor")[1].strip()
    server, back = pg_databases.create(), tmp_path / "back.db"
    try:
        for source, target in ((str(demo_path), server), (server, str(back))):
            code, out, err = run(capsys, "copy-to", target, "--db", source)
            assert code == 0 and "target anchor: ok" in out, err
            assert audit_events(target) == audit_events(source) + 1
            assert count(target, "app_user") == count(demo_path, "app_user")
            code, out, err = run(capsys, "check", "--db", target, "--expect", anchor)
            assert code == 0 and "anchor: ok" in out, (out, err)
        assert audit_events(back) == audit_events(demo_path) + 2
    finally:
        pg_databases.drop(server)
