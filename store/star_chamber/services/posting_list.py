"""The Posting List: displaced staff join it, and leave it by a posting (a decision)
or otherwise (e.g. early departure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from store import clock
from store.audit import add_with_audit, stamp, update_with_audit
from store.errors import InputError
from store.fields import in_the_future
from store.models import ScDisplaced
from store.rows import raw
from store.star_chamber.inputs import DisplacedIn, LeftListIn
from store.star_chamber.queries.posting_list import displaced_by_reference as read_displaced
from store.star_chamber.read_models import DisplacedRow
from store.star_chamber.services.common import (
    check_version,
    displaced_by_reference,
    group_by_code,
    next_plain_reference,
)
from store.star_chamber.types import PostingStatus
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


@requires(Permission.MANAGE_POSTING_LIST)
def add_displaced(data: DisplacedIn | Mapping[str, Any], *, session: Session) -> DisplacedRow:
    """Put a displaced member of police staff on the Posting List."""
    data = parse_input(DisplacedIn, data)
    group = group_by_code(session, data.business_group)
    listed = data.listed_on or clock.today()
    if problem := in_the_future(listed):
        raise InputError("listed_on", problem)
    person = ScDisplaced(
        reference=next_plain_reference(session, ScDisplaced, "PL"),
        name=data.name,
        grade=data.grade,
        business_group_id=group.id,
        skills=data.skills,
        listed_on=listed,
        **stamp(session),
    )
    add_with_audit(session, person, entity="sc_displaced", entity_id=person.reference)
    return read_displaced(raw(session), person.reference)


@requires(Permission.MANAGE_POSTING_LIST)
def leave_list(data: LeftListIn | Mapping[str, Any], *, session: Session) -> DisplacedRow:
    """Record that someone left the Posting List other than by being posted."""
    data = parse_input(LeftListIn, data)
    person = displaced_by_reference(session, data.reference, "reference")
    check_version(person, data.expected_version, person.reference)
    if person.status != PostingStatus.ON_LIST:
        raise InputError(
            "reference",
            f"{person.reference} is not on the list (status: {PostingStatus(person.status).label})",
        )
    day = data.on or clock.today()
    if day < person.listed_on:
        raise InputError("on", f"{day.isoformat()} is before they joined the list")
    left = {"status": PostingStatus.LEFT.value, "status_on": day, "left_reason": data.reason}
    update_with_audit(
        session,
        person,
        left,
        entity="sc_displaced",
        entity_id=person.reference,
        action="leave",
        reason=data.reason,
    )
    return read_displaced(raw(session), person.reference)
