"""`portfolio check --expect ANCHOR` catches tampering the audit chain cannot see
(issue 15 §3): derived rows edited, rows written with no event, rows rewritten with the
guards dropped and put back, and events deleted from the end of the log."""

from __future__ import annotations

import re
import sqlite3

from tests.support.cli import run

RATIONALE = "Supplier slipped a month; the plan is being reworked this period."


def _anchor(capsys, path) -> str:
    code, out, _ = run(capsys, "check", "--db", str(path), "--anchor")
    assert code == 0
    return out.strip()


def _behind_the_app(path, *statements: str, unguard: tuple[str, ...] = ()) -> None:
    """Run `statements` straight in SQLite, with the guard triggers of the `unguard`
    tables dropped first and put back exactly as they were after."""
    connection = sqlite3.connect(path)
    try:
        triggers = [
            row[0]
            for table in unguard
            for row in connection.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
            )
        ]
        for sql in triggers:
            connection.execute(f"DROP TRIGGER {sql.split()[2]}")
        for statement in statements:
            connection.execute(statement)
        for sql in triggers:
            connection.execute(sql)
        connection.commit()
    finally:
        connection.close()


def _check(capsys, path, anchor: str) -> tuple[int, str]:
    code, out, err = run(capsys, "check", "--db", str(path), "--expect", anchor)
    assert out == "" or code == 0
    return code, err


def _assert_restore_advice(err: str) -> None:
    assert "portfolio restore BACKUP --force" in err
    assert "audit chain" not in err and "tamper guards" not in err and "anchor" not in err


def test_current_rag_turned_red_in_sqlite_is_named_row_by_row(capsys, demo_path):
    anchor = _anchor(capsys, demo_path)
    _behind_the_app(demo_path, "UPDATE current_rag SET rag = 'R' WHERE rag = 'G'")

    code, err = _check(capsys, demo_path, anchor)

    assert code == 1
    named = re.findall(
        r"^portfolio: current_rag (\S+/[^:]+): the current RAG summary says R", err, re.M
    )
    assert len(named) == 13 and len(set(named)) == 13
    _assert_restore_advice(err)


def test_an_assessment_inserted_with_no_event_is_named(capsys, demo_path):
    anchor = _anchor(capsys, demo_path)
    _behind_the_app(
        demo_path,
        "INSERT INTO rag_assessment (id, initiative_id, criterion_id, period, rag, rationale,"
        " author, recorded_at) SELECT 900, initiative_id, criterion_id, '2011-Q2', 'R', 'x',"
        " 'm.hughes', '2011-06-13T09:00:00Z' FROM current_rag ORDER BY id LIMIT 1",
        "UPDATE current_rag SET assessment_id = 900, previous_period = period,"
        " previous_rag = rag, period = '2011-Q2', rag = 'R'"
        " WHERE id = (SELECT MIN(id) FROM current_rag)",
    )

    code, err = _check(capsys, demo_path, anchor)

    assert code == 1
    assert "portfolio: rag_assessment 900: has no audit event" in err
    _assert_restore_advice(err)


def test_an_assessment_rewritten_with_the_guards_put_back_is_named(capsys, demo_path):
    anchor = _anchor(capsys, demo_path)
    _behind_the_app(
        demo_path,
        "UPDATE rag_assessment SET rationale = 'All well.' WHERE id = 2",
        unguard=("rag_assessment",),
    )

    code, err = _check(capsys, demo_path, anchor)

    assert code == 1
    line = next(line for line in err.splitlines() if "rag_assessment 2:" in line)
    assert "differs from audit event" in line and "rationale is 'All well.'" in line
    assert "rag is" not in line  # only the column that changed is named
    _assert_restore_advice(err)
    assert "is clean" in err  # the time the row was last as the app wrote it


def test_events_deleted_after_the_anchor_leave_their_rags_named(capsys, demo_path):
    anchor = _anchor(capsys, demo_path)
    for code in ("LEAN", "THIN", "PRINT"):
        assert run(
            capsys, "rag", code, "--db", str(demo_path), "--criterion", "Overall status",
            "--rag", "R", "--rationale", RATIONALE,
        )[0] == 0  # fmt: skip
    connection = sqlite3.connect(demo_path)
    added = [
        row[0]
        for row in connection.execute("SELECT id FROM rag_assessment ORDER BY id DESC LIMIT 3")
    ]
    connection.close()
    _behind_the_app(
        demo_path,
        # the saves' events: each Red RAG's and the Response to Red it opened
        "DELETE FROM audit_event WHERE entity IN ('rag_assessment', 'red_response') AND id > "
        "(SELECT id FROM audit_event WHERE hash = '" + anchor + "')",
        unguard=("audit_event",),
    )

    code, err = _check(capsys, demo_path, anchor)

    assert code == 1
    for assessment in added:
        assert f"portfolio: rag_assessment {assessment}: has no audit event" in err
    _assert_restore_advice(err)
