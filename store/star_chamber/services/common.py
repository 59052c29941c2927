"""Helpers the Star Chamber services share: lookups that name the field, reference
numbers, and the version check in the Star Chamber's words."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from store import audit
from store.errors import NotFoundError
from store.models import (
    BusinessGroup,
    ScDisplaced,
    ScEngagement,
    ScMeeting,
    ScRequest,
)


def group_by_code(session: Session, code: str, field: str = "business_group") -> BusinessGroup:
    """The business group with `code` (any case), or a NotFoundError naming `field`."""
    group = session.exec(
        select(BusinessGroup).where(col(BusinessGroup.code).ilike(code.strip()))
    ).first()
    if group is None:
        known = ", ".join(session.exec(select(BusinessGroup.code).order_by(BusinessGroup.code)))
        raise NotFoundError(field, f"no business group {code!r} (known: {known})")
    return group


def _by_reference(session: Session, model: type, reference: str, field: str, problem: str):
    """The `model` row whose reference is `reference` (any case, spaces trimmed), or a
    NotFoundError naming `field` with `problem`."""
    found = session.exec(select(model).where(model.reference == reference.strip().upper())).first()
    if found is None:
        raise NotFoundError(field, problem)
    return found


def request_by_reference(session: Session, reference: str, field: str = "reference") -> ScRequest:
    """The request `SC-2011-0042`, or a NotFoundError naming `field`."""
    return _by_reference(session, ScRequest, reference, field, f"no request {reference!r}")


def meeting_on(session: Session, held_on: date, field: str = "meeting") -> ScMeeting:
    """The meeting held on `held_on`, or a NotFoundError naming `field`."""
    found = session.exec(select(ScMeeting).where(ScMeeting.held_on == held_on)).first()
    if found is None:
        raise NotFoundError(field, f"no meeting on {held_on.isoformat()}")
    return found


def displaced_by_reference(session: Session, reference: str, field: str) -> ScDisplaced:
    """The displaced person `PL-0003`, or a NotFoundError naming `field`."""
    problem = f"no one on the Posting List with reference {reference!r}"
    return _by_reference(session, ScDisplaced, reference, field, problem)


def engagement_by_reference(session: Session, reference: str, field: str) -> ScEngagement:
    """The engagement `TW-0002`, or a NotFoundError naming `field`."""
    problem = f"no engagement with reference {reference!r}"
    return _by_reference(session, ScEngagement, reference, field, problem)


def next_request_reference(session: Session, year: int) -> tuple[str, int]:
    """The next `SC-<year>-<seq>` for requests received in `year`, and its sequence."""
    last = session.exec(select(func.max(ScRequest.seq)).where(ScRequest.year == year)).one()
    seq = (last or 0) + 1
    return f"SC-{year}-{seq:04d}", seq


def next_plain_reference(session: Session, model: type, prefix: str) -> str:
    """The next `PL-0001` or `TW-0001` style reference for a table."""
    count = session.exec(select(func.count()).select_from(model)).one()
    candidate = count + 1
    while session.exec(
        select(model.id).where(model.reference == f"{prefix}-{candidate:04d}")
    ).first():
        candidate += 1
    return f"{prefix}-{candidate:04d}"


def check_version(record: Any, expected: int | None, what: str) -> None:
    """Refuse a change made against an out-of-date copy of a record, in the Star
    Chamber's words (both versions named)."""
    audit.check_version(
        record,
        expected,
        f"{what} was changed by someone else since you opened it "
        f"(version {record.version}, yours {expected}); reload and try again",
    )
