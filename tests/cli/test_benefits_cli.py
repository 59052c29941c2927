"""The benefits, confidence and responses commands: listings as table, CSV and JSON,
edits through the store services, bad input that exits 2 naming the field and writes
nothing, a viewer refused with 3, and hostile text printed literally."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.support.cli import audit_events, count, run, run_as

HOSTILE = "[bold]x[/] =SUM(A1) [link=https://e.x]y[/link]"


@pytest.fixture
def db(demo_db, frozen_clock) -> str:
    return demo_db


def _benefits(capsys, db, *more):
    code, out, err = run(capsys, "benefits", "--db", db, "--format", "json", *more)
    assert code == 0, err
    return json.loads(out), err


def test_benefits_json_is_as_at_the_reporting_date(capsys, db):
    data, err = _benefits(capsys, db, "--code", "TPD")
    assert "as at 2011-03-31" in err
    hours = next(b for b in data if b["name"] == "Officer hours returned to local policing")
    assert (hours["planned"], hours["actual"], hours["percent"], hours["behind"]) == (
        6000,
        4200,
        70.0,
        True,
    )
    assert hours["trend"] == "▲" and hours["as_at"] == "2011-03-31"
    behind, _ = _benefits(capsys, db, "--behind")
    assert {b["code"] for b in behind} == {"TPD", "TRAIN"}


def test_benefits_csv_and_table(capsys, db):
    code, out, _ = run(capsys, "benefits", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 17 and rows[0]["id"]
    code, out, _ = run(capsys, "benefits", "--db", db, "--code", "LEAN")
    assert code == 0 and "Process savings towards DoI targets" in out


def test_add_measure_and_correct_a_benefit(capsys, db):
    code, out, err = run(
        capsys, "benefit", "add", "DRM", "--db", db, "--kind", "non-financial",
        "--name", "Buildings exited", "--unit", "buildings", "--baseline-value", "0",
        "--baseline-on", "2010-04-01", "--target-value", "40", "--target-on", "2012-03-31",
        "--profile", "2011-03-31=20; 2012-03-31=40", "--description", HOSTILE,
    )  # fmt: skip
    assert code == 0, err
    assert "Buildings exited" in out and "behind profile" in out
    benefit_id = out.split()[2]
    code, out, _ = run(
        capsys, "benefit", "measure", benefit_id, "--db", db, "--value", "15",
        "--on", "2011-03-01", "--note", HOSTILE,
    )  # fmt: skip
    assert code == 0 and "15 on 2011-03-01" in out
    first = out.split()[1]
    code, out, _ = run(
        capsys, "benefit", "measure", benefit_id, "--db", db, "--value", "21",
        "--on", "2011-03-01", "--corrects", first,
    )  # fmt: skip
    assert code == 0 and f"correcting {first}" in out
    data, _ = _benefits(capsys, db, "--code", "DRM")
    mine = next(b for b in data if b["name"] == "Buildings exited")
    assert (mine["actual"], mine["percent"], mine["behind"]) == (21, 105.0, False)
    code, out, _ = run(capsys, "benefit", "measurements", benefit_id, "--db", db)
    assert code == 0 and HOSTILE in out  # printed literally, never as markup


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (("benefit", "add", "TPD", "--kind", "windfall", "--name", "x",
          "--baseline-on", "2011-01-01"), "kind"),
        (("benefit", "add", "NOPE", "--kind", "non-financial", "--name", "x",
          "--baseline-on", "2011-01-01", "--target-value", "1", "--target-on", "2012-01-01"),
         "code"),
        (("benefit", "measure", "1", "--value", "lots", "--on", "2011-03-01"), "value"),
        (("benefit", "measure", "1", "--value", "1", "--on", "2012-01-01"), "measured_on"),
        (("confidence", "TPD", "--rating", "purple", "--rationale", "x"), "rating"),
        (("confidence", "TPD", "--rating", "red", "--rationale", "x", "--period", "2011-Q2"),
         "period"),
        (("confidence", "TPD", "--rating", "red"), "rationale"),
        (("responses", "close", "1", "--outcome", "done", "--on", "2030-01-01"), "closed_on"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_naming_the_field_and_writes_nothing(capsys, db, argv, field):
    before = audit_events(db)
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 2 and out == ""
    assert err.startswith(f"portfolio: {field}:"), err
    assert audit_events(db) == before


def test_a_red_confidence_opens_a_response_that_is_closed_from_the_command_line(capsys, db):
    code, out, _ = run(
        capsys, "confidence", "SCDR", "--db", db, "--rating", "red",
        "--rationale", "Briefs still unwritten; plan cannot be approved",
    )  # fmt: skip
    assert code == 0 and out.strip() == "SCDR 2011-Q1: delivery confidence Red"
    code, out, _ = run(capsys, "responses", "--db", db, "--open", "--format", "json")
    opened = [r for r in json.loads(out) if r["code"] == "SCDR"]
    assert code == 0 and len(opened) == 1 and opened[0]["source"] == "confidence"
    rid = str(opened[0]["id"])
    code, out, _ = run(capsys, "responses", "update", rid, "--db", db, "--actions", HOSTILE)
    assert code == 0
    code, out, _ = run(
        capsys, "responses", "close", rid, "--db", db, "--outcome", "Recovered",
        "--on", "2011-06-01",
    )  # fmt: skip
    assert code == 0 and out.strip().endswith(": closed")
    code, out, _ = run(capsys, "responses", "--db", db, "--format", "json")
    closed = next(r for r in json.loads(out) if r["id"] == int(rid))
    assert (closed["status"], closed["actions"], closed["closed_on"]) == (
        "closed",
        HOSTILE,
        "2011-06-01",
    )
    code, out, _ = run(capsys, "confidence", "SCDR", "--db", db, "--format", "json")
    assert [r["rating"] for r in json.loads(out)][:2] == ["Red", "Amber"]


def test_a_viewer_reads_but_cannot_record(capsys, db):
    code, out, _ = run_as(capsys, "k.osei", "benefits", "--db", db)
    assert code == 0 and "Training" in out
    before = count(db, "delivery_confidence")
    code, _, err = run_as(
        capsys, "k.osei", "confidence", "TPD", "--db", db, "--rating", "red", "--rationale", "x"
    )
    assert code == 3 and "record a RAG assessment" in err
    assert count(db, "delivery_confidence") == before
