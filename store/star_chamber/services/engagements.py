"""Temporary and agency engagements. The approved maximum end date moves only by an
approved extension decision (see `decisions`); nothing here can set it later."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from store.audit import bump_version, record_event, snapshot, stamp, update_with_audit
from store.errors import InputError
from store.models import ScDecision, ScEngagement, ScRequest
from store.rows import raw
from store.star_chamber.inputs import EndEngagementIn, EngagementIn
from store.star_chamber.queries.engagements import engagement_by_reference as read_engagement
from store.star_chamber.read_models import EngagementRow
from store.star_chamber.rules import engagement_end
from store.star_chamber.services.common import (
    check_version,
    engagement_by_reference,
    group_by_code,
    next_plain_reference,
    request_by_reference,
)
from store.star_chamber.types import EngagementStatus, Outcome, RequestStatus, StaffType
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


@requires(Permission.MANAGE_ENGAGEMENTS)
def start_engagement(data: EngagementIn | Mapping[str, Any], *, session: Session) -> EngagementRow:
    """Record a temporary or agency worker starting. Against an approved request, the
    approved weeks set the maximum end date; otherwise the approved maximum is given."""
    data = parse_input(EngagementIn, data)
    request = request_by_reference(session, data.request, "request") if data.request else None
    engagement = ScEngagement(
        reference=next_plain_reference(session, ScEngagement, "TW"),
        worker_name=data.worker,
        start_on=data.start_on,
        **stamp(session),
        **_post_of(session, data, request),
    )
    session.add(engagement)
    session.flush()
    if request is not None:
        bump_version(session, request, {"engagement_id": engagement.id})
        session.flush()
    record_event(
        session,
        entity="sc_engagement",
        entity_id=engagement.reference,
        action="create",
        after=snapshot(engagement) | {"request": request.reference if request else None},
    )
    return read_engagement(raw(session), engagement.reference)


def _post_of(session: Session, data: EngagementIn, request: ScRequest | None) -> dict[str, Any]:
    """The post an engagement fills and its approved maximum end date: from the approved
    `request`, or as `data` gives them for one approved before these records began."""
    if request is None:
        return {
            "staff_type": data.staff_type.value,
            "business_group_id": group_by_code(session, data.business_group).id,
            "post_title": data.post,
            "grade": data.grade,
            "max_end_on": data.approved_max_end,
        }
    weeks = _approved_weeks_of(session, request)
    if data.start_on < request.decided_on:
        raise InputError(
            "start_on",
            f"{data.start_on.isoformat()} is before the approval on "
            f"{request.decided_on.isoformat()}",
        )
    return {
        "staff_type": request.staff_type,
        "business_group_id": request.business_group_id,
        "post_title": request.post_title,
        "grade": request.grade,
        "max_end_on": engagement_end(data.start_on, weeks),
    }


def _approved_weeks_of(session: Session, request) -> int:
    if request.staff_type == StaffType.POLICE_STAFF or request.is_extension:
        raise InputError(
            "request", f"{request.reference} is not a request for a temporary or agency worker"
        )
    if request.status != RequestStatus.DECIDED or not Outcome(request.outcome).is_approval:
        raise InputError("request", f"{request.reference} has not been approved")
    if request.engagement_id is not None:
        raise InputError("request", f"{request.reference} already has its engagement")
    superseded = select(ScDecision.supersedes_id).where(col(ScDecision.supersedes_id).is_not(None))
    weeks = session.exec(
        select(ScDecision.approved_weeks)
        .where(ScDecision.request_id == request.id, col(ScDecision.id).not_in(superseded))
        .order_by(col(ScDecision.id).desc())
    ).first()
    return weeks or request.max_weeks


@requires(Permission.MANAGE_ENGAGEMENTS)
def end_engagement(data: EndEngagementIn | Mapping[str, Any], *, session: Session) -> EngagementRow:
    """Record an engagement ending. It cannot run past its approved maximum: going on
    longer needs an extension request decided by the Star Chamber."""
    data = parse_input(EndEngagementIn, data)
    engagement = engagement_by_reference(session, data.reference, "reference")
    check_version(engagement, data.expected_version, engagement.reference)
    if engagement.status != EngagementStatus.ACTIVE:
        raise InputError("reference", f"{engagement.reference} has already ended")
    if data.on < engagement.start_on:
        raise InputError("on", f"{data.on.isoformat()} is before the engagement started")
    if data.on > engagement.max_end_on:
        raise InputError(
            "on",
            f"{data.on.isoformat()} is after {engagement.reference}'s approved maximum of "
            f"{engagement.max_end_on.isoformat()}; running longer needs an extension "
            "decided by the Star Chamber",
        )
    ended = {
        "status": EngagementStatus.ENDED.value,
        "ended_on": data.on,
        "end_reason": data.reason,
    }
    update_with_audit(
        session,
        engagement,
        ended,
        entity="sc_engagement",
        entity_id=engagement.reference,
        action="end",
        reason=data.reason or None,
    )
    return read_engagement(raw(session), engagement.reference)
