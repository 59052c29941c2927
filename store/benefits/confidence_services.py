"""Recording delivery confidence: a rating on the five-point scale with its rationale for
a period (never after the current one), the team's own or an independent assurance
rating. Never overwritten: a later rating for the same period replaces it and both are
kept. A rating that turns the initiative Red opens its Response to Red in the same
transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from store.audit import add_with_audit, stamp
from store.benefits.confidence import SELECT, rating_before, to_read
from store.benefits.inputs import ConfidenceIn
from store.benefits.read_models import ConfidenceRead
from store.benefits.responses import open_if_turned_red
from store.benefits.types import RedTrigger
from store.errors import InputError
from store.models import DeliveryConfidence
from store.periods import after_current
from store.portfolio.queries import current_period
from store.portfolio.services import initiative_by_code
from store.rows import named, raw
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input


@requires(Permission.RECORD_RAG)
def record_confidence(
    data: ConfidenceIn | Mapping[str, Any], *, session: Session
) -> ConfidenceRead:
    """Record a delivery confidence rating (default: for the current period)."""
    data = parse_input(ConfidenceIn, data)
    initiative = initiative_by_code(session, data.code)
    connection = raw(session)
    current = current_period(connection)
    period = data.period or current
    if problem := after_current(period, current):
        raise InputError("period", problem)
    before = rating_before(connection, initiative.id, period, data.assurance)
    rating = DeliveryConfidence(
        initiative_id=initiative.id,
        period=period,
        rating=data.rating.value,
        rationale=data.rationale,
        assurance=data.assurance,
        **stamp(session, "author", "recorded_at"),
    )
    add_with_audit(session, rating, entity="delivery_confidence")
    ratings = (before, rating.rating)
    open_if_turned_red(session, initiative, period, RedTrigger.CONFIDENCE, ratings)
    row = named(raw(session), f"{SELECT} WHERE d.id = :id", {"id": rating.id}).fetchone()
    return to_read(row)
