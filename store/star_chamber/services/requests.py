"""Logging requests: new posts and workers, and extensions of engagements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from store import clock
from store.audit import actor, add_with_audit, stamp
from store.errors import InputError
from store.fields import in_the_future
from store.models import ScEngagement, ScRequest
from store.portfolio.services import initiative_by_code
from store.rows import raw
from store.star_chamber.inputs import ExtensionIn, RequestIn
from store.star_chamber.queries.requests import request_row
from store.star_chamber.read_models import RequestRow
from store.star_chamber.rules import to_x100
from store.star_chamber.services.common import (
    engagement_by_reference,
    group_by_code,
    next_request_reference,
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
    request = _new_request(
        session,
        data,
        business_group_id=group.id,
        post_title=data.post,
        grade=data.grade,
        staff_type=data.staff_type.value,
        fte_x100=data.fte_x100,
        route=data.route.value,
        initiative_id=programme.id if programme else None,
        max_weeks=data.max_weeks,
    )
    add_with_audit(session, request, entity="sc_request", entity_id=request.reference)
    return request_row(raw(session), request.reference)


@requires(Permission.LOG_VACANCY_REQUESTS)
def add_extension_request(data: ExtensionIn | Mapping[str, Any], *, session: Session) -> RequestRow:
    """Log a request to extend a temporary or agency engagement past its approved maximum.
    The post, group, grade and staff type come from the engagement."""
    data = parse_input(ExtensionIn, data)
    engagement = engagement_by_reference(session, data.engagement, "engagement")
    _check_can_extend(session, engagement)
    request = _new_request(
        session,
        data,
        business_group_id=engagement.business_group_id,
        post_title=engagement.post_title,
        grade=engagement.grade,
        staff_type=StaffType(engagement.staff_type).value,
        fte_x100=to_x100(data.fte),
        route="external",
        max_weeks=data.weeks,
        is_extension=True,
        engagement_id=engagement.id,
    )
    add_with_audit(
        session,
        request,
        entity="sc_request",
        entity_id=request.reference,
        action="create_extension",
        extra={"engagement": engagement.reference},
    )
    return request_row(raw(session), request.reference)


def _check_can_extend(session: Session, engagement: ScEngagement) -> None:
    """Refuse an extension of an engagement that has ended or has one waiting already."""
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


def _new_request(session: Session, data: RequestIn | ExtensionIn, **post: Any) -> ScRequest:
    """A request with the next reference for the year it was received (today unless
    given, and never in the future), what `data` says about funding and who asks, and
    the `post` columns."""
    received = data.received_on or clock.today()
    if problem := in_the_future(received):
        raise InputError("received_on", problem)
    reference, seq = next_request_reference(session, received.year)
    return ScRequest(
        reference=reference,
        year=received.year,
        seq=seq,
        funded=data.funded,
        cost_centre=data.cost_centre,
        justification=data.justification,
        requested_by=data.requested_by or actor(session),
        received_on=received,
        **stamp(session),
        **post,
    )
