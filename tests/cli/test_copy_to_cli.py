"""`portfolio copy-to TARGET`: the whole portfolio into an empty database, then the
anchor taken on the source passes `check --expect` on the copy."""

from __future__ import annotations

import sqlite3

from tests.support.cli import audit_events, run


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
