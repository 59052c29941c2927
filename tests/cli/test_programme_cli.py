"""The savings, risks, dependencies and milestones commands: JSON shapes, edits, and
bad input that exits 2 with one line and writes nothing."""

from __future__ import annotations

import json

import pytest

from tests.support.cli import as_person, audit_events, run

YEARS = ["2011/12", "2012/13", "2013/14"]


@pytest.fixture
def db(demo_db, frozen_clock) -> str:
    return demo_db


def test_savings_json_has_the_issues_shape_and_the_papers_numbers(capsys, db):
    code, out, _ = run(capsys, "savings", "--db", db, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["years", "lines", "totals", "remaining_gap"]
    assert data["years"] == YEARS
    assert list(data["lines"][0]) == ["name", "business_group", "values"]
    first = data["lines"][0]
    assert first["name"] == "Recruitment model modernisation" and first["business_group"] == "HR"
    assert first["values"]["2011/12"] == {
        "gbp_m": -8.2,
        "police_officers": -308,
        "police_staff": None,
        "pcsos": None,
    }
    assert [data["totals"][y]["gbp_m"] for y in YEARS] == [-85.7, -153.5, -183.9]
    assert [data["totals"][y]["police_officers"] for y in YEARS] == [-783, -1009, -1119]
    assert [data["totals"][y]["police_staff"] for y in YEARS] == [-663, -954, -1025]
    assert [data["totals"][y]["pcsos"] for y in YEARS] == [-100, -200, -200]
    assert data["remaining_gap"] == {"2011/12": 0.0, "2012/13": 92.8, "2013/14": 174.3}
    assert '"gbp_m": -85.7' in out and '"2012/13": 92.8' in out  # exact text, not 92.80000001


def test_savings_table_prints_the_total_and_gap_rows(capsys, db):
    code, out, _ = run(capsys, "savings", "--db", db)
    assert code == 0
    assert "Total Service Improvement" in out and "-1,009" in out
    assert "Remaining budget gap" in out and "174.3" in out


def test_savings_set_changes_only_what_is_given(capsys, db):
    code, out, _ = run(
        capsys,
        "savings",
        "set",
        "training",
        "2012/13",
        "--gbp-m",
        "-21.9",
        *as_person(db, "j.okafor"),
    )
    assert code == 0 and out.startswith("set Training 2012/13: £m -21.9, police officers -211")
    _, out, _ = run(capsys, "savings", "--db", db, "--format", "json")
    data = json.loads(out)
    assert data["totals"]["2012/13"]["gbp_m"] == -154.1
    assert data["remaining_gap"]["2012/13"] == 92.2


def test_savings_set_of_a_positive_figure_notes_it_is_a_cost(capsys, db):
    argv = ("savings", "set", "Training", "2012/13", *as_person(db, "j.okafor"))
    code, out, err = run(capsys, *argv, "--gbp-m", "21.9")
    assert code == 0 and out.startswith("set Training 2012/13: £m 21.9")
    assert err == "note: 21.9 is a cost, not a saving: savings are negative, e.g. -21.9\n"
    code, _, err = run(capsys, *argv, "--gbp-m", "-21.9")
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Training", "2012/13", "--gbp-m", "1.25"], "gbp_m: 1.25 has more than one decimal"),
        (["Training", "2012/13", "--gbp-m", "abc"], "gbp_m: 'abc' is not an amount"),
        (["Training", "2012/13", "--police-staff", "2.5"], "police_staff: '2.5' is not a whole"),
        (["Nope", "2012/13", "--gbp-m", "1.0"], "line: no savings line called 'Nope'"),
        (["Training", "2015/16", "--gbp-m", "1.0"], "year: 2015/16 is not a year of the plan"),
        (["Training", "2012/13"], "value: nothing to set"),
    ],
)
def test_bad_savings_input_exits_2_with_one_line_and_writes_nothing(capsys, db, args, message):
    before = audit_events(db)
    code, out, err = run(capsys, "savings", "set", *args, "--db", db)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err
    assert audit_events(db) == before


