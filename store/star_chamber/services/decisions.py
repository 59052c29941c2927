"""Recording decisions and corrections, with the Posting List first and the vacancy
factor check enforced here (not only on screen).

A decision's effects are part of the same change and the same audit event: the
request's status and outcome, a displaced person leaving the list when posted, a
deferral carried to the next open meeting, and an approved extension moving the
engagement's maximum end date. A correction undoes the effects of the decision it
supersedes, then applies its own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from store import clock
from store.audit import bump_version, record_event, snapshot, stamp
from store.errors import InputError
from store.fields import in_the_future
from store.models import (
    BusinessGroup,
    ScAgendaItem,
    ScDecision,
    ScDisplaced,
    ScEngagement,
    ScMeeting,
    ScRequest,
)
from store.rows import raw
from store.star_chamber import grades
from store.star_chamber.inputs import CorrectionIn, DecisionIn
from store.star_chamber.queries.decisions import decision_by_id
from store.star_chamber.queries.establishment import impact_of_approval
from store.star_chamber.read_models import DecisionRead
from store.star_chamber.rules import extended_end
from store.star_chamber.services.common import (
    check_version,
    displaced_by_reference,
    meeting_on,
    request_by_reference,
)
from store.star_chamber.services.meetings import put_on_agenda
from store.star_chamber.types import (
    MeetingStatus,
    Outcome,
    PostingStatus,
    PostingStep,
    RequestStatus,
)
from store.users.guard import forbid_own, requires
from store.users.roles import Permission
from store.validation import parse_input


@requires(Permission.RECORD_SC_DECISIONS)
def decide(data: DecisionIn | Mapping[str, Any], *, session: Session) -> DecisionRead:
    """Record the decision on a request on an open meeting's agenda."""
    request = _named_request(session, data)
    data = parse_input(DecisionIn, data)
    _forbid_own(session, request)
    meeting = meeting_on(session, data.meeting)
    if meeting.status != MeetingStatus.OPEN:
        raise InputError(
            "meeting",
            f"the meeting on {meeting.held_on.isoformat()} is closed and its decisions are "
            f"final; to change {request.reference}'s decision, record a correction",
        )
    if meeting.held_on > clock.today():
        raise InputError(
            "meeting", f"the meeting on {meeting.held_on.isoformat()} has not been held yet"
        )
    on_agenda = session.exec(
        select(ScAgendaItem.id).where(
            ScAgendaItem.meeting_id == meeting.id, ScAgendaItem.request_id == request.id
        )
    ).first()
    if on_agenda is None:
        raise InputError(
            "reference",
            f"{request.reference} is not on the agenda of {meeting.held_on.isoformat()}; "
            "a request can only be decided at a meeting whose agenda it is on",
        )
    already = session.exec(
        select(ScDecision.id).where(
            ScDecision.meeting_id == meeting.id, ScDecision.request_id == request.id
        )
    ).first()
    if already is not None:
        raise InputError(
            "reference",
            f"{request.reference} is already decided at this meeting; "
            "to change it, record a correction",
        )
    decision = _apply(session, request, meeting, data, decided_on=meeting.held_on)
    return _recorded(session, decision, request, "create", data.reason)


@requires(Permission.RECORD_SC_DECISIONS)
def correct(data: CorrectionIn | Mapping[str, Any], *, session: Session) -> DecisionRead:
    """Supersede a request's decision in force with a new one, keeping the old one.

    This is the only way to change a decision of a closed meeting. The correction
    belongs to the same meeting as the decision it supersedes and is dated today
    unless `decided_on` says when it was agreed. Refused as stale when `expected_version`
    is given and someone else decided or corrected the request since it was read.
    """
    request = _named_request(session, data)
    data = parse_input(CorrectionIn, data)
    _forbid_own(session, request)
    check_version(request, data.expected_version, request.reference)
    old = _latest_live(session, request)
    if old is None:
        raise InputError("reference", f"{request.reference} has no decision to correct")
    meeting = session.get(ScMeeting, old.meeting_id)
    day = data.decided_on or clock.today()
    if problem := in_the_future(day):
        raise InputError("decided_on", problem)
    if day < old.decided_on:
        raise InputError(
            "decided_on",
            f"{day.isoformat()} is before the decision it corrects ({old.decided_on.isoformat()})",
        )
    _undo(session, request, old, day)
    decision = _apply(session, request, meeting, data, decided_on=day, supersedes=old, why=data.why)
    return _recorded(session, decision, request, "correct", data.why, before=snapshot(old))


