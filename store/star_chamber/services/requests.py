"""Logging requests: new posts and workers, and extensions of engagements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from store import clock
from store.audit import record_event, snapshot
from store.errors import InputError
from store.models import ScRequest
from store.portfolio.services import initiative_by_code
from store.star_chamber.inputs import ExtensionIn, RequestIn
from store.star_chamber.queries.requests import request_row
from store.star_chamber.read_models import RequestRow
from store.star_chamber.rules import to_x100
from store.star_chamber.services.common import (
    actor,
    engagement_by_reference,
    group_by_code,
    next_request_reference,
    now,
    raw,
)
from store.star_chamber.types import EngagementStatus, StaffType
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


@requires(Permission.LOG_VACANCY_REQUESTS)
def add_request(data: RequestIn | Mapping[str, Any], *, session: Session) -> RequestRow:
    """Log a request to fill a police staff vacancy or to engage a temporary or agency
    worker. It gets the next reference for the year it was received, and waits (status
    received) until it is put on an agenda."""
    data = parse_input(RequestIn, data)
    group = group_by_code(session, data.business_group)
    programme = initiative_by_code(session, data.programme, "programme") if data.programme else None
    received = data.received_on or clock.today()
    if received > clock.today():
        raise InputError("received_on", f"{received.isoformat()} is in the future")
    reference, seq = next_request_reference(session, received.year)
    request = ScRequest(
        reference=reference,
        year=received.year,
        seq=seq,
        business_group_id=group.id,
        post_title=data.post,
        grade=data.grade,
        staff_type=data.staff_type.value,
        fte_x100=data.fte_x100,
        funded=data.funded,
        cost_centre=data.cost_centre,
        route=data.route.value,
        initiative_id=programme.id if programme else None,
        justification=data.justification,
        requested_by=data.requested_by or actor(session),
        received_on=received,
        max_weeks=data.max_weeks,
        entered_by=actor(session),
        entered_at=now(),
    )
    session.add(request)
    session.flush()
    record_event(
        session, entity="sc_request", entity_id=reference, action="create", after=snapshot(request)
    )
    return request_row(raw(session), reference)


@requires(Permission.LOG_VACANCY_REQUESTS)
def add_extension_request(data: ExtensionIn | Mapping[str, Any], *, session: Session) -> RequestRow:
    """Log a request to extend a temporary or agency engagement past its approved maximum.
    The post, group, grade and staff type come from the engagement."""
    data = parse_input(ExtensionIn, data)
    engagement = engagement_by_reference(session, data.engagement, "engagement")
    if engagement.status != EngagementStatus.ACTIVE:
        raise InputError(
            "engagement", f"{engagement.reference} has ended; a new engagement needs a new request"
        )
    waiting = session.exec(
        select(ScRequest.reference).where(
            ScRequest.engagement_id == engagement.id,
            ScRequest.is_extension,
            ScRequest.status != "decided",
        )
    ).first()
    if waiting:
        raise InputError(
            "engagement", f"{engagement.reference} already has extension request {waiting} waiting"
        )
    received = data.received_on or clock.today()
    if received > clock.today():
        raise InputError("received_on", f"{received.isoformat()} is in the future")
    reference, seq = next_request_reference(session, received.year)
    request = ScRequest(
        reference=reference,
        year=received.year,
        seq=seq,
        business_group_id=engagement.business_group_id,
        post_title=engagement.post_title,
        grade=engagement.grade,
        staff_type=StaffType(engagement.staff_type).value,
        fte_x100=to_x100(data.fte),
        funded=data.funded,
        cost_centre=data.cost_centre,
        route="external",
        justification=data.justification,
        requested_by=data.requested_by or actor(session),
        received_on=received,
        max_weeks=data.weeks,
        is_extension=True,
        engagement_id=engagement.id,
        entered_by=actor(session),
        entered_at=now(),
    )
    session.add(request)
    session.flush()
    record_event(
        session,
        entity="sc_request",
        entity_id=reference,
        action="create_extension",
        after=snapshot(request) | {"engagement": engagement.reference},
    )
    return request_row(raw(session), reference)
