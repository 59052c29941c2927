"""`portfolio criterion ...` on the demo: list the criteria (the headline marked and
explained), add, rename, describe, move, retire and reinstate, each one audit event;
bad input exits 2 naming the field, a viewer exits 3, a held lock exits 4, and nothing
is written by any of them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.busy import write_lock_held
from tests.support.cli import as_person, audit_rows, run

PORTFOLIO = str(Path(sys.executable).with_name("portfolio"))
RISKS = "Risks & mitigations"


@pytest.fixture
def cli(demo_db, frozen_clock, capsys):
    """Run `portfolio ARGS --db demo` as the portfolio office: (exit code, stdout, stderr)."""

    def as_user(*argv: str, user: str = "j.okafor") -> tuple[int, str, str]:
        return run(capsys, *argv, *as_person(demo_db, user))

    return as_user


def _listed(cli, *options: str) -> list[dict]:
    code, out, _ = cli("criterion", "list", "--format", "json", *options)
    assert code == 0
    return json.loads(out)


def _audit(demo_db) -> list[tuple]:
    return audit_rows(demo_db, "actor, entity, entity_id, action")


def test_the_list_marks_the_headline_and_says_why(cli):
    code, out, err = cli("criterion", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["position", "name", "headline", "assessments", "retired"]
    assert lines[1].split()[:6] == ["1", "Overall", "status", "yes", "25", "no"]
    assert lines[2].split()[:6] == ["2", "Risks", "&", "mitigations", "no", "8"]
    assert lines[-1].startswith("Headline: Overall status. The criterion at position 1 is")
    code, out, _ = cli("criterion", "list", "--format", "csv")
    assert out.splitlines()[0] == "position,name,headline,assessments,retired,description"
    assert out.splitlines()[2].startswith("2,Risks & mitigations,no,8,no,")
    assert [(c["position"], c["name"], c["headline"]) for c in _listed(cli)] == [
        (1, "Overall status", True),
        (2, RISKS, False),
    ]


def test_each_change_prints_one_line_and_records_one_event(cli, demo_db):
    before = _audit(demo_db)
    steps = [
        (("add", "Benefits", "--description", "Benefits on plan", "--position", "2"),
         "added Benefits at position 2"),
        (("rename", "benefits", "Benefits realised"),
         "renamed benefits to Benefits realised; its 0 assessments go with it"),
        (("describe", "BENEFITS REALISED", "Cash and other benefits"),
         "described Benefits realised: Cash and other benefits"),
        (("move", RISKS, "--to", "1"), f"moved {RISKS} to the headline"),
        (("retire", "Overall status"), "retired Overall status; its 25 assessments are kept"),
        (("reinstate", "overall status"), "reinstated Overall status at position 3"),
    ]  # fmt: skip
    for argv, said in steps:
        assert cli("criterion", *argv) == (0, said + "\n", "")
    added = _audit(demo_db)[len(before) :]
    assert [(actor, action) for actor, _, _, action in added] == [
        ("j.okafor", action)
        for action in ("create", "update", "update", "move", "retire", "reinstate")
    ]
    assert {entity for _, entity, _, _ in added} == {"rag_criterion"}
    assert [(c["position"], c["name"], c["headline"]) for c in _listed(cli)] == [
        (1, RISKS, True),
        (2, "Benefits realised", False),
        (3, "Overall status", False),
    ]


def test_retired_criteria_are_listed_only_when_asked(cli):
    cli("criterion", "retire", RISKS)
    assert [c["name"] for c in _listed(cli)] == ["Overall status"]
    assert _listed(cli, "--all")[1] == {
        "position": None,
        "name": RISKS,
        "headline": False,
        "assessments": 8,
        "retired": True,
        "description": (
            "Whether the main risks are known, owned and being worked down, with mitigations "
            "in hand."
        ),
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("add", "overall STATUS", "--description", "x"), "name: a criterion called"),
        (("add", "New\u200bone", "--description", "x"), "name: contains an invisible"),
        (("add", "New", "--description", "x", "--position", "9"), "position: must be from 1"),
        (("add", "New"), "criterion add: the following arguments are required: --description"),
        (("rename", "Nothing", "New"), "criterion: no RAG criterion 'Nothing'"),
        (("rename", RISKS, "Overall status"), "name: a criterion called 'Overall status'"),
        (("describe", RISKS, " "), "description: a description"),
        (("move", RISKS, "--to", "0"), "to: input should be greater than or equal to 1"),
        (
            ("move", RISKS, "--to", "two"),
            "criterion move: argument --to: 'two' is not a whole number",
        ),
        (("retire", "Overall status"), "criterion: 'Overall status' is the headline"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(cli, demo_db, argv, message):
    before = _audit(demo_db)
    code, out, err = cli("criterion", *argv)
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith(f"portfolio: {message}")
    assert _audit(demo_db) == before


def test_a_viewer_is_refused_with_exit_3_and_the_denial_is_audited(cli, demo_db):
    before = _audit(demo_db)
    code, out, err = cli("criterion", "move", RISKS, "--to", "1", user="k.osei")
    assert (code, out) == (3, "")
    assert (
        err == "portfolio: permission denied: k.osei (viewer) may not edit the portfolio register\n"
    )
    assert _audit(demo_db) == [
        *before,
        ("k.osei", "permission", "edit the portfolio register", "denied"),
    ]
    assert _listed(cli)[0]["name"] == "Overall status"


def test_a_held_write_lock_exits_4(cli, demo_db, short_busy_timeout):
    with write_lock_held(demo_db):
        code, out, err = cli("criterion", "add", "Benefits", "--description", "On plan")
    assert (code, out) == (4, "")
    assert err.startswith("portfolio: database busy") and err.count("\n") == 1
    assert [c["name"] for c in _listed(cli)] == ["Overall status", RISKS]


def test_the_console_script_lists_criteria_as_csv(demo_db):
    done = subprocess.run(
        [PORTFOLIO, "criterion", "list", "--format", "csv", "--db", demo_db],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[1].startswith("1,Overall status,yes,25,no,")
