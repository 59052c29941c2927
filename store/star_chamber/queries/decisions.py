"""Decisions as the minutes and a request's history show them."""

from __future__ import annotations

import json
import sqlite3

from store.rows import as_date, columns, named
from store.star_chamber.read_models import DecisionRead

_SELECT = """
SELECT d.id, r.reference, m.held_on AS meeting, d.outcome, d.reason, d.conditions,
       d.posting_step, p.reference AS posted_reference, p.name AS posted_name,
       d.none_suitable_reason, d.override_reason, d.impact_json, d.approved_weeks,
       d.engagement_end_after, d.supersedes_id, d.correction_reason,
       s.id AS superseded_by_id, d.decided_on, d.recorded_by, d.recorded_at
FROM sc_decision AS d
JOIN sc_request AS r ON r.id = d.request_id
JOIN sc_meeting AS m ON m.id = d.meeting_id
LEFT JOIN sc_displaced AS p ON p.id = d.posted_person_id
LEFT JOIN sc_decision AS s ON s.supersedes_id = d.id
"""


def _to_decision(row: sqlite3.Row) -> DecisionRead:
    values = columns(
        row,
        meeting=as_date(row["meeting"]),
        engagement_end_after=as_date(row["engagement_end_after"]),
        decided_on=as_date(row["decided_on"]),
    )
    impact = json.loads(values.pop("impact_json") or "{}")
    return DecisionRead(
        **values,
        warnings=tuple(impact.get("warnings", ())),
        figures=tuple(impact.get("summary", ())),
    )


def decisions_on_request(connection: sqlite3.Connection, request_id: int) -> list[DecisionRead]:
    """Every decision on a request, oldest first (superseded ones included)."""
    sql = _SELECT + " WHERE d.request_id = :id ORDER BY d.id"
    rows = named(connection, sql, {"id": request_id})
    return [_to_decision(row) for row in rows]


def decisions_at_meeting(connection: sqlite3.Connection, meeting_id: int) -> list[DecisionRead]:
    """Every decision recorded against a meeting, oldest first (corrections included)."""
    sql = _SELECT + " WHERE d.meeting_id = :id ORDER BY d.id"
    rows = named(connection, sql, {"id": meeting_id})
    return [_to_decision(row) for row in rows]


def decision_by_id(connection: sqlite3.Connection, decision_id: int) -> DecisionRead | None:
    """One decision, or None."""
    row = named(connection, _SELECT + " WHERE d.id = :id", {"id": decision_id}).fetchone()
    return _to_decision(row) if row else None


def latest_live_decision(connection: sqlite3.Connection, request_id: int) -> DecisionRead | None:
    """The request's most recent decision that no later decision supersedes."""
    row = named(
        connection,
        _SELECT + " WHERE d.request_id = :id AND s.id IS NULL ORDER BY d.id DESC LIMIT 1",
        {"id": request_id},
    ).fetchone()
    return _to_decision(row) if row else None
