"""Temporary and agency engagements, and which end soon."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from store.rows import as_date, columns, named
from store.sql import window
from store.star_chamber.read_models import EngagementRow

_SELECT = """
SELECT e.id, e.reference, e.worker_name AS worker, e.staff_type, bg.code AS business_group,
       e.post_title AS post, e.grade, e.start_on, e.max_end_on, e.status, e.ended_on,
       (SELECT o.reference FROM sc_request AS o
         WHERE o.engagement_id = e.id AND NOT o.is_extension ORDER BY o.id LIMIT 1) AS origin,
       (SELECT x.reference FROM sc_request AS x
         WHERE x.engagement_id = e.id AND x.is_extension AND x.status <> 'decided'
         ORDER BY x.id LIMIT 1) AS pending_extension,
       e.version
FROM sc_engagement AS e JOIN business_group AS bg ON bg.id = e.business_group_id
"""


def _to_row(row: sqlite3.Row) -> EngagementRow:
    dates = {name: as_date(row[name]) for name in ("start_on", "max_end_on", "ended_on")}
    return EngagementRow(**columns(row, **dates))


def _filters(
    today: date, ending_within_weeks: int | None, include_ended: bool, params: dict
) -> str:
    clauses: list[str] = []
    if not include_ended or ending_within_weeks is not None:
        clauses.append("e.status = 'active'")
    if ending_within_weeks is not None:
        params["until"] = (today + timedelta(weeks=ending_within_weeks)).isoformat()
        clauses.append("e.max_end_on <= :until")
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def engagements(
    connection: sqlite3.Connection,
    *,
    today: date,
    ending_within_weeks: int | None = None,
    include_ended: bool = False,
    offset: int = 0,
    limit: int = -1,
) -> list[EngagementRow]:
    """Engagements by approved maximum end date, soonest first. With
    `ending_within_weeks`, only active ones whose maximum falls within that many weeks
    of `today` (overrun ones included)."""
    params: dict = {}
    where = _filters(today, ending_within_weeks, include_ended, params)
    sql = _SELECT + where + " ORDER BY (e.status <> 'active'), e.max_end_on, e.id "
    sql += window(limit, offset, params)
    return [_to_row(row) for row in named(connection, sql, params)]


def engagement_count(
    connection: sqlite3.Connection,
    *,
    today: date,
    ending_within_weeks: int | None = None,
    include_ended: bool = False,
) -> int:
    """How many engagements `engagements` would list."""
    params: dict = {}
    where = _filters(today, ending_within_weeks, include_ended, params)
    return connection.execute(
        f"SELECT COUNT(*) FROM sc_engagement AS e {where}", params
    ).fetchone()[0]


def engagement_by_reference(connection: sqlite3.Connection, reference: str) -> EngagementRow | None:
    """One engagement by reference (`TW-0002`), or None."""
    sql = _SELECT + " WHERE e.reference = :reference"
    row = named(connection, sql, {"reference": reference.strip().upper()})
    row = row.fetchone()
    return _to_row(row) if row else None
