"""Closing a Star Chamber meeting and correcting its decisions: a correction is a new
decision naming the old one and why, under the same rules; each change is one audit event."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.audit import verify_chain
from store.errors import InputError
from store.star_chamber.queries.decisions import decisions_on_request
from store.star_chamber.queries.meetings import meeting_detail
from store.star_chamber.queries.posting_list import displaced_by_reference
from store.star_chamber.queries.requests import request_row
from store.star_chamber.services.decisions import correct
from store.star_chamber.services.meetings import add_meeting, close_meeting
from tests.support import star_chamber_world as world
from tests.support.star_chamber_world import decide_on, refused

# ----------------------------------------------------------- closing, corrections


def test_a_meeting_cannot_close_with_undecided_items(sc):
    decided = world.request(sc)
    waiting = world.request(sc)
    decide_on(sc, decided, "rejected")
    with (
        pytest.raises(InputError, match=f"no decision yet \\({waiting}\\)"),
        sc.writing() as session,
    ):
        close_meeting(world.MEETING, session=session)
    decide_on(sc, waiting, "deferred", reason="Not reached.")
    with sc.writing() as session:
        closed = close_meeting(world.MEETING, session=session)
    assert closed.status == "closed" and closed.closed_by == "tester"


def test_a_closed_meeting_takes_no_more_decisions_or_agenda_items(sc):
    reference = world.request(sc)
    decide_on(sc, reference, "rejected")
    with sc.writing() as session:
        close_meeting(world.MEETING, session=session)
    waiting = world.request(sc, agenda=None)
    from store.star_chamber.services.meetings import add_to_agenda

    with pytest.raises(InputError, match="closed"), sc.writing() as session:
        add_to_agenda({"meeting": world.MEETING, "reference": waiting}, session=session)
    refused(sc, "meeting", "closed and its decisions are final", decide_on, reference, "withdrawn")


def test_a_correction_is_a_new_decision_naming_the_old_one_and_why(sc):
    reference = world.request(sc)
    old = decide_on(sc, reference, posted="PL-0001")
    with sc.writing() as session:
        close_meeting(world.MEETING, session=session)
    with pytest.raises(InputError) as error, sc.writing() as session:
        correct(
            {"reference": reference, "outcome": "rejected", "reason": "x", "why": ""},
            session=session,
        )
    assert error.value.field == "why"
    with sc.writing() as session:
        new = correct(
            {
                "reference": reference,
                "outcome": "rejected",
                "reason": "Funding was withdrawn.",
                "why": "Finance confirmed after the meeting that there is no budget.",
            },
            session=session,
        )
    assert new.supersedes_id == old.id and new.decided_on == date(2011, 6, 13)
    assert new.correction_reason.startswith("Finance confirmed")
    with sc.reading() as connection:
        row = request_row(connection, reference)
        history = decisions_on_request(connection, row.id)
        person = displaced_by_reference(connection, "PL-0001")
        event = connection.execute(
            "SELECT action, reason, before_json FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert [(d.id, d.outcome, d.superseded_by_id) for d in history] == [
        (old.id, "approved", new.id),
        (new.id, "rejected", None),
    ]
    assert (row.outcome, row.status) == ("rejected", "decided")
    assert person.status == "on_list"  # the posting is undone with the approval
    assert event[0] == "correct" and event[1].startswith("Finance confirmed")
    assert json.loads(event[2])["outcome"] == "approved"


def test_correcting_a_deferral_takes_it_off_the_later_agenda(sc):
    with sc.writing() as session:
        add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    reference = world.request(sc)
    decide_on(sc, reference, "deferred")
    with sc.writing() as session:
        correct(
            {
                "reference": reference,
                "outcome": "approved",
                "reason": "Costings arrived before the minutes were agreed.",
                "none_suitable": "No match.",
                "why": "The chair approved it once the costings arrived.",
            },
            session=session,
        )
    with sc.reading() as connection:
        later = meeting_detail(connection, date(2011, 6, 27))
        row = request_row(connection, reference)
    assert later.agenda == () and (row.status, row.outcome) == ("decided", "approved")


def test_a_correction_obeys_the_same_rules(sc):
    reference = world.request(sc, group="DoR")
    decide_on(sc, reference, "rejected")
    before = world.audit_count(sc)
    with pytest.raises(InputError) as error, sc.writing() as session:
        correct(
            {
                "reference": reference,
                "outcome": "approved",
                "reason": "On reflection.",
                "none_suitable": "No match.",
                "why": "Mistake",
            },
            session=session,
        )
    assert error.value.field == "override_reason" and world.audit_count(sc) == before
    with sc.reading() as connection:
        assert request_row(connection, reference).outcome == "rejected"


def test_a_request_without_a_decision_cannot_be_corrected(sc):
    reference = world.request(sc)
    with pytest.raises(InputError, match="no decision to correct"), sc.writing() as session:
        correct(
            {"reference": reference, "outcome": "rejected", "reason": "x", "why": "y"},
            session=session,
        )


def test_each_change_is_one_audit_event_and_the_chain_holds(sc):
    before = world.audit_count(sc)
    reference = world.request(sc)  # two changes: logged, then put on the agenda
    decide_on(sc, reference, posted="PL-0001")  # one change, with its posting
    assert world.audit_count(sc) == before + 3
    with sc.reading() as connection:
        assert verify_chain(connection).ok
        entities = [
            row[0]
            for row in connection.execute("SELECT entity FROM audit_event ORDER BY id DESC LIMIT 3")
        ]
    assert entities == ["sc_decision", "sc_agenda_item", "sc_request"]
