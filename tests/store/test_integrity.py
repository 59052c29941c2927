"""`store.integrity`: derived tables recomputed from their source, and audited rows
matched column by column to the audit event that last wrote them (issue 15 §3)."""

from __future__ import annotations

import sqlite3

import pytest

from store.generate import Plan, generate
from store.handle import Store
from store.integrity import find_tampering
from store.programme.risks.services import update_risk
from tests.support.cli import raw_sql


def _findings(path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [finding.describe() for finding in find_tampering(connection)]
    finally:
        connection.close()


def test_the_demo_as_the_app_wrote_it_holds(demo_path):
    assert _findings(demo_path) == []


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        # a boolean: stored 0/1, recorded true/false
        (
            "UPDATE initiative SET data_digital = 1 - data_digital WHERE code = 'LEAN'",
            "initiative 5: differs from audit event",
        ),
        # a date: stored and recorded as ISO text
        (
            "UPDATE milestone SET baseline = '2031-01-01' WHERE id = 1",
            "milestone 1: differs from audit event",
        ),
        # a value where the event says NULL, on a row keyed by its reference
        (
            "UPDATE sc_request SET max_weeks = 4 WHERE reference = 'SC-2011-0001'",
            "sc_request SC-2011-0001: differs from audit event",
        ),
        # a row keyed by business group, staff group and year
        (
            "UPDATE sc_establishment SET budgeted_fte_x100 = budgeted_fte_x100 + 100 WHERE id = 1",
            "sc_establishment ",
        ),
        ("UPDATE setting SET value = '2031-Q1'", "setting current_period: differs"),
    ],
)
def test_a_column_changed_behind_the_app_is_named_with_the_event(demo_path, statement, expected):
    raw_sql(demo_path, statement)
    found = _findings(demo_path)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_only_the_changed_columns_are_named(demo_path):
    raw_sql(demo_path, "UPDATE risk SET likelihood = 1, owner = 'nobody' WHERE id = 3")
    (found,) = _findings(demo_path)
    assert "likelihood is 1, the event says" in found and "owner is 'nobody'" in found
    assert "impact" not in found and "description" not in found


@pytest.mark.not_yet_on_postgres(
    "changes rows through sqlite3 and reads the findings from the file; check's row"
    " matching uses SQLite's json_extract and rowid"
)
def test_a_row_is_held_to_its_latest_event_not_its_first(demo_store, demo_path):
    with demo_store.writing() as session:
        update_risk({"id": 3, "status": "closed"}, session=session)
    assert _findings(demo_path) == []
    raw_sql(demo_path, "UPDATE risk SET status = 'open', version = 1 WHERE id = 3")
    (found,) = _findings(demo_path)
    assert found.startswith("risk 3: differs") and "status is 'open'" in found
    assert "version is 1" in found


def test_a_column_another_records_event_moves_is_held_to_that_record(demo_path):
    # a decision settles its request's status without an event of the request's own:
    # the status is checked against the decision, not against the request's events
    raw_sql(demo_path, "UPDATE sc_request SET status = 'received' WHERE reference = 'SC-2011-0001'")
    (found,) = _findings(demo_path)
    assert found.startswith("sc_request SC-2011-0001: is received (outcome approved")
    assert "but its decisions give outcome approved" in found


def test_a_row_with_no_event_is_named(demo_path):
    raw_sql(
        demo_path,
        "INSERT INTO risk (id, initiative_id, description, likelihood, impact, status,"
        " raised_by, raised_at) VALUES (500, 6, 'slipped in', 5, 5, 'open', 'x', 'now')",
    )
    assert _findings(demo_path) == [
        "risk 500: has no audit event: it was written behind the app's back"
    ]


def test_derived_rows_missing_extra_or_misplaced_are_named(demo_path):
    raw_sql(
        demo_path,
        "DELETE FROM current_rag WHERE id = 1",
        "UPDATE initiative SET tree_path = 'X' WHERE code = 'THIN'",
    )
    found = _findings(demo_path)
    assert any(line.startswith("current_rag ") and "is missing" in line for line in found)
    assert any(line.startswith("initiative THIN: tree path X (depth 0)") for line in found)


