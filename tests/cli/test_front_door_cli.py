"""The front door command line: listings with exactly the issue's keys, recording, and
one-line exit-2 errors that write nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.support.cli import run_as
from tests.support.front_door_factories import table_counts
from tui.cli.front_door.proposals import PROPOSAL_COLUMNS
from tui.cli.front_door.recommendations import RECOMMENDATION_COLUMNS


@pytest.fixture
def cli(demo_db, frozen_clock, capsys):
    """Run `portfolio ...` on a copy of the demo as the demo's panel clerk (a front door
    secretary who entered none of its proposals, so may decide them); today is 14 June
    2021."""
    frozen_clock.day = date(2021, 6, 14)

    def run(*argv: str, user: str = "d.fernandes") -> tuple[int, str, str]:
        return run_as(capsys, user, *argv, "--db", demo_db)

    return run


@pytest.fixture
def demo_handle(demo_url):
    from store.handle import Store

    handle = Store(demo_url, "reader")
    yield handle
    handle.close()


def test_proposals_json_has_exactly_the_issue_keys(cli):
    code, out, _ = cli("proposals", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 21
    assert all(tuple(row) == PROPOSAL_COLUMNS for row in rows)
    assert PROPOSAL_COLUMNS == (
        "reference", "title", "business_group", "sponsor", "status", "desirable",
        "deliverable", "affordable", "score", "complexity", "suggested_tier", "tier",
        "outcome", "initiative",
    )  # fmt: skip
    accepted = next(row for row in rows if row["initiative"] == "ECASEFILE")
    assert accepted["outcome"] == "accepted" and accepted["tier"] == "transformational"
    assert (
        accepted["score"]
        == accepted["desirable"] + accepted["deliverable"] + accepted["affordable"]
    )
    assert {row["status"] for row in rows} == {"received", "in_triage", "decided"}
    assert {row["outcome"] for row in rows} >= {
        "accepted", "rejected", "deferred", "experiment", "returned",
    }  # fmt: skip


def test_proposals_filter_by_status_and_print_csv(cli):
    _, out, _ = cli("proposals", "--status", "in triage", "--format", "json")
    assert {row["status"] for row in json.loads(out)} == {"in_triage"}
    _, out, _ = cli("proposals", "--status", "received", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0] == ",".join(PROPOSAL_COLUMNS) and len(lines) == 5


def test_add_triage_decide_round_trip(cli, demo_handle):
    code, out, _ = cli(
        "proposal", "add", "--title", "Custody tablets", "--business-group", "mo",
        "--sponsor", "Insp Ruth Akin", "--problem", "Paper forms in custody.",
        "--cost", "£80,000", "--digital", "--received", "2021-06-11", user="a.kowalski",
    )  # fmt: skip
    assert code == 0 and out.strip() == "FD-2021-0022"
    code, out, err = cli(
        "proposal", "triage", "FD-2021-0022", "--desirable", "4", "--deliverable", "4",
        "--affordable", "3", "--complexity", "high", "--kinds", "structural", "--cross-group",
    )  # fmt: skip
    assert code == 0 and out.strip() == "transformational"
    assert "rule 1" in err and "11/15" in err
    code, out, _ = cli(
        "proposal", "decide", "FD-2021-0022", "--outcome", "accepted", "--reason", "Agreed."
    )
    assert code == 0 and out.strip() == "CUSTODY"
    _, out, _ = cli("proposals", "--format", "json")
    row = next(row for row in json.loads(out) if row["reference"] == "FD-2021-0022")
    assert (row["status"], row["outcome"], row["initiative"]) == ("decided", "accepted", "CUSTODY")
    _, out, _ = cli("list", "--filter", "CUSTODY", "--format", "json")
    assert json.loads(out)[0]["tier"] == "transformational"
    with demo_handle.reading() as connection:
        actor = connection.execute(
            "SELECT entered_by FROM proposal WHERE reference = 'FD-2021-0022'"
        ).fetchone()[0]
    assert actor == "a.kowalski"


def test_decide_prints_nothing_without_an_initiative_and_takes_dates(cli):
    code, out, err = cli(
        "proposal", "decide", "FD-2021-0014", "--outcome", "deferred", "--reason",
        "After the budget round.", "--until", "2021-09-01",
    )  # fmt: skip
    assert code == 0 and out == "" and "deferred" in err
    code, out, _ = cli(
        "proposal", "decide", "FD-2021-0017", "--outcome", "experiment", "--reason",
        "Test it in two suites.", "--review-date", "2021-12-01",
    )  # fmt: skip
    assert code == 0 and out.strip() == "PREDICTIVE"


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (("proposal", "triage", "FD-2021-0018", "--desirable", "6", "--deliverable", "3",
          "--affordable", "3", "--complexity", "low"), "desirable"),
        (("proposal", "triage", "FD-2021-0018", "--desirable", "3", "--deliverable", "0",
          "--affordable", "3", "--complexity", "low"), "deliverable"),
        (("proposal", "decide", "FD-2021-0014", "--outcome", "accepted", "--reason", "ok",
          "--tier", "urgent"), "tier"),
        (("proposal", "decide", "FD-2021-0018", "--outcome", "accepted", "--reason", "ok"),
         "reference"),
        (("proposal", "decide", "FD-2021-0014", "--outcome", "rejected", "--reason", "  "),
         "rationale"),
        (("proposal", "decide", "FD-2021-0001", "--outcome", "rejected", "--reason", "no"),
         "reference"),
        (("proposal", "decide", "FD-2021-0014", "--outcome", "deferred", "--reason", "later"),
         "until"),
        (("proposal", "decide", "FD-2021-0014", "--outcome", "rejected", "--reason", "no",
          "--decided-on", "2021-06-15"), "decided_on"),
        (("proposal", "add", "--title", "X", "--business-group", "ZZ", "--sponsor", "S",
          "--problem", "P"), "business_group"),
        (("proposal", "add", "--title", "X", "--business-group", "MO", "--sponsor", "S",
          "--problem", "P", "--cost", "lots"), "cost"),
        (("proposals", "--status", "pending"), "status"),
        (("baseline", "--business-group", "ZZ"), "business_group"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_one_line_and_writes_nothing(cli, demo_handle, argv, field):
    before = table_counts(demo_handle)
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"portfolio: {field}: ")
    assert table_counts(demo_handle) == before


def test_baseline_json_is_counts_by_tier_and_complexity_with_a_total(cli):
    code, out, _ = cli("baseline", "--format", "json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"counts", "total"}
    assert set(data["counts"]) == {"transformational", "mandated", "experimental", "incremental"}
    assert all(set(row) == {"high", "medium", "low"} for row in data["counts"].values())
    assert data["total"] == sum(sum(row.values()) for row in data["counts"].values())
    mandated = sum(data["counts"]["mandated"].values())
    assert mandated > sum(data["counts"]["transformational"].values())
    _, out, _ = cli("baseline", "--business-group", "DP", "--format", "json")
    assert json.loads(out)["total"] < data["total"]
    code, out, _ = cli("baseline")
    assert code == 0 and "Mandated" in out and "% D&D" in out


def test_recommendations_json_has_exactly_the_issue_keys(cli):
    code, out, _ = cli("recommendations", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 32
    assert RECOMMENDATION_COLUMNS == (
        "number", "heading", "text", "owner", "status", "percent_complete",
    )  # fmt: skip
    assert all(tuple(row) == RECOMMENDATION_COLUMNS for row in rows)
