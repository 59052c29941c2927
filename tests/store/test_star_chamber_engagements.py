"""Temporary workers: engagements, their approved maximum, extensions and ending soon."""

from __future__ import annotations

from datetime import date

import pytest

from store.errors import InputError
from store.star_chamber.queries.engagements import engagement_by_reference, engagements
from store.star_chamber.services.decisions import correct
from store.star_chamber.services.engagements import end_engagement, start_engagement
from store.star_chamber.services.meetings import add_to_agenda
from store.star_chamber.services.requests import add_extension_request
from tests.support import star_chamber_world as world
from tests.support.star_chamber_world import decide_on
from tests.support.users_factories import writing_as
from tests.support.writes import written

TODAY = date(2011, 6, 13)


def _direct(store, worker="Ada Temp", start="2011-03-01", end="2011-07-01"):
    return written(
        store,
        start_engagement,
        {
            "worker": worker,
            "staff_type": "agency",
            "business_group": "TP",
            "post": "Analyst",
            "grade": "C",
            "start_on": start,
            "approved_max_end": end,
        },
    )


def test_an_approved_temporary_request_starts_an_engagement_to_its_approved_weeks(sc):
    reference = world.request(sc, staff_type="temporary_worker", max_weeks=12)
    decide_on(sc, reference, none_suitable="No match.", approved_weeks=8)
    with sc.writing() as session:
        engagement = start_engagement(
            {"request": reference, "worker": "Lee Cover", "start_on": "2011-06-20"}, session=session
        )
    assert (engagement.reference, engagement.worker, engagement.origin) == (
        "TW-0001",
        "Lee Cover",
        reference,
    )
    assert engagement.max_end_on == date(2011, 8, 14)  # 8 weeks, not the 12 asked for
    with pytest.raises(InputError, match="already has its engagement"), sc.writing() as session:
        start_engagement(
            {"request": reference, "worker": "Someone Else", "start_on": "2011-06-20"},
            session=session,
        )


def test_an_engagement_needs_an_approval(sc):
    rejected = world.request(sc, staff_type="agency", max_weeks=6)
    decide_on(sc, rejected, "rejected")
    police_staff = world.request(sc)
    for reference, problem in (
        (rejected, "has not been approved"),
        (police_staff, "not a request"),
    ):
        with pytest.raises(InputError, match=problem), sc.writing() as session:
            start_engagement(
                {"request": reference, "worker": "X", "start_on": "2011-06-20"},
                session=session,
            )


def test_the_list_shows_engagements_ending_within_n_weeks(sc):
    _direct(sc, "Soon", end="2011-06-24")
    _direct(sc, "Later", end="2011-09-30")
    _direct(sc, "Overrun", end="2011-06-10")
    ended = _direct(sc, "Gone", end="2011-06-30")
    with sc.writing() as session:
        end_engagement({"reference": ended.reference, "on": "2011-06-01"}, session=session)
    with sc.reading() as connection:
        soon = engagements(connection, today=TODAY, ending_within_weeks=4)
        active = engagements(connection, today=TODAY)
        everything = engagements(connection, today=TODAY, include_ended=True)
    assert [(row.worker, row.weeks_left(TODAY)) for row in soon] == [
        ("Overrun", -1),
        ("Soon", 1),
    ]
    assert [row.worker for row in active] == ["Overrun", "Soon", "Later"]
    assert len(everything) == 4 and everything[-1].status == "ended"


def test_nothing_runs_an_engagement_past_its_maximum_without_a_decision(sc):
    engagement = _direct(sc, end="2011-07-01")
    with pytest.raises(InputError, match="needs an extension") as error, sc.writing() as session:
        end_engagement({"reference": engagement.reference, "on": "2011-07-02"}, session=session)
    assert error.value.field == "on"
    with sc.reading() as connection:
        assert engagement_by_reference(connection, engagement.reference).max_end_on == date(
            2011, 7, 1
        )


def test_an_extension_is_a_request_decided_like_a_vacancy(sc):
    engagement = _direct(sc, end="2011-07-01")
    with writing_as(sc, "entrant") as session:
        extension = add_extension_request(
            {"engagement": engagement.reference, "weeks": 6, "justification": "Handover."},
            session=session,
        )
    assert extension.is_extension and extension.post == "Analyst" and extension.grade == "Band C"
    with pytest.raises(InputError, match="already has extension request"), sc.writing() as session:
        add_extension_request(
            {"engagement": engagement.reference, "weeks": 2, "justification": "Again."},
            session=session,
        )
    with sc.reading() as connection:
        pending = engagement_by_reference(connection, engagement.reference).pending_extension
    assert pending == extension.reference
    with sc.writing() as session:
        add_to_agenda({"meeting": world.MEETING, "reference": extension.reference}, session=session)
    with pytest.raises(InputError, match="Posting List comes first"):
        decide_on(sc, extension.reference)
    with pytest.raises(InputError, match="reject the extension"):
        decide_on(sc, extension.reference, posted="PL-0001")
    decision = decide_on(sc, extension.reference, none_suitable="Handover would put cases at risk.")
    assert decision.warnings == ()  # an extension adds no headcount
    assert decision.engagement_end_after == date(2011, 8, 12)
    with sc.reading() as connection:
        extended = engagement_by_reference(connection, engagement.reference)
    assert extended.max_end_on == date(2011, 8, 12) and extended.pending_extension is None
    with sc.writing() as session:
        end_engagement({"reference": engagement.reference, "on": "2011-08-12"}, session=session)


def test_correcting_an_approved_extension_restores_the_old_maximum(sc):
    engagement = _direct(sc, end="2011-07-01")
    with writing_as(sc, "entrant") as session:
        extension = add_extension_request(
            {"engagement": engagement.reference, "weeks": 4, "justification": "Handover."},
            session=session,
        )
        add_to_agenda({"meeting": world.MEETING, "reference": extension.reference}, session=session)
    decide_on(sc, extension.reference, none_suitable="No match.")
    with sc.writing() as session:
        correct(
            {
                "reference": extension.reference,
                "outcome": "rejected",
                "reason": "Handover can be done in time.",
                "why": "Recorded against the wrong request.",
            },
            session=session,
        )
    with sc.reading() as connection:
        assert engagement_by_reference(connection, engagement.reference).max_end_on == date(
            2011, 7, 1
        )


def test_an_ended_engagement_cannot_be_extended(sc):
    engagement = _direct(sc)
    with sc.writing() as session:
        end_engagement({"reference": engagement.reference, "on": "2011-06-01"}, session=session)
    with pytest.raises(InputError, match="has ended"), sc.writing() as session:
        add_extension_request(
            {"engagement": engagement.reference, "weeks": 2, "justification": "x"},
            session=session,
        )


def test_a_direct_engagement_needs_its_approved_maximum(sc):
    with pytest.raises(InputError) as error, sc.writing() as session:
        start_engagement(
            {
                "worker": "No Max",
                "staff_type": "agency",
                "business_group": "TP",
                "post": "Analyst",
                "grade": "C",
                "start_on": "2011-06-01",
            },
            session=session,
        )
    assert error.value.field == "approved_max_end"