def test_a_current_rag_with_no_assessments_is_named(demo_path):
    raw_sql(
        demo_path,
        "INSERT INTO current_rag (initiative_id, criterion_id, assessment_id, period, rag)"
        " SELECT i.id, 1, 1, '2011-Q1', 'R' FROM initiative i WHERE i.code = 'THIN'",
    )
    found = _findings(demo_path)
    assert len(found) == 1 and "has no assessment for Overall status" in found[0]


@pytest.fixture
def generated(tmp_path):
    path = tmp_path / "g.db"
    store, _ = Store.open(f"sqlite:///{path}", "tester")
    with store.writing() as session:
        generate(session, Plan(initiatives=30, periods=2, seed=5))
    store.close()
    return path


def test_rows_a_bulk_load_wrote_are_vouched_for_by_its_event(generated):
    assert _findings(generated) == []


def test_a_row_beyond_what_a_bulk_load_wrote_is_named(generated):
    raw_sql(
        generated,
        "INSERT INTO rag_assessment (initiative_id, criterion_id, period, rag, rationale,"
        " author, recorded_at) SELECT initiative_id, criterion_id, period, 'R', 'x', 'x', 'x'"
        " FROM rag_assessment WHERE id = 1",
    )
    assert _findings(generated) == [
        "rag_assessment 121: has no audit event: it was written behind the app's back"
    ]


def test_a_row_slipped_in_below_what_a_bulk_load_wrote_is_counted(generated):
    raw_sql(
        generated,
        "INSERT INTO risk (id, initiative_id, description, likelihood, impact, status,"
        " raised_by, raised_at) VALUES (0, 1, 'slipped in', 5, 5, 'open', 'x', 'now')",
    )
    (found,) = _findings(generated)
    assert found.startswith("risk ids up to ") and "1 were written behind the app's back" in found


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            "UPDATE sc_request SET status = 'received', outcome = NULL, decided_on = NULL"
            " WHERE reference = 'SC-2011-0001'",
            "sc_request SC-2011-0001: is received (outcome None",
        ),
        (
            "UPDATE sc_request SET outcome = 'approved' WHERE outcome = 'rejected'"
            " AND id = (SELECT MIN(id) FROM sc_request WHERE outcome = 'rejected')",
            "sc_request ",
        ),
        (
            "UPDATE sc_displaced SET status = 'on_list', posted_request_id = NULL"
            " WHERE id = (SELECT MIN(id) FROM sc_displaced WHERE status = 'posted')",
            "sc_displaced ",
        ),
        (
            "UPDATE proposal SET status = 'received'"
            " WHERE id = (SELECT MIN(id) FROM proposal WHERE status = 'decided')",
            "proposal ",
        ),
    ],
)
def test_a_status_out_of_step_with_the_decisions_is_named(demo_path, statement, expected):
    raw_sql(demo_path, statement)
    found = _findings(demo_path)
    assert found and all(line.startswith(expected) for line in found), found


@pytest.mark.not_yet_on_postgres(
    "changes rows through sqlite3 and reads the findings from the file; check's row"
    " matching uses SQLite's json_extract and rowid"
)
def test_an_agenda_item_a_deferral_carried_over_is_vouched_for_by_the_decision(sc, db_path):
    from store.star_chamber.services.meetings import add_meeting
    from tests.support import star_chamber_world as world

    with sc.writing() as session:
        add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    reference = world.request(sc)
    world.decide_on(sc, reference, "deferred", reason="Needs costings.")
    assert _findings(db_path) == []
    raw_sql(db_path, "UPDATE sc_agenda_item SET carried_over = 0 WHERE carried_over = 1")
    (found,) = _findings(db_path)
    assert found.startswith("sc_agenda_item ") and "has no audit event" in found