def test_budget_and_new_lines_and_years(capsys, db):
    assert run(capsys, "savings", "budget", "2013/14", "--gbp-m", "183.9", "--db", db)[0] == 0
    assert (
        run(capsys, "savings", "add-year", "2014/15", "--budget-requirement", "10", "--db", db)[0]
        == 0
    )
    code, out, _ = run(
        capsys,
        "savings",
        "add-line",
        "Overtime",
        "--business-group",
        "TP",
        "--initiative",
        "TPD",
        "--db",
        db,
    )
    assert code == 0 and "linked to TPD" in out
    _, out, _ = run(capsys, "savings", "--db", db, "--format", "json")
    data = json.loads(out)
    assert data["years"][-1] == "2014/15" and data["lines"][-1]["name"] == "Overtime"
    assert data["remaining_gap"]["2013/14"] == 0.0 and data["remaining_gap"]["2014/15"] == 10.0
    code, _, err = run(capsys, "savings", "budget", "2013/14", "--gbp-m", "-5", "--db", db)
    assert code == 2 and "zero or more" in err


def test_dependencies_json_has_exactly_the_issues_keys(capsys, db):
    code, out, _ = run(capsys, "dependencies", "--db", db, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert all(
        list(row) == ["from", "to", "needed", "needed_by", "importance", "status", "at_risk"]
        for row in rows
    )
    at_risk = [row for row in rows if row["at_risk"]]
    assert [(r["from"], r["to"]) for r in at_risk] == [("TPD-PA", "DRM-CRE")]


def test_milestones_json_has_exactly_the_issues_keys(capsys, db):
    code, out, _ = run(capsys, "milestones", "--code", "drm-s2p", "--db", db, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [list(row) for row in rows] == [
        ["code", "name", "baseline", "forecast", "actual", "slip_days"]
    ] * 2
    assert rows[1] == {
        "code": "DRM-S2P",
        "name": "e-tendering system fully delivered",
        "baseline": "2011-09-30",
        "forecast": "2011-11-30",
        "actual": None,
        "slip_days": 61,
    }


def test_risks_json_and_an_unknown_code(capsys, db):
    code, out, _ = run(capsys, "risks", "--code", "TPD", "--db", db, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 3 and rows[0]["score"] == 20
    assert {"likelihood", "impact", "proximity", "owner", "mitigation", "roam"} <= set(rows[0])
    code, out, err = run(capsys, "risks", "--code", "NOPE", "--db", db)
    assert code == 2 and "code: no initiative" in err


def test_add_and_update_commands_write_through_the_services(capsys, db):
    code, out, _ = run(
        capsys, "risks", "add", "LEAN", "--description", "Staff turnover",
        "--likelihood", "2", "--impact", "3", "--roam", "owned", "--db", db,
    )  # fmt: skip
    assert code == 0 and "score 6" in out
    risk_id = out.split()[2]
    code, out, _ = run(capsys, "risks", "update", risk_id, "--status", "closed", "--db", db)
    assert code == 0 and "closed" in out
    code, out, _ = run(
        capsys, "milestones", "add", "LEAN", "Wave 2", "--baseline", "2011-09-30", "--db", db
    )
    assert code == 0
    code, out, _ = run(
        capsys, "milestones", "update", "LEAN", "wave 2", "--forecast", "2011-10-10", "--db", db
    )
    assert code == 0 and "slip 10 days" in out
    code, out, _ = run(
        capsys, "dependencies", "add", "LEAN", "THIN", "--needed", "Process maps",
        "--needed-by", "2011-10-01", "--importance", "low", "--milestone", "Wave 2", "--db", db,
    )  # fmt: skip
    assert code == 0 and "(at risk)" in out
    dep_id = out.split()[2].rstrip(":")
    code, out, _ = run(capsys, "dependencies", "update", dep_id, "--milestone", "", "--db", db)
    assert code == 0 and "not at risk" in out
    code, out, _ = run(capsys, "dependencies", "update", dep_id, "--to", "TPD", "--db", db)
    assert code == 0 and "(LEAN → TPD)" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["risks", "add", "LEAN", "--description", "x", "--likelihood", "9", "--impact", "1"],
        ["risks", "update", "999", "--owner", "x"],
        ["milestones", "add", "LEAN", "X", "--baseline", "tomorrow"],
        ["milestones", "update", "LEAN", "Nope", "--forecast", "2011-10-10"],
        [
            "dependencies",
            "add",
            "LEAN",
            "LEAN",
            "--needed",
            "x",
            "--needed-by",
            "2011-10-01",
            "--importance",
            "low",
        ],
        ["dependencies", "update", "1", "--importance", "vital"],
        ["dependencies", "update", "1", "--from", "NOPE"],
    ],
)
def test_bad_edits_exit_2_and_write_nothing(capsys, db, argv):
    before = audit_events(db)
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert audit_events(db) == before
