"""Writes to the recommendations tracker: add one (the demo does), record progress."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from store.audit import add_with_audit, check_version, differences, stamp, update_with_audit
from store.errors import InputError, NotFoundError
from store.models import Recommendation
from store.recommendations.inputs import ProgressIn, RecommendationIn
from store.recommendations.read_models import RecommendationRead
from store.rows import from_record
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


def _read(record: Recommendation) -> RecommendationRead:
    return from_record(RecommendationRead, record)


@requires(Permission.EDIT_RECOMMENDATIONS)
def add_recommendation(
    data: RecommendationIn | Mapping[str, Any], *, session: Session
) -> RecommendationRead:
    """Add a recommendation with a number no other has."""
    data = parse_input(RecommendationIn, data)
    if session.exec(select(Recommendation.id).where(Recommendation.number == data.number)).first():
        raise InputError("number", f"recommendation {data.number} already exists")
    record = Recommendation(
        number=data.number,
        heading=data.heading.value,
        text=data.text,
        owner=data.owner,
        status=data.status.value,
        percent_complete=data.percent_complete,
        **stamp(session, "updated_by", "updated_at"),
    )
    add_with_audit(session, record, entity="recommendation")
    return _read(record)


@requires(Permission.EDIT_RECOMMENDATIONS)
def record_progress(
    data: ProgressIn | Mapping[str, Any], *, session: Session
) -> RecommendationRead:
    """Set a recommendation's status and % complete (and owner, if given), with a note.

    Refused when someone else changed it since `version` was read. Saving the same
    values writes nothing.
    """
    data = parse_input(ProgressIn, data)
    record = session.exec(
        select(Recommendation).where(Recommendation.number == data.number)
    ).first()
    if record is None:
        raise NotFoundError("number", f"no recommendation {data.number}")
    check_version(
        record,
        data.version,
        f"recommendation {data.number} was changed by someone else since you opened it; "
        "reopen it to see their changes",
    )
    progress = {"status": data.status.value, "percent_complete": data.percent_complete}
    if data.owner is not None:
        progress["owner"] = data.owner
    if not differences(record, progress):
        return _read(record)
    changes = progress | stamp(session, "updated_by", "updated_at")
    update_with_audit(session, record, changes, entity="recommendation", reason=data.note or None)
    return _read(record)
