"""A small Star Chamber world for store tests, written through the real services.

Business groups TP and DoR; 2011/12 police staff figures for TP with room to spare
and for DoR with its vacancy factor already at target; three displaced staff (Band C,
Band D and Band A); an open meeting on 2011-06-13 (the pinned today). Requests are
entered by `entrant` (a Star Chamber secretary) and decisions recorded by `tester`
(the store fixture's actor, the admin).
"""

from __future__ import annotations

from datetime import date

import pytest

from store.audit import Identity
from store.demo.loader import acting_as
from store.errors import InputError
from store.handle import Store
from store.portfolio.services import create_business_group
from store.star_chamber.services.decisions import decide
from store.star_chamber.services.establishment import set_establishment
from store.star_chamber.services.meetings import add_meeting, add_to_agenda
from store.star_chamber.services.posting_list import add_displaced
from store.star_chamber.services.requests import add_request
from tests.support.counts import audit_count
from tests.support.users_factories import add_in
from tests.support.writes import written

MEETING = date(2011, 6, 13)
EARLIER = date(2011, 5, 31)


def _police_staff_figures(session, group: str, *, budgeted: int, strength: int, start: int):
    """A group's 2011/12 police staff establishment, aiming at a 5% vacancy factor."""
    set_establishment(
        {
            "business_group": group,
            "staff_group": "police_staff",
            "financial_year": "2011/12",
            "budgeted": budgeted,
            "strength": strength,
            "start_strength": start,
            "reduction": 0,
            "target_vacancy_pct": 5,
            "as_of": "2011-06-01",
        },
        session=session,
    )


def build(store: Store) -> None:
    """Groups, figures, the Posting List and an open meeting on 2011-06-13."""
    with store.writing() as session:
        add_in(session, "entrant", "star_chamber_secretary")
        create_business_group({"code": "TP", "name": "Territorial Policing"}, session=session)
        create_business_group({"code": "DoR", "name": "Directorate of Resources"}, session=session)
        _police_staff_figures(session, "TP", budgeted=1000, strength=900, start=920)
        _police_staff_figures(session, "DoR", budgeted=100, strength=95, start=96)
        for name, grade, group in (
            ("Ann Carter", "C", "TP"),
            ("Ben Dale", "D", "DoR"),
            ("Cal Amis", "A", "TP"),
        ):
            add_displaced(
                {
                    "name": name,
                    "grade": grade,
                    "business_group": group,
                    "skills": "records",
                    "listed_on": "2011-03-01",
                },
                session=session,
            )
        add_meeting(
            {"held_on": MEETING, "chair": "Chair One", "union_reps": "Rep (UNISON)"},
            session=session,
        )


def request(
    store: Store,
    *,
    group: str = "TP",
    grade: str = "C",
    fte: str = "1",
    staff_type: str = "police_staff",
    received: str = "2011-06-01",
    agenda: date | None = MEETING,
    **extra,
) -> str:
    """Log a request as `entrant` and (by default) put it on the 2011-06-13 agenda."""
    with store.writing() as session, acting_as(session, Identity.of_person("entrant")):
        data = {
            "business_group": group,
            "post": "Records officer",
            "grade": grade,
            "fte": fte,
            "staff_type": staff_type,
            "justification": "The team cannot keep up.",
            "received_on": received,
            **extra,
        }
        if staff_type != "police_staff":
            data.setdefault("max_weeks", 12)
        reference = add_request(data, session=session).reference
    if agenda is not None:
        with store.writing() as session:
            add_to_agenda({"meeting": agenda, "reference": reference}, session=session)
    return reference


def decide_on(store: Store, reference: str, outcome="approved", meeting=MEETING, **extra):
    """Record the meeting's decision on a request, with the reason "Agreed."."""
    data = {"reference": reference, "meeting": meeting, "outcome": outcome, "reason": "Agreed."}
    return written(store, decide, data | extra)


def refused(store: Store, field: str, match: str, call, *args, **kwargs) -> None:
    """`call(store, ...)` raises InputError naming `field` (its message matching `match`)
    and writes no audit event."""
    before = audit_count(store)
    with pytest.raises(InputError, match=match) as error:
        call(store, *args, **kwargs)
    assert error.value.field == field
    assert audit_count(store) == before