def _recorded(
    session: Session,
    decision: ScDecision,
    request: ScRequest,
    action: str,
    reason: str,
    before: dict | None = None,
) -> DecisionRead:
    """Record the decision's audit event (its effects on the request included) and
    return it as the minutes show it."""
    read = decision_by_id(raw(session), decision.id)
    record_event(
        session,
        entity="sc_decision",
        entity_id=decision.id,
        action=action,
        before=before,
        after=_audit_after(decision, request, read),
        reason=reason,
    )
    return read


def _named_request(session: Session, data: Any) -> ScRequest:
    """The request a decision names, looked up before anything else is checked: a
    decision on a request that does not exist says so, whatever else is wrong with it."""
    reference = data.get("reference") if isinstance(data, Mapping) else data.reference
    return request_by_reference(session, str(reference or ""))


def _forbid_own(session: Session, request: ScRequest) -> None:
    """Separation of duties: whoever entered `request` (or acted for its enterer) may not
    decide or correct it."""
    what, entity = request.reference, "sc_request"
    permission = Permission.RECORD_SC_DECISIONS
    forbid_own(session, request, what, permission, entity=entity, entity_id=what)


def _latest_live(session: Session, request: ScRequest) -> ScDecision | None:
    superseded = select(ScDecision.supersedes_id).where(col(ScDecision.supersedes_id).is_not(None))
    return session.exec(
        select(ScDecision)
        .where(ScDecision.request_id == request.id, col(ScDecision.id).not_in(superseded))
        .order_by(col(ScDecision.id).desc())
    ).first()


def _undo(session: Session, request: ScRequest, old: ScDecision, day: date) -> None:
    """Reverse what a decision did, before a correction applies its own effects."""
    if old.posted_person_id is not None:
        person = session.get(ScDisplaced, old.posted_person_id)
        if person.status == PostingStatus.POSTED and person.posted_request_id == request.id:
            back = {"status": PostingStatus.ON_LIST.value, "status_on": day}
            bump_version(session, person, back | {"posted_request_id": None})
    if old.engagement_end_after is not None:
        engagement = session.get(ScEngagement, request.engagement_id)
        if engagement.max_end_on != old.engagement_end_after:
            raise InputError(
                "reference",
                f"{engagement.reference}'s maximum end date has changed since this extension "
                "was approved; it cannot be corrected automatically",
            )
        bump_version(session, engagement, {"max_end_on": old.engagement_end_before})
    if old.outcome == Outcome.DEFERRED and request.status == RequestStatus.ON_AGENDA:
        item = session.exec(
            select(ScAgendaItem).where(
                ScAgendaItem.request_id == request.id,
                ScAgendaItem.meeting_id == request.meeting_id,
            )
        ).first()
        if item is not None and item.meeting_id != old.meeting_id:
            session.delete(item)
    session.flush()


def _apply(
    session: Session,
    request: ScRequest,
    meeting: ScMeeting,
    data: DecisionIn | CorrectionIn,
    *,
    decided_on: date,
    supersedes: ScDecision | None = None,
    why: str = "",
) -> ScDecision:
    """Check the decision against the rules, store it and carry out its effects."""
    outcome = data.outcome
    posted = _posted_person(session, request, data) if data.posted else None
    impact = _checked_impact(session, request, meeting, data)
    weeks = _approved_weeks(request, data)
    engagement_before = engagement_after = None
    if outcome.is_approval and request.is_extension:
        engagement_before, engagement_after = _extend(session, request, weeks)
    decision = ScDecision(
        request_id=request.id,
        meeting_id=meeting.id,
        outcome=outcome.value,
        reason=data.reason,
        conditions=data.conditions,
        posting_step=_posting_step(data).value,
        posted_person_id=posted.id if posted else None,
        none_suitable_reason=data.none_suitable or "",
        override_reason=data.override_reason if outcome.is_approval else "",
        impact_json=json.dumps(_impact_record(impact, outcome), ensure_ascii=False),
        approved_weeks=weeks,
        engagement_end_before=engagement_before,
        engagement_end_after=engagement_after,
        supersedes_id=supersedes.id if supersedes else None,
        correction_reason=why,
        decided_on=decided_on,
        **stamp(session, "recorded_by", "recorded_at"),
    )
    session.add(decision)
    if posted is not None:
        placed = {"status": PostingStatus.POSTED.value, "status_on": decided_on}
        bump_version(session, posted, placed | {"posted_request_id": request.id})
    _settle_request(session, request, meeting, outcome, decided_on)
    session.flush()
    return decision


