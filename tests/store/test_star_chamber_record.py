"""The Star Chamber's record is right (issue 14), in the store: a decision on a request
that does not exist says so before anything else; building an agenda adds exactly the
requests the user was shown; a meeting's date is checked in the words every form uses;
separation of duties is worded once; and the minutes give times as people write them."""

from __future__ import annotations

import re
from datetime import date

import pytest

from store.audit import Identity
from store.errors import InputError, NotFoundError
from store.fields import field_problems
from store.star_chamber.inputs import MeetingIn
from store.star_chamber.minutes import minutes_markdown, minutes_text
from store.star_chamber.queries.meetings import meeting_detail, waiting_for_agenda
from store.star_chamber.queries.minutes import minutes
from store.star_chamber.services.decisions import correct, decide
from store.star_chamber.services.meetings import add_meeting, build_agenda
from store.users.roles import own_record_refusal
from tests.support import star_chamber_world as world


@pytest.fixture
def sc(store, frozen_clock):
    world.build(store)
    return store


@pytest.mark.parametrize("service", [decide, correct], ids=["decide", "correct"])
def test_a_decision_on_an_unknown_request_says_there_is_no_such_request(sc, service):
    # An approval naming no one from the Posting List is wrong too: the missing request
    # is what the user must hear about.
    data = {"reference": "SC-2011-9999", "meeting": world.MEETING, "outcome": "approved"}
    data |= {"reason": "Agreed."} | ({"why": "Minuted wrongly."} if service is correct else {})
    if service is correct:
        del data["meeting"]
    before = world.audit_count(sc)
    refused = pytest.raises(NotFoundError, match="no request 'SC-2011-9999'")
    with refused as error, sc.writing() as session:
        service(data, session=session)
    assert error.value.field == "reference"
    assert world.audit_count(sc) == before


def test_building_the_agenda_adds_what_the_user_was_shown_or_nothing(sc):
    older = world.request(sc, agenda=None, received="2011-05-20")
    newer = world.request(sc, agenda=None, received="2011-06-02")
    with sc.reading() as connection:
        shown = [row.reference for row in waiting_for_agenda(connection, world.MEETING)]
    assert shown == [older, newer]
    # Someone logs another waiting request before the user agrees: nothing is added.
    late = world.request(sc, agenda=None, received="2011-06-03")
    before = world.audit_count(sc)
    refused = pytest.raises(InputError, match="the waiting requests changed since you looked")
    with refused, sc.writing() as session:
        build_agenda(world.MEETING, expected=shown, session=session)
    assert world.audit_count(sc) == before
    with sc.writing() as session:
        added = build_agenda(world.MEETING, expected=[older, newer, late], session=session)
    assert added == [older, newer, late]
    with sc.reading() as connection:
        agenda = meeting_detail(connection, world.MEETING).agenda
    assert [item.request.reference for item in agenda] == [older, newer, late]


def test_a_meeting_date_is_checked_in_the_words_every_form_uses(sc):
    problems = field_problems(MeetingIn, {"held_on": "2011-09-31", "chair": "Chair Two"})
    assert problems == {"held_on": "'2011-09-31' is not a date; write it like 2011-06-30"}
    assert field_problems(MeetingIn, {"held_on": " ", "chair": "Chair Two"}) == {
        "held_on": "the meeting's date is required"
    }
    refused = pytest.raises(InputError, match="'2011-09-31' is not a date")
    with refused as error, sc.writing() as session:
        add_meeting({"held_on": "2011-09-31", "chair": "Chair Two"}, session=session)
    assert error.value.field == "held_on"


def test_separation_of_duties_is_worded_once():
    achebe = Identity("r.achebe", "r.achebe", "desk")
    assert own_record_refusal(achebe, "r.achebe", "SC-2011-0001") == (
        "r.achebe entered SC-2011-0001, so someone else must decide it"
    )
    assert own_record_refusal(achebe, "l.mensah", "SC-2011-0001") == ""


def test_separation_of_duties_compares_the_person_acting_too():
    admin_as_mensah = Identity("l.mensah", "r.achebe", "desk")
    assert own_record_refusal(admin_as_mensah, "r.achebe", "SC-2011-0001") == (
        "r.achebe entered SC-2011-0001 and is acting as l.mensah, so someone else must decide it"
    )


def test_the_minutes_give_times_as_people_write_them(demo_store):
    with demo_store.reading() as connection:
        found = minutes(connection, date(2011, 5, 31))
    for text in (minutes_text(found), minutes_markdown(found)):
        stamps = re.findall(r"(?:Recorded|Closed) by:\**\s\S+ at (.+)", text)
        assert stamps, text
        for stamp in stamps:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", stamp), stamp
