"""Decisions as the minutes and a request's history show them."""

from __future__ import annotations

import json
import sqlite3

from store.star_chamber.queries.common import as_date
from store.star_chamber.read_models import DecisionRead

_SELECT = """
SELECT d.id, r.reference, m.held_on, d.outcome, d.reason, d.conditions, d.posting_step,
       p.reference, p.name, d.none_suitable_reason, d.override_reason, d.impact_json,
       d.approved_weeks, d.engagement_end_after, d.supersedes_id, d.correction_reason,
       s.id, d.decided_on, d.recorded_by, d.recorded_at
FROM sc_decision AS d
JOIN sc_request AS r ON r.id = d.request_id
JOIN sc_meeting AS m ON m.id = d.meeting_id
LEFT JOIN sc_displaced AS p ON p.id = d.posted_person_id
LEFT JOIN sc_decision AS s ON s.supersedes_id = d.id
"""


def _to_decision(row: tuple) -> DecisionRead:
    impact = json.loads(row[11]) if row[11] else {}
    return DecisionRead(
        id=row[0],
        reference=row[1],
        meeting=as_date(row[2]),
        outcome=row[3],
        reason=row[4],
        conditions=row[5],
        posting_step=row[6],
        posted_reference=row[7],
        posted_name=row[8],
        none_suitable_reason=row[9],
        override_reason=row[10],
        warnings=tuple(impact.get("warnings", ())),
        figures=tuple(impact.get("summary", ())),
        approved_weeks=row[12],
        engagement_end_after=as_date(row[13]),
        supersedes_id=row[14],
        correction_reason=row[15],
        superseded_by_id=row[16],
        decided_on=as_date(row[17]),
        recorded_by=row[18],
        recorded_at=row[19],
    )


def decisions_on_request(connection: sqlite3.Connection, request_id: int) -> list[DecisionRead]:
    """Every decision on a request, oldest first (superseded ones included)."""
    rows = connection.execute(_SELECT + " WHERE d.request_id = ? ORDER BY d.id", (request_id,))
    return [_to_decision(row) for row in rows]


def decisions_at_meeting(connection: sqlite3.Connection, meeting_id: int) -> list[DecisionRead]:
    """Every decision recorded against a meeting, oldest first (corrections included)."""
    rows = connection.execute(_SELECT + " WHERE d.meeting_id = ? ORDER BY d.id", (meeting_id,))
    return [_to_decision(row) for row in rows]


def decision_by_id(connection: sqlite3.Connection, decision_id: int) -> DecisionRead | None:
    """One decision, or None."""
    row = connection.execute(_SELECT + " WHERE d.id = ?", (decision_id,)).fetchone()
    return _to_decision(row) if row else None


def latest_live_decision(connection: sqlite3.Connection, request_id: int) -> DecisionRead | None:
    """The request's most recent decision that no later decision supersedes."""
    row = connection.execute(
        _SELECT + " WHERE d.request_id = ? AND s.id IS NULL ORDER BY d.id DESC LIMIT 1",
        (request_id,),
    ).fetchone()
    return _to_decision(row) if row else None
