"""Who last changed a Posting List entry or an engagement, for the conflict dialog of
a save refused as stale: a decision that posts the person, or extends the engagement,
raises its version, so it is that decision's maker who is named, not whoever created
the record."""

from __future__ import annotations

from store.star_chamber.queries.changes import last_displaced_change, last_engagement_change
from store.star_chamber.services.meetings import add_to_agenda
from store.star_chamber.services.requests import add_extension_request
from tests.support.star_chamber_world import MEETING, decide_on


def _last(store, query, reference):
    with store.reading() as connection:
        return query(connection, reference)


def test_posting_someone_names_the_decision_maker(demo_store, other_desk):
    assert _last(demo_store, last_displaced_change, "PL-0004").actor != "c.dunmore"
    decide_on(other_desk("c.dunmore"), "SC-2011-0006", posted="PL-0004")
    posted = _last(demo_store, last_displaced_change, "PL-0004")
    assert (posted.actor, posted.action) == ("c.dunmore", "create")
    # Someone else on the list is untouched by it.
    assert _last(demo_store, last_displaced_change, "PL-0001").actor != "c.dunmore"


def test_extending_an_engagement_names_the_decision_maker(demo_store, other_desk):
    secretary = other_desk("l.mensah")
    with secretary.writing() as session:
        extension = add_extension_request(
            {"engagement": "TW-0003", "weeks": 4, "justification": "Go-live moved."},
            session=session,
        )
        add_to_agenda({"meeting": MEETING, "reference": extension.reference}, session=session)
    decide_on(
        other_desk("c.dunmore"), extension.reference, none_suitable="An extension posts no one."
    )
    extended = _last(demo_store, last_engagement_change, "TW-0003")
    assert (extended.actor, extended.action) == ("c.dunmore", "create")
