"""`store.integrity`: derived tables recomputed from their source, and audited rows
matched column by column to the audit event that last wrote them (issue 15 §3). On
SQLite, and on PostgreSQL when `PORTFOLIO_TEST_PG` names a server (the rows are
changed there through psycopg, as the owner role)."""

from __future__ import annotations

import pytest

from store.db.backend import backend_for
from store.generate import Plan, generate
from store.handle import Store
from store.integrity import find_tampering
from store.programme.risks.services import update_risk
from tests.support.cli import raw_sql


def _findings(url: str) -> list[str]:
    backend = backend_for(url)
    connection = backend.connect_read()
    try:
        backend.begin_read(connection)
        return [finding.describe() for finding in find_tampering(connection)]
    finally:
        connection.close()


def test_the_demo_as_the_app_wrote_it_holds(demo_url):
    assert _findings(demo_url) == []


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        # a boolean: stored 0/1, recorded true/false
        (
            "UPDATE initiative SET data_digital = NOT data_digital WHERE code = 'LEAN'",
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
def test_a_column_changed_behind_the_app_is_named_with_the_event(demo_url, statement, expected):
    raw_sql(demo_url, statement)
    found = _findings(demo_url)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_only_the_changed_columns_are_named(demo_url):
    raw_sql(demo_url, "UPDATE risk SET likelihood = 1, owner = 'nobody' WHERE id = 3")
    (found,) = _findings(demo_url)
    assert "likelihood is 1, the event says" in found and "owner is 'nobody'" in found
    assert "impact" not in found and "description" not in found


def test_a_row_is_held_to_its_latest_event_not_its_first(demo_store, demo_url):
    with demo_store.writing() as session:
        update_risk({"id": 3, "status": "closed"}, session=session)
    assert _findings(demo_url) == []
    raw_sql(demo_url, "UPDATE risk SET status = 'open', version = 1 WHERE id = 3")
    (found,) = _findings(demo_url)
    assert found.startswith("risk 3: differs") and "status is 'open'" in found
    assert "version is 1" in found


def test_a_column_another_records_event_moves_is_held_to_that_record(demo_url):
    # a decision settles its request's status without an event of the request's own:
    # the status is checked against the decision, not against the request's events
    raw_sql(demo_url, "UPDATE sc_request SET status = 'received' WHERE reference = 'SC-2011-0001'")
    (found,) = _findings(demo_url)
    assert found.startswith("sc_request SC-2011-0001: is received (outcome approved")
    assert "but its decisions give outcome approved" in found


def test_a_row_with_no_event_is_named(demo_url):
    raw_sql(
        demo_url,
        "INSERT INTO risk (id, initiative_id, description, likelihood, impact, status,"
        " raised_by, raised_at) VALUES (500, 6, 'slipped in', 5, 5, 'open', 'x', 'now')",
    )
    assert _findings(demo_url) == [
        "risk 500: has no audit event: it was written behind the app's back"
    ]


def test_derived_rows_missing_extra_or_misplaced_are_named(demo_url):
    raw_sql(
        demo_url,
        "DELETE FROM current_rag WHERE id = 1",
        "UPDATE initiative SET tree_path = 'X' WHERE code = 'THIN'",
    )
    found = _findings(demo_url)
    assert any(line.startswith("current_rag ") and "is missing" in line for line in found)
    assert any(line.startswith("initiative THIN: tree path X (depth 0)") for line in found)


def test_a_current_rag_with_no_assessments_is_named(demo_url):
    raw_sql(
        demo_url,
        "INSERT INTO current_rag (initiative_id, criterion_id, assessment_id, period, rag)"
        " SELECT i.id, 1, 1, '2011-Q1', 'R' FROM initiative i WHERE i.code = 'THIN'",
    )
    found = _findings(demo_url)
    assert len(found) == 1 and "has no assessment for Overall status" in found[0]


@pytest.fixture
def generated(store_url):
    """A small synthetic portfolio, written by one bulk load."""
    store, _ = Store.open(store_url, "tester")
    with store.writing() as session:
        generate(session, Plan(initiatives=30, periods=2, seed=5))
    store.close()
    return store_url


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
def test_a_status_out_of_step_with_the_decisions_is_named(demo_url, statement, expected):
    raw_sql(demo_url, statement)
    found = _findings(demo_url)
    assert found and all(line.startswith(expected) for line in found), found


def test_an_agenda_item_a_deferral_carried_over_is_vouched_for_by_the_decision(sc, store_url):
    from store.star_chamber.services.meetings import add_meeting
    from tests.support import star_chamber_world as world

    with sc.writing() as session:
        add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    reference = world.request(sc)
    world.decide_on(sc, reference, "deferred", reason="Needs costings.")
    assert _findings(store_url) == []
    raw_sql(store_url, "UPDATE sc_agenda_item SET carried_over = FALSE WHERE carried_over")
    (found,) = _findings(store_url)
    assert found.startswith("sc_agenda_item ") and "has no audit event" in found


def test_the_app_adds_rows_after_a_bulk_load(generated):
    """A bulk load writes its ids itself: on PostgreSQL the id sequences are moved past
    them, so the app's next row gets a new id (it once collided with the load's first)."""
    from store.portfolio.services import record_assessment

    with Store(generated, "tester") as store, store.writing() as session:
        code = session.connection().exec_driver_sql("SELECT MIN(code) FROM initiative").scalar()
        saved = record_assessment(
            {"code": code, "criterion": "Overall status", "rag": "R", "rationale": "new"},
            session=session,
        )
    assert saved.id > 1
    assert _findings(generated) == []


def test_digests_worked_out_from_the_rows_are_sqlites_own(tmp_path):
    """On PostgreSQL a bucket's rows are joined in Python as SQLite's group_concat of
    json_array joins them, so a load's digests taken on either engine agree (a
    generated laptop database copied to the server still passes `check`)."""
    import sqlite3

    from store.integrity import bulk

    path = tmp_path / "g.db"
    with Store.open(f"sqlite:///{path}", "tester")[0] as store, store.writing() as session:
        generate(session, Plan(initiatives=30, periods=2, seed=5))
    raw_sql(path, "UPDATE risk SET description = 'a\"b\\c' || char(10, 9, 1) || 'ü/€' WHERE id = 2")
    connection = sqlite3.connect(path)
    try:
        for audited in bulk.BULK_TABLES:
            last = connection.execute(f"SELECT MAX(rowid) FROM {audited.table}").fetchone()[0]
            if last is None:
                continue
            texts = bulk.bucket_texts(connection, audited, last)
            assert [bulk._digest(text) for text in texts] == bulk._digests(
                connection, audited, last
            ), audited.table
    finally:
        connection.close()


def test_the_app_adds_rows_after_an_import(demo_store, store_url, tmp_path):
    """An import writes the file's ids too: the same holds for it."""
    from store.exchange.export import export_file
    from store.exchange.load import import_file
    from store.portfolio.services import record_assessment

    exported = tmp_path / "demo.json"
    export_file(demo_store, exported, "json")
    with Store(store_url, "tester") as store:
        import_file(exported, store=store)
        with store.writing() as session:
            saved = record_assessment(
                {"code": "LEAN", "criterion": "Overall status", "rag": "R", "rationale": "new"},
                session=session,
            )
    assert saved.id > 1
    assert _findings(store_url) == []
