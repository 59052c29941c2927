"""The `portfolio` command line, run in-process: output, exit codes and what is written."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from tests.support.cli import as_person, count, run

LIST_KEYS = {
    "code", "name", "kind", "parent", "business_group", "tier", "complexity", "sro", "rag",
    "period",
}  # fmt: skip


def test_list_json_has_one_object_per_initiative_with_the_agreed_keys(capsys, demo_db):
    code, out, _ = run(capsys, "list", "--db", demo_db, "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert len(rows) == count(demo_db, "initiative")
    assert all(set(row) == LIST_KEYS for row in rows)
    tpd = next(row for row in rows if row["code"] == "TPD")
    assert tpd["parent"] is None and tpd["business_group"] == "TP" and tpd["rag"] == "G"
    assert tpd["period"] == "2011-Q1" and tpd["tier"] == "transformational"
    crib = next(row for row in rows if row["code"] == "TPD-CRIB")
    assert crib["parent"] == "TPD"


def test_list_filters_and_writes_csv(capsys, demo_db):
    code, out, _ = run(capsys, "list", "--db", demo_db, "--filter", "lean", "--format", "csv")
    lines = out.strip().splitlines()
    assert code == 0
    assert lines[0] == "code,name,kind,parent,business_group,tier,complexity,sro,rag,period"
    assert len(lines) == 2 and lines[1].startswith("LEAN,")


def test_show_json_lists_assessments_newest_first(capsys, demo_db):
    code, out, _ = run(capsys, "show", "tpd", "--db", demo_db, "--format", "json")
    record = json.loads(out)
    assert code == 0
    assert set(record) == LIST_KEYS | {"assessments"}
    periods = [a["period"] for a in record["assessments"]]
    assert periods == sorted(periods, reverse=True)
    assert set(record["assessments"][0]) == {
        "criterion",
        "period",
        "rag",
        "rationale",
        "author",
        "recorded_at",
    }


def test_rag_records_through_the_service_as_the_given_user(capsys, demo_db):
    code, out, _ = run(
        capsys,
        "rag",
        "DRM",
        *as_person(demo_db, "j.okafor"),
        "--criterion",
        "overall status",
        "--rag",
        "R",
        "--rationale",
        "Exits stalled pending the public access review.",
    )
    assert code == 0 and "DRM" in out and "R" in out
    _, out, _ = run(capsys, "show", "DRM", "--db", demo_db, "--format", "json")
    latest = json.loads(out)["assessments"][0]
    assert latest["rag"] == "R" and latest["author"] == "j.okafor"
    assert latest["period"] == "2011-Q1"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--rag", "X", "--rationale", "r"], "rag:"),
        (["--rag", "R", "--rationale", "   "], "rationale:"),
        (["--rag", "R", "--rationale", "r", "--period", "2011"], "period:"),
        (
            ["--rag", "R", "--rationale", "r", "--period", "2011-Q2"],
            "period: 2011-Q2 is after the current reporting period (2011-Q1); choose 2011-Q1",
        ),
        (["--rag", "R", "--rationale", "r", "--criterion", "Budget"], "criterion:"),
    ],
)
def test_rag_bad_input_exits_2_with_one_line_and_writes_nothing(capsys, demo_db, args, words):
    before = (count(demo_db, "rag_assessment"), count(demo_db, "audit_event"))
    if "--criterion" not in args:
        args = [*args, "--criterion", "Overall status"]
    code, out, err = run(capsys, "rag", "DRM", "--db", demo_db, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err
    assert "Traceback" not in err
    assert (count(demo_db, "rag_assessment"), count(demo_db, "audit_event")) == before


def test_an_unknown_criterion_lists_the_criteria_there_are(capsys, demo_db):
    args = ("--rag", "R", "--rationale", "r", "--criterion", "Budget")
    code, out, err = run(capsys, "rag", "DRM", "--db", demo_db, *args)
    assert code == 2 and out == ""
    assert err == (
        "portfolio: criterion: no RAG criterion called 'Budget'; "
        "the criteria are 'Overall status', 'Risks & mitigations'\n"
    )


def test_a_missing_argument_is_one_line_and_exit_2(capsys, demo_db):
    code, _, err = run(capsys, "rag", "DRM", "--db", demo_db)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--criterion" in err


def test_an_unknown_option_names_the_problem_once(capsys, demo_db):
    code, out, err = run(capsys, "list", "--bogus", "--db", demo_db)
    assert (code, out, err) == (2, "", "portfolio: unrecognized arguments: --bogus\n")


def test_an_unknown_code_is_bad_input(capsys, demo_db):
    code, _, err = run(capsys, "show", "NOPE", "--db", demo_db)
    assert code == 2 and "code:" in err and "NOPE" in err


def test_check_passes_then_names_a_tampered_audit_row(capsys, demo_path):
    code, out, _ = run(capsys, "check", "--db", str(demo_path))
    assert code == 0 and "audit chain: ok" in out
    connection = sqlite3.connect(demo_path)
    connection.execute("DROP TRIGGER audit_event_no_update")  # the log refuses edits otherwise
    connection.execute("UPDATE audit_event SET actor = 'mallory' WHERE id = 40")
    connection.commit()
    connection.close()
    code, _, err = run(capsys, "check", "--db", str(demo_path))
    assert code == 1 and "audit event 40" in err


def test_demo_refuses_a_non_empty_database_unless_forced(capsys, demo_path):
    digest = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    code, _, err = run(capsys, "demo", "--db", str(demo_path))
    assert code == 2 and "--force" in err
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == digest

    code, _, err = run(capsys, "demo", "--db", str(demo_path), "--if-empty")
    assert code == 0 and "left as it is" in err

    code, _, err = run(capsys, "demo", "--db", str(demo_path), "--force")
    assert code == 0 and "backed up to" in err
    backups = list(demo_path.parent.glob("demo.db.replaced-*.bak"))
    assert len(backups) == 1 and count(backups[0], "initiative") == count(demo_path, "initiative")


def test_demo_loads_an_empty_database(capsys, tmp_path):
    path = tmp_path / "new.db"
    code, _, err = run(capsys, "demo", "--db", str(path))
    assert code == 0 and "86 initiatives" in err  # the 2011 register and seed 003's examples
    assert count(path, "initiative") >= 86  # feature parts (e.g. the front door) add more


def test_environment_variables_choose_the_database_and_the_user(capsys, demo_path, monkeypatch):
    monkeypatch.setenv("PORTFOLIO_DB", str(demo_path))
    monkeypatch.setenv("PORTFOLIO_USER", "m.hughes")
    code, _, _ = run(
        capsys, "rag", "LEAN", "--criterion", "Overall status", "--rag", "A", "--rationale", "env"
    )
    assert code == 0
    connection = sqlite3.connect(demo_path)
    author = connection.execute(
        "SELECT author FROM rag_assessment ORDER BY id DESC LIMIT 1"
    ).fetchone()[0]
    connection.close()
    assert author == "m.hughes"


def test_an_unknown_schema_revision_is_refused_without_a_traceback(capsys, demo_path):
    connection = sqlite3.connect(demo_path)
    connection.execute("UPDATE alembic_version SET version_num = '0999_future'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    digest = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    code, _, err = run(capsys, "list", "--db", str(demo_path))
    assert code == 1 and "revision 0999_future, which this app does not know" in err
    assert "newer than" not in err and "Traceback" not in err
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == digest


def test_period_shows_and_sets_the_current_period(capsys, demo_db):
    assert run(capsys, "period", "--db", demo_db)[1].strip() == "2011-Q1"
    assert run(capsys, "period", "2011-Q2", "--db", demo_db)[1].strip() == "2011-Q2"
    code, _, err = run(capsys, "period", "Q2", "--db", demo_db)
    assert code == 2 and "period:" in err


def test_tables_for_people_name_tiers_as_the_screens_do_files_keep_the_value(capsys, demo_db):
    db = ("--db", demo_db)
    code, out, _ = run(capsys, "list", *db, "--filter", "CONNECT")
    assert code == 0
    connect = next(line for line in out.splitlines() if line.startswith("CONNECT "))
    assert " Transform " in connect and "transformational" not in out
    code, out, _ = run(capsys, "show", "CONNECT", *db)
    assert code == 0 and "tier: Transform " in out
    code, out, _ = run(capsys, "proposals", *db)
    first = next(line for line in out.splitlines() if line.startswith("FD-2021-0001"))
    assert code == 0 and first.count("Transform ") == 2 and "transformational" not in out
    code, out, _ = run(capsys, "baseline", *db)
    assert code == 0 and out.splitlines()[2].startswith("Transform ")
    _, out, _ = run(capsys, "list", *db, "--filter", "CONNECT", "--format", "csv")
    assert ",transformational," in out and "Transform," not in out


def test_a_second_rag_this_period_says_it_replaces_and_show_marks_both(capsys, demo_db):
    args = ("--db", demo_db, "--criterion", "overall status", "--rag", "R")
    code, out, _ = run(capsys, "rag", "DRM", *args, "--rationale", "Exits stalled.")
    assert code == 0
    code, out, _ = run(capsys, "rag", "DRM", *args, "--rationale", "Exits stalled again.")
    assert code == 0 and "(replaces the RAG recorded before for 2011-Q1)" in out
    _, out, _ = run(capsys, "show", "DRM", "--db", demo_db)
    lines = out.splitlines()
    assert any("2011-Q1  R  Overall status  by tester  (replaces the RAG by" in ln for ln in lines)
    # The first replaced the demo's RAG for the period, and was replaced in its turn.
    assert any(
        "by tester  (replaces the RAG by" in ln and "; replaced by tester, " in ln for ln in lines
    )


def test_show_calls_a_criterion_with_no_rag_not_yet_rated(capsys, demo_db):
    code, out, _ = run(capsys, "show", "COIP", "--db", demo_db)
    assert code == 0
    assert "  Overall status: - (not yet rated)" in out
    assert "never" not in out
