"""Delivery confidence: each period, a forward-looking rating on the five-point scale with
its rationale, kept apart from the RAG criteria, and optionally an independent assurance
rating beside the team's own. Like a RAG it is never recorded for a period after the
current one, and never overwritten: a later rating for the same period replaces it and
both are kept. A rating that turns the initiative Red opens its Response to Red."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from store.audit import add_with_audit, stamp
from store.benefits.inputs import ConfidenceIn
from store.benefits.read_models import ConfidenceRead
from store.benefits.responses import open_if_turned_red
from store.benefits.types import Confidence, RedTrigger
from store.errors import InputError
from store.models import DeliveryConfidence
from store.periods import after_current
from store.portfolio.queries import current_period
from store.portfolio.services import initiative_by_code
from store.rows import columns, named, raw
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input

_SELECT = """
SELECT d.id, i.code, d.period, d.rating, d.rationale, d.assurance, d.author, d.recorded_at
FROM delivery_confidence AS d JOIN initiative AS i ON i.id = d.initiative_id
"""
# The rating in force for an initiative, source and period: the latest recorded for it.
_IN_FORCE = """NOT EXISTS (SELECT 1 FROM delivery_confidence AS n
    WHERE n.initiative_id = d.initiative_id AND n.assurance = d.assurance
      AND n.period = d.period AND n.id > d.id)"""


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
    row = named(raw(session), f"{_SELECT} WHERE d.id = :id", {"id": rating.id}).fetchone()
    return _to_read(row)


def rating_before(
    connection: sqlite3.Connection, initiative_id: int, period: str, assurance: bool
) -> str | None:
    """The rating in force for `period` (or the latest earlier one) before a new save."""
    row = connection.execute(
        "SELECT rating FROM delivery_confidence WHERE initiative_id = :i AND assurance = :a "
        "AND period <= :p ORDER BY period DESC, id DESC LIMIT 1",
        {"i": initiative_id, "a": assurance, "p": period},
    ).fetchone()
    return row[0] if row else None


def _to_read(row) -> ConfidenceRead:
    return ConfidenceRead(
        **columns(row, rating=Confidence(row["rating"]), assurance=bool(row["assurance"]))
    )


def confidence_history(connection: sqlite3.Connection, code: str) -> list[ConfidenceRead]:
    """An initiative's ratings in force, newest period first, the team's before the
    independent assurance rating of the same period."""
    sql = f"{_SELECT} WHERE i.code = :code AND {_IN_FORCE} ORDER BY d.period DESC, d.assurance"
    return [_to_read(row) for row in named(connection, sql, {"code": code.strip().upper()})]


def confidence_in_period(connection: sqlite3.Connection, period: str) -> list[ConfidenceRead]:
    """Every initiative's ratings in force for `period`, in register order."""
    sql = f"{_SELECT} WHERE d.period = :period AND {_IN_FORCE} ORDER BY i.tree_path, d.assurance"
    return [_to_read(row) for row in named(connection, sql, {"period": period})]
