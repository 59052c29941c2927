"""Meetings and their agendas: add a meeting, build and change its agenda, close it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from store.audit import bump_version, record_event, snapshot, stamp, update_with_audit
from store.errors import InputError
from store.models import ScAgendaItem, ScDecision, ScMeeting, ScRequest
from store.rows import raw
from store.star_chamber.inputs import AgendaIn, MeetingIn
from store.star_chamber.queries.meetings import meeting_detail, waiting_for_agenda
from store.star_chamber.read_models import MeetingDetail
from store.star_chamber.services.common import (
    check_version,
    meeting_on,
    request_by_reference,
)
from store.star_chamber.types import MeetingStatus, Outcome, RequestStatus
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


@requires(Permission.RUN_MEETINGS)
def add_meeting(data: MeetingIn | Mapping[str, Any], *, session: Session) -> MeetingDetail:
    """Schedule a meeting. Requests deferred at an earlier meeting and still waiting are
    carried over onto its agenda straight away."""
    data = parse_input(MeetingIn, data)
    if session.exec(select(ScMeeting.id).where(ScMeeting.held_on == data.held_on)).first():
        raise InputError("held_on", f"there is already a meeting on {data.held_on.isoformat()}")
    meeting = ScMeeting(
        held_on=data.held_on,
        chair=data.chair,
        attendees="; ".join(data.attendees),
        union_reps="; ".join(data.union_reps),
        **stamp(session, "created_by", "created_at"),
    )
    session.add(meeting)
    session.flush()
    carried = [
        request.reference
        for request in waiting_deferrals(session, before=data.held_on)
        if put_on_agenda(session, meeting, request, carried_over=True)
    ]
    record_event(
        session,
        entity="sc_meeting",
        entity_id=data.held_on.isoformat(),
        action="create",
        after=snapshot(meeting) | {"carried_over": carried},
    )
    return meeting_detail(raw(session), data.held_on)


def waiting_deferrals(session: Session, *, before: date) -> list[ScRequest]:
    """Requests deferred at a meeting before `before` and not yet on another agenda."""
    return list(
        session.exec(
            select(ScRequest)
            .join(ScMeeting, col(ScMeeting.id) == ScRequest.meeting_id)
            .where(
                ScRequest.status == RequestStatus.RECEIVED.value,
                ScRequest.outcome == Outcome.DEFERRED.value,
                ScMeeting.held_on < before,
            )
            .order_by(ScRequest.received_on, ScRequest.id)
        )
    )


def put_on_agenda(
    session: Session, meeting: ScMeeting, request: ScRequest, *, carried_over: bool = False
) -> ScAgendaItem:
    """Append a request to a meeting's agenda and mark it on the agenda (no audit event:
    the caller records the change this is part of)."""
    last = session.exec(
        select(func.max(ScAgendaItem.position)).where(ScAgendaItem.meeting_id == meeting.id)
    ).one()
    item = ScAgendaItem(
        meeting_id=meeting.id,
        request_id=request.id,
        position=(last or 0) + 1,
        carried_over=carried_over,
        **stamp(session, "added_by", "added_at"),
    )
    session.add(item)
    bump_version(
        session, request, {"status": RequestStatus.ON_AGENDA.value, "meeting_id": meeting.id}
    )
    session.flush()
    return item


def _open_meeting(session: Session, held_on: date) -> ScMeeting:
    meeting = meeting_on(session, held_on)
    if meeting.status != MeetingStatus.OPEN:
        raise InputError(
            "meeting",
            f"the meeting on {held_on.isoformat()} is closed: its agenda and decisions are final",
        )
    return meeting


def _check_can_add(session: Session, meeting: ScMeeting, request: ScRequest) -> None:
    if request.status == RequestStatus.DECIDED:
        raise InputError(
            "reference",
            f"{request.reference} was decided ({request.outcome}) on "
            f"{request.decided_on.isoformat()}; there is nothing left to put on an agenda",
        )
    if request.status == RequestStatus.ON_AGENDA:
        other = session.get(ScMeeting, request.meeting_id)
        raise InputError(
            "reference",
            f"{request.reference} is already on the agenda of {other.held_on.isoformat()}",
        )
    if request.received_on > meeting.held_on:
        raise InputError(
            "reference",
            f"{request.reference} was received on {request.received_on.isoformat()}, "
            f"after the meeting on {meeting.held_on.isoformat()}",
        )


@requires(Permission.RUN_MEETINGS)
def add_to_agenda(data: AgendaIn | Mapping[str, Any], *, session: Session) -> MeetingDetail:
    """Put one waiting request at the end of an open meeting's agenda."""
    data = parse_input(AgendaIn, data)
    meeting = _open_meeting(session, data.meeting)
    request = request_by_reference(session, data.reference)
    _check_can_add(session, meeting, request)
    item = put_on_agenda(
        session, meeting, request, carried_over=request.outcome == Outcome.DEFERRED
    )
    record_event(
        session,
        entity="sc_agenda_item",
        entity_id=item.id,
        action="create",
        after=snapshot(item) | {"reference": request.reference, "meeting": meeting.held_on},
    )
    return meeting_detail(raw(session), meeting.held_on)


