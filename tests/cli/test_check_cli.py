"""`portfolio check --anchor` and `--expect HASH`: the hash a secretary records in the
minutes, and the later check that the log still holds it."""

from __future__ import annotations

import sqlite3

from tests.support.cli import audit_rows, run


def _latest_hash(db) -> str:
    return audit_rows(db, "hash")[-1][0]


def test_anchor_prints_only_the_latest_chain_hash(capsys, demo_db):
    code, out, err = run(capsys, "check", "--db", demo_db, "--anchor")
    assert code == 0
    assert out == f"{_latest_hash(demo_db)}\n"
    assert "record this hash" in err


def test_expect_finds_an_earlier_anchor_after_more_changes(capsys, demo_db):
    anchor = run(capsys, "check", "--db", demo_db, "--anchor")[1].strip()
    code, _, _ = run(
        capsys, "rag", "LEAN", "--db", demo_db, "--criterion", "Overall status",
        "--rag", "A", "--rationale", "slipping after the anchor",
    )  # fmt: skip
    assert code == 0 and _latest_hash(demo_db) != anchor

    code, out, _ = run(capsys, "check", "--db", demo_db, "--expect", anchor.upper())

    assert code == 0
    assert "audit chain: ok" in out and "anchor: ok (audit event" in out


def test_expect_fails_when_the_log_was_cut_back_past_the_anchor(capsys, demo_path):
    code, _, _ = run(
        capsys, "rag", "LEAN", "--db", str(demo_path), "--criterion", "Overall status",
        "--rag", "A", "--rationale", "the change someone wants gone",
    )  # fmt: skip
    anchor = run(capsys, "check", "--db", str(demo_path), "--anchor")[1].strip()
    connection = sqlite3.connect(demo_path)
    connection.execute("DROP TRIGGER audit_event_no_delete")
    connection.execute("DELETE FROM audit_event WHERE hash = ?", (anchor,))
    connection.execute(
        "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
        "BEGIN SELECT RAISE(ABORT, 'put back to hide the edit'); END"
    )
    connection.commit()
    connection.close()
    code, _, err = run(capsys, "check", "--db", str(demo_path))
    assert "audit chain" not in err  # the chain alone holds; the RAG left without its event
    assert code == 1 and "has no audit event" in err  # does not (issue 15 §3)

    code, out, err = run(capsys, "check", "--db", str(demo_path), "--expect", anchor)

    assert code == 1 and out == ""
    assert f"no audit event has hash {anchor}" in err


def test_a_malformed_hash_is_bad_input_on_one_line(capsys, demo_db):
    code, out, err = run(capsys, "check", "--db", demo_db, "--expect", "b9b5885")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "expect:" in err


def test_check_with_a_dropped_trigger_fails_naming_it(capsys, demo_path):
    connection = sqlite3.connect(demo_path)
    connection.execute("DROP TRIGGER proposal_decision_no_update")
    connection.commit()
    connection.close()
    code, _, err = run(capsys, "check", "--db", str(demo_path))
    assert code == 1 and "proposal_decision_no_update" in err
    assert run(capsys, "check", "--db", str(demo_path), "--anchor")[0] == 1
