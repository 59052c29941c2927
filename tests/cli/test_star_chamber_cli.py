"""The Star Chamber on the command line, against a copy of the demo."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.handle import Store
from store.star_chamber.minutes import minutes_text
from store.star_chamber.queries.minutes import minutes
from tests.support.cli import audit_events, run_as
from tests.support.users_factories import add as add_user

VACANCY_KEYS = [
    "reference", "business_group", "post", "grade", "staff_type", "fte", "status", "outcome",
    "meeting", "decided_on", "requested_by",
]  # fmt: skip


@pytest.fixture
def run(demo_url, demo_db, frozen_clock, capsys):
    admin = Store(demo_url, "tester")
    add_user(admin, "cli.tester", "star_chamber_secretary")
    admin.close()

    def invoke(*args: str, user: str = "cli.tester") -> tuple[int, str, str]:
        return run_as(capsys, user, *args, "--db", demo_db)

    return invoke


def test_vacancies_json_has_exactly_the_issue_keys(run):
    code, out, _ = run("vacancies", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 30
    assert all(list(row) == VACANCY_KEYS for row in rows)
    first = next(row for row in rows if row["reference"] == "SC-2011-0001")
    assert first == {
        "reference": "SC-2011-0001",
        "business_group": "DoR",
        "post": "Accounts payable officer",
        "grade": "Band D",
        "staff_type": "police_staff",
        "fte": 1,
        "status": "decided",
        "outcome": "approved",
        "meeting": "2011-05-31",
        "decided_on": "2011-05-31",
        "requested_by": "Imran Qureshi",
    }
    code, out, _ = run("vacancies", "--status", "received", "--format", "json")
    assert {row["status"] for row in json.loads(out)} == {"received"}


def test_vacancies_as_csv_and_table(run):
    _, out, _ = run("vacancies", "--format", "csv", "--business-group", "SCD")
    lines = out.splitlines()
    assert lines[0] == ",".join(VACANCY_KEYS) and len(lines) == 5
    code, out, _ = run("vacancies")
    assert code == 0 and "SC-2011-0030" in out


def test_meetings_json(run):
    code, out, _ = run("meetings", "--format", "json")
    assert code == 0
    meetings = json.loads(out)
    assert [list(m) for m in meetings] == [["date", "status", "agenda"]] * 2
    assert [(m["date"], m["status"]) for m in meetings] == [
        ("2011-06-13", "open"),
        ("2011-05-31", "closed"),
    ]
    assert meetings[0]["agenda"][:2] == ["SC-2011-0006", "SC-2011-0014"]
    assert len(meetings[1]["agenda"]) == 16


def test_departures_json(run):
    code, out, _ = run("departures", "--format", "json")
    assert code == 0
    schemes = json.loads(out)
    assert [list(s) for s in schemes] == [["phase", "groups"]] * 3
    phase_one = schemes[0]["groups"]
    assert len(phase_one) == 5
    assert all(
        list(g) == ["name", "offered", "accepted", "cost_gbp_m", "uptake_pct"] for g in phase_one
    )
    assert sum(g["offered"] for g in phase_one) == 1349
    assert sum(g["accepted"] for g in phase_one) == 448
    assert round(sum(g["cost_gbp_m"] for g in phase_one), 2) == 12.5
    assert isinstance(phase_one[0]["cost_gbp_m"], float)
    assert [len(s["groups"]) for s in schemes[1:]] == [9, 4]


def test_minutes_print_what_the_screen_shows(run, demo_url):
    code, out, _ = run("minutes", "--meeting", "2011-05-31")
    store = Store(demo_url, "x")
    with store.reading() as connection:
        expected = minutes_text(minutes(connection, date(2011, 5, 31)))
    store.close()
    assert code == 0 and out == expected
    assert "Posting List: Posted PL-0006 Colin Marchetti" in out
    assert "Correction: decision 17 of 2011-06-02 supersedes decision 12" in out
    code, out, _ = run("minutes", "--meeting", "2011-05-31", "--format", "md")
    assert out.startswith("# Star Chamber minutes: meeting of 31 May 2011")
    assert "- **Posting List:** Posted PL-0006 Colin Marchetti" in out


def test_log_agenda_and_decide_a_request_end_to_end(run):
    code, out, _ = run(
        "vacancy", "add", "--business-group", "TP", "--post", "Custody clerk", "--grade", "D",
        "--fte", "1", "--staff-type", "police_staff", "--justification", "Suite opening.",
        "--received", "2011-06-10",
    )  # fmt: skip
    assert (code, out) == (0, "SC-2011-0031\n")
    code, out, _ = run("agenda", "add", "--meeting", "2011-06-13", "SC-2011-0031")
    assert code == 0 and "item 11" in out
    code, out, _ = run(
        "vacancy", "decide", "SC-2011-0031", "--meeting", "2011-06-13", "--outcome", "approved",
        "--reason", "Needed for the suite.", "--posted", "PL-0001", user="r.achebe",
    )  # fmt: skip
    assert code == 0 and "posted PL-0001 Marcia Okonjo" in out
    code, out, _ = run("vacancies", "--format", "json", "--filter", "SC-2011-0031")
    (row,) = json.loads(out)
    assert (row["status"], row["outcome"], row["decided_on"], row["requested_by"]) == (
        "decided",
        "approved",
        "2011-06-13",
        "cli.tester",
    )
    code, out, _ = run("minutes", "--meeting", "2011-06-13")
    assert "Posting List: Posted PL-0001 Marcia Okonjo" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["vacancy", "add", "--business-group", "XYZ", "--post", "P", "--grade", "C",
             "--fte", "1", "--staff-type", "police_staff", "--justification", "J"],
            "business_group: no business group 'XYZ'",
        ),
        (
            ["vacancy", "add", "--business-group", "TP", "--post", "P", "--grade", "C",
             "--fte", "0", "--staff-type", "police_staff", "--justification", "J"],
            "fte: must be more than zero",
        ),
        (
            ["vacancy", "add", "--business-group", "TP", "--post", "P", "--grade", "C",
             "--fte", "-2", "--staff-type", "police_staff", "--justification", "J"],
            "fte: must be more than zero",
        ),
        (
            ["vacancy", "decide", "SC-2011-0025", "--meeting", "2011-06-13", "--outcome",
             "rejected", "--reason", "R"],
            "reference: SC-2011-0025 is not on the agenda of 2011-06-13",
        ),
        (
            ["vacancy", "decide", "SC-2011-0017", "--meeting", "2011-06-13", "--outcome",
             "approved", "--reason", "R"],
            "posted: the Posting List comes first",
        ),
        (
            ["vacancy", "decide", "SC-2011-0018", "--meeting", "2011-06-13", "--outcome",
             "approved", "--reason", "R", "--none-suitable", "No one at Band B."],
            "override_reason: approving takes DoR's police staff vacancy factor",
        ),
        (
            ["vacancy", "decide", "SC-2011-0001", "--meeting", "2011-05-31", "--outcome",
             "rejected", "--reason", "R"],
            "meeting: the meeting on 2011-05-31 is closed",
        ),
        (["agenda", "add", "--meeting", "2011-06-14", "SC-2011-0025"], "meeting: no meeting"),
        (["minutes", "--meeting", "June"], "meeting: 'June' is not a date"),
        (["meeting", "close", "--meeting", "2011-06-13"], "meeting: 10 agenda item(s)"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_one_line_and_writes_nothing(run, demo_db, args, message):
    before = audit_events(demo_db)
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert audit_events(demo_db) == before


def test_a_correction_from_the_command_line(run):
    code, out, _ = run(
        "vacancy", "correct", "SC-2011-0009", "--outcome", "approved", "--reason",
        "Supervisor cover is needed after all.", "--none-suitable", "PL-0002 is retiring.",
        "--override-reason", "Catering contract exit slipped.", "--why", "Chair's note.",
    )  # fmt: skip
    assert code == 0 and "superseding decision 9" in out
    code, out, _ = run("vacancy", "show", "SC-2011-0009", "--format", "json")
    decisions = json.loads(out)["decisions"]
    assert [(d["outcome"], d["superseded_by"]) for d in decisions] == [
        ("rejected", decisions[1]["id"]),
        ("approved", None),
    ]


def test_other_listings(run):
    code, out, _ = run("postings", "--status", "on_list", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 11
    code, out, _ = run("period", "2011-Q2", user="tester")  # as at today, 2011-06-13
    assert code == 0
    code, out, err = run("engagements", "--ending-within", "4", "--format", "json")
    assert [row["reference"] for row in json.loads(out)] == ["TW-0003", "TW-0001"]
    assert err.strip() == "as at 2011-06-13, the reporting date"
    code, out, _ = run("establishment", "--format", "json")
    rows = json.loads(out)
    assert {row["business_group"] for row in rows} == {
        "DoI",
        "DoR",
        "HR",
        "SCD",
        "TP",
        "CO",
        "CORP",
    }
    code, out, _ = run(
        "establishment", "set", "--business-group", "CORP", "--staff-group", "police_staff",
        "--year", "2011/12", "--budgeted", "640", "--strength", "600",
        "--target-vacancy-pct", "5", "--as-of", "2011-06-13",
    )  # fmt: skip
    assert code == 0 and "version 2" in out


def test_engagements_are_as_at_the_reporting_date_not_the_wall_clock(run):
    """The demo reports on 2011-Q1, so weeks left count to 2011-03-31 (today is pinned
    to 2011-06-13): none ends within four weeks of it, none is past its maximum, and one
    that started after it has no weeks left yet. stderr says which date."""
    code, out, err = run("engagements", "--ending-within", "4", "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    assert err.strip() == "as at 2011-03-31, the reporting date"
    code, out, _ = run("engagements", "--format", "json")
    left = {row["reference"]: row["weeks_left"] for row in json.loads(out)}
    assert left == {
        "TW-0003": 12,  # maximum 2011-06-24
        "TW-0001": 13,
        "TW-0002": 17,
        "TW-0004": 19,
        "TW-0006": None,  # started 2011-06-06, after 2011-03-31
        "TW-0007": None,
    }


def test_establishment_plan_is_as_at_the_reporting_date(run):
    """The reduction plan figure is where the plan stands on 2011-03-31, the day before
    the 2011/12 year starts: the start strength, not the plan for 13 June."""
    code, out, err = run("establishment", "--format", "json")
    rows = {(row["business_group"], row["staff_group"]): row for row in json.loads(out)}
    doi = rows[("DoI", "police_staff")]
    assert code == 0 and "plan_today" not in doi
    assert doi["plan_as_at"] == doi["start_strength"] == 1140
    assert err.strip() == "as at 2011-03-31, the reporting date"
    run("period", "2011-Q2", user="tester")
    _, out, _ = run("establishment", "--format", "json")
    doi = next(
        row
        for row in json.loads(out)
        if row["business_group"] == "DoI" and row["staff_group"] == "police_staff"
    )
    assert doi["plan_as_at"] < 1140  # 74 days into the year, the plan has come down


def test_deciding_an_unknown_request_says_there_is_no_such_request(run, demo_db):
    before = audit_events(demo_db)
    for outcome in ("approved", "rejected"):  # an approval naming no one was refused first
        code, out, err = run(
            "vacancy", "decide", "SC-2011-9999", "--meeting", "2011-06-13", "--outcome",
            outcome, "--reason", "Agreed.", user="r.achebe",
        )  # fmt: skip
        assert (code, out) == (2, "")
        assert err.strip() == "portfolio: reference: no request 'SC-2011-9999'"
    code, _, err = run(
        "vacancy", "correct", "SC-2011-9999", "--outcome", "approved", "--reason", "Agreed.",
        "--why", "Minuted wrongly.", user="r.achebe",
    )  # fmt: skip
    assert code == 2 and "no request 'SC-2011-9999'" in err
    assert audit_events(demo_db) == before


def test_a_mistyped_meeting_date_gets_the_words_every_form_uses(run, demo_db):
    before = audit_events(demo_db)
    code, out, err = run("meeting", "add", "--date", "2011-09-31", "--chair", "Peter Lyle")
    assert (code, out) == (2, "")
    assert err.strip() == "portfolio: held_on: '2011-09-31' is not a date; write it like 2011-06-30"
    assert audit_events(demo_db) == before