@requires(Permission.RUN_MEETINGS)
def build_agenda(
    held_on: date, *, expected: Sequence[str] | None = None, session: Session
) -> list[str]:
    """Add every waiting request received by the meeting date to an open meeting's agenda:
    deferred ones first, then the rest oldest first (`waiting_for_agenda`). Returns the
    references added. With `expected` (the references the user was shown and agreed to),
    refused unless exactly those are waiting."""
    meeting = _open_meeting(session, held_on)
    waiting = waiting_for_agenda(raw(session), held_on)
    added = [row.reference for row in waiting]
    if expected is not None and list(expected) != added:
        now = ", ".join(added) or "none"
        raise InputError(
            "meeting",
            f"the waiting requests changed since you looked (waiting now: {now}); "
            "build the agenda again to see them",
        )
    for row in waiting:
        request = session.get(ScRequest, row.id)
        put_on_agenda(session, meeting, request, carried_over=request.outcome == Outcome.DEFERRED)
    if added:
        record_event(
            session,
            entity="sc_meeting",
            entity_id=held_on.isoformat(),
            action="build_agenda",
            after={"added": added},
        )
    return added


@requires(Permission.RUN_MEETINGS)
def remove_from_agenda(
    data: AgendaIn | Mapping[str, Any], *, reason: str, session: Session
) -> MeetingDetail:
    """Take an undecided request off an open meeting's agenda; it waits for another one."""
    data = parse_input(AgendaIn, data)
    if not reason.strip():
        raise InputError("reason", "say why the item is coming off the agenda")
    meeting = _open_meeting(session, data.meeting)
    request = request_by_reference(session, data.reference)
    item = session.exec(
        select(ScAgendaItem).where(
            ScAgendaItem.meeting_id == meeting.id, ScAgendaItem.request_id == request.id
        )
    ).first()
    if item is None:
        raise InputError(
            "reference",
            f"{request.reference} is not on the agenda of {meeting.held_on.isoformat()}",
        )
    if session.exec(
        select(ScDecision.id).where(
            ScDecision.meeting_id == meeting.id, ScDecision.request_id == request.id
        )
    ).first():
        raise InputError(
            "reference",
            f"{request.reference} has a decision at this meeting; record a correction instead",
        )
    before = snapshot(item)
    session.delete(item)
    for later in session.exec(
        select(ScAgendaItem).where(
            ScAgendaItem.meeting_id == meeting.id, ScAgendaItem.position > item.position
        )
    ):
        later.position -= 1
        session.add(later)
    waiting = {"status": RequestStatus.RECEIVED.value, "meeting_id": _deferred_at(session, request)}
    bump_version(session, request, waiting)
    session.flush()
    record_event(
        session,
        entity="sc_agenda_item",
        entity_id=before["id"],
        action="delete",
        before=before | {"reference": request.reference, "meeting": meeting.held_on},
        reason=reason.strip(),
    )
    return meeting_detail(raw(session), meeting.held_on)


def _deferred_at(session: Session, request: ScRequest) -> int | None:
    """The meeting that last deferred the request, if its standing outcome is a deferral."""
    if request.outcome != Outcome.DEFERRED:
        return None
    return session.exec(
        select(ScDecision.meeting_id)
        .where(ScDecision.request_id == request.id, ScDecision.outcome == Outcome.DEFERRED.value)
        .order_by(col(ScDecision.id).desc())
    ).first()


@requires(Permission.RUN_MEETINGS)
def close_meeting(
    held_on: date, *, expected_version: int | None = None, session: Session
) -> MeetingDetail:
    """Close a meeting: its decisions become final. Every agenda item must be decided
    first (defer the ones not reached, and they go to the next meeting). A close from a
    stale copy (someone else closed it first) is refused as stale, naming the version."""
    check_version(
        meeting_on(session, held_on), expected_version, f"the meeting on {held_on.isoformat()}"
    )
    meeting = _open_meeting(session, held_on)
    detail = meeting_detail(raw(session), held_on)
    if detail.undecided:
        references = ", ".join(item.request.reference for item in detail.undecided)
        raise InputError(
            "meeting",
            f"{len(detail.undecided)} agenda item(s) have no decision yet ({references}): "
            "decide them, or defer them to the next meeting, before closing",
        )
    closed = {"status": MeetingStatus.CLOSED.value, **stamp(session, "closed_by", "closed_at")}
    update_with_audit(
        session, meeting, closed, entity="sc_meeting", entity_id=held_on.isoformat(), action="close"
    )
    return meeting_detail(raw(session), held_on)