def _checked_impact(
    session: Session, request: ScRequest, meeting: ScMeeting, data: DecisionIn | CorrectionIn
):
    """The establishment figures the decision is taken against (every decision keeps
    them); an approval that they warn against needs a reason for overriding."""
    impact = impact_of_approval(
        raw(session),
        group_code=_group_code(session, request),
        on=meeting.held_on,
        adds_x100=0 if request.is_extension else request.fte_x100,
        exclude_request_id=request.id,
    )
    if data.outcome.is_approval and impact.warns and not data.override_reason:
        raise InputError(
            "override_reason",
            "; ".join(impact.warnings) + ": give a reason for overriding the warning",
        )
    return impact


def _extend(session: Session, request: ScRequest, weeks: int) -> tuple[date, date]:
    """Move the engagement's maximum end date on by an approved extension's weeks;
    returns the end date before and after."""
    engagement = session.get(ScEngagement, request.engagement_id)
    before = engagement.max_end_on
    after = extended_end(before, weeks)
    bump_version(session, engagement, {"max_end_on": after})
    return before, after


def _impact_record(impact, outcome: Outcome) -> dict:
    """The figures for the minutes; warnings only where an approval faced them."""
    record = impact.as_record()
    if not outcome.is_approval:
        record["warnings"] = []
    return record


def _group_code(session: Session, request: ScRequest) -> str:
    return session.get(BusinessGroup, request.business_group_id).code


def _posting_step(data: DecisionIn | CorrectionIn) -> PostingStep:
    if data.posted:
        return PostingStep.POSTED
    if data.none_suitable:
        return PostingStep.NONE_SUITABLE
    return PostingStep.NOT_APPLICABLE


def _posted_person(
    session: Session, request: ScRequest, data: DecisionIn | CorrectionIn
) -> ScDisplaced:
    """The displaced person a decision posts: on the list, within a band of the post,
    and not to an extension (which keeps its worker)."""
    person = displaced_by_reference(session, data.posted, "posted")
    if person.status != PostingStatus.ON_LIST:
        raise InputError(
            "posted",
            f"{person.reference} {person.name} is not on the Posting List "
            f"(status: {PostingStatus(person.status).label})",
        )
    gap = grades.distance(person.grade, request.grade)
    if gap > 1:
        raise InputError(
            "posted",
            f"{person.reference} is {person.grade}, {gap} bands from this {request.grade} post; "
            "only the same band or one band away can be posted",
        )
    if data.outcome.is_approval and request.is_extension:
        raise InputError(
            "posted",
            "an extension keeps the worker in post; to post a displaced person instead, "
            "reject the extension",
        )
    return person


def _approved_weeks(request: ScRequest, data: DecisionIn | CorrectionIn) -> int | None:
    if not data.outcome.is_approval:
        return None
    if request.max_weeks is None:
        if data.approved_weeks is not None:
            raise InputError(
                "approved_weeks", "only temporary, agency and extension requests have weeks"
            )
        return None
    return data.approved_weeks or request.max_weeks


def _settle_request(
    session: Session, request: ScRequest, meeting: ScMeeting, outcome: Outcome, decided_on: date
) -> None:
    """Bring the request's status in line with its new decision; carry a deferral over."""
    settled = {"outcome": outcome.value, "decided_on": decided_on, "meeting_id": meeting.id}
    if outcome is Outcome.DEFERRED:
        bump_version(session, request, settled | {"status": RequestStatus.RECEIVED.value})
        session.flush()
        following = session.exec(
            select(ScMeeting)
            .where(
                ScMeeting.status == MeetingStatus.OPEN.value, ScMeeting.held_on > meeting.held_on
            )
            .order_by(ScMeeting.held_on)
        ).first()
        if following is not None and request.received_on <= following.held_on:
            put_on_agenda(session, following, request, carried_over=True)
        return
    bump_version(session, request, settled | {"status": RequestStatus.DECIDED.value})


def _audit_after(decision: ScDecision, request: ScRequest, read: DecisionRead) -> dict:
    after = snapshot(decision)
    after |= {
        "reference": request.reference,
        "request_status": request.status,
        "posted": read.posted_reference,
    }
    if request.outcome == Outcome.DEFERRED and request.status == RequestStatus.ON_AGENDA:
        carried_to = request.meeting_id
        after["carried_to_meeting_id"] = carried_to
    return after
