"""Logging requests: references, validation, who entered them, and the agenda."""

from __future__ import annotations

from datetime import date

import pytest

from store.errors import InputError
from store.star_chamber.queries.meetings import meeting_detail
from store.star_chamber.queries.requests import (
    RequestQuery,
    pending_requests,
    request_count,
    request_detail,
    request_page,
    request_row,
)
from store.star_chamber.services.meetings import (
    add_meeting,
    add_to_agenda,
    build_agenda,
    remove_from_agenda,
)
from store.star_chamber.services.requests import add_request
from tests.support import star_chamber_world as world
from tests.support.writes import written


def _add(store, **changes):
    data = {
        "business_group": "TP",
        "post": "Records officer",
        "grade": "C",
        "fte": "1",
        "staff_type": "police_staff",
        "justification": "Backlog of files.",
        "received_on": "2011-06-01",
    } | changes
    return written(store, add_request, data)


def test_references_run_per_year_received(sc):
    first = _add(sc)
    second = _add(sc, received_on="2011-06-02")
    older = _add(sc, received_on="2010-12-20")
    assert (first.reference, second.reference) == ("SC-2011-0001", "SC-2011-0002")
    assert older.reference == "SC-2010-0001"


def test_a_request_records_every_field_and_who_entered_it(sc):
    with sc.writing() as session:
        from store.portfolio.services import create_initiative

        create_initiative(
            {"code": "TPD", "name": "TP Development", "kind": "programme", "business_group": "TP"},
            session=session,
        )
    saved = _add(
        sc,
        staff_type="temporary_worker",
        max_weeks=12,
        fte="0.5",
        funded=False,
        cost_centre="TP1234",
        route="external",
        programme="tpd",
        requested_by="Supt Jane Roe",
    )
    with sc.reading() as connection:
        detail = request_detail(connection, saved.reference)
    row = detail.row
    assert (row.business_group, row.post, row.grade, row.staff_type) == (
        "TP",
        "Records officer",
        "Band C",
        "temporary_worker",
    )
    assert str(row.fte) == "0.50" and row.status == "received" and row.outcome is None
    assert (detail.funded, detail.cost_centre, detail.route) == (False, "TP1234", "external")
    assert detail.programme_code == "TPD" and detail.max_weeks == 12
    assert row.requested_by == "Supt Jane Roe" and row.received_on == date(2011, 6, 1)
    assert row.entered_by == "tester"


def test_requested_by_and_received_default_to_the_user_and_today(sc):
    saved = _add(sc, received_on=None)
    assert saved.requested_by == "tester" and saved.received_on == date(2011, 6, 13)


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"business_group": "XYZ"}, "business_group", "no business group 'XYZ'"),
        ({"fte": "0"}, "fte", "more than zero"),
        ({"fte": "-1"}, "fte", "more than zero"),
        ({"fte": "0.333"}, "fte", "two decimal places"),
        ({"grade": "G"}, "grade", "not a band"),
        ({"justification": "  "}, "justification", "required"),
        ({"post": ""}, "post", "required"),
        ({"staff_type": "agency"}, "max_weeks", "maximum engagement in weeks"),
        ({"max_weeks": 6}, "max_weeks", "only temporary and agency"),
        ({"received_on": "2011-06-14"}, "received_on", "in the future"),
        ({"programme": "NOPE"}, "programme", "no initiative"),
    ],
)
def test_bad_requests_are_refused_naming_the_field_and_nothing_is_written(
    sc, changes, field, problem
):
    before = world.audit_count(sc)
    with pytest.raises(InputError) as error:
        _add(sc, **changes)
    assert error.value.field == field and problem in error.value.problem
    assert world.audit_count(sc) == before
    with sc.reading() as connection:
        assert request_count(connection, RequestQuery()) == 0


def test_status_runs_received_then_on_agenda(sc):
    reference = world.request(sc, agenda=None)
    with sc.reading() as connection:
        assert request_row(connection, reference).status == "received"
    with sc.writing() as session:
        add_to_agenda({"meeting": world.MEETING, "reference": reference}, session=session)
    with sc.reading() as connection:
        row = request_row(connection, reference)
        assert (row.status, row.meeting) == ("on_agenda", world.MEETING)
        assert [i.request.reference for i in meeting_detail(connection, world.MEETING).agenda] == [
            reference
        ]


def _refused_onto_new_meeting(sc, held_on: str, chair: str, reference: str, match: str) -> None:
    """Schedule a meeting on `held_on`; putting `reference` on its agenda is refused."""
    with sc.writing() as session:
        add_meeting({"held_on": held_on, "chair": chair}, session=session)
    with pytest.raises(InputError, match=match), sc.writing() as session:
        add_to_agenda({"meeting": held_on, "reference": reference}, session=session)


def test_a_request_cannot_go_on_two_agendas_or_one_held_before_it_arrived(sc):
    reference = world.request(sc)
    _refused_onto_new_meeting(
        sc, "2011-06-27", "Chair Two", reference, "already on the agenda of 2011-06-13"
    )
    late = world.request(sc, received="2011-06-13", agenda=None)
    _refused_onto_new_meeting(
        sc, "2011-06-10", "Chair Three", late, "after the meeting on 2011-06-10"
    )


def test_build_agenda_takes_waiting_requests_oldest_first(sc):
    newer = world.request(sc, received="2011-06-08", agenda=None)
    older = world.request(sc, received="2011-05-20", agenda=None)
    middle = world.request(sc, received="2011-06-01", agenda=None)
    with sc.reading() as connection:
        assert [r.reference for r in pending_requests(connection)] == [older, middle, newer]
    with sc.writing() as session:
        added = build_agenda(world.MEETING, session=session)
    assert added == [older, middle, newer]
    with sc.reading() as connection:
        detail = meeting_detail(connection, world.MEETING)
    assert [(i.position, i.request.reference) for i in detail.agenda] == [
        (1, older),
        (2, middle),
        (3, newer),
    ]
    with sc.writing() as session:
        assert build_agenda(world.MEETING, session=session) == []


def test_an_undecided_item_can_come_off_the_agenda_with_a_reason(sc):
    first = world.request(sc)
    second = world.request(sc)
    with pytest.raises(InputError) as error, sc.writing() as session:
        remove_from_agenda(
            {"meeting": world.MEETING, "reference": first}, reason=" ", session=session
        )
    assert error.value.field == "reason"
    with sc.writing() as session:
        detail = remove_from_agenda(
            {"meeting": world.MEETING, "reference": first},
            reason="Group asked to hold it",
            session=session,
        )
    assert [(i.position, i.request.reference) for i in detail.agenda] == [(1, second)]
    with sc.reading() as connection:
        assert request_row(connection, first).status == "received"
        event = connection.execute(
            "SELECT action, reason FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert event == ("delete", "Group asked to hold it")


def test_the_list_filters_and_pages_in_sql(sc):
    for day in ("2011-06-01", "2011-06-02", "2011-06-03"):
        world.request(sc, received=day, agenda=None)
    world.request(sc, group="DoR", grade="D", agenda=None)
    with sc.reading() as connection:
        assert request_count(connection, RequestQuery(business_group="dor")) == 1
        assert request_count(connection, RequestQuery(text="dor records")) == 1
        assert request_count(connection, RequestQuery(text="sc-2011-0002")) == 1
        assert request_count(connection, RequestQuery(status="received")) == 4
        page = request_page(connection, RequestQuery(sort="oldest"), offset=1, limit=2)
    assert [row.received_on.day for row in page] == [1, 2]
