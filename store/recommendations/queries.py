"""Reads for the recommendations tracker, as plain SQL on a DB-API connection."""

from __future__ import annotations

import sqlite3

from store.recommendations.read_models import Completion, RecommendationRead
from store.recommendations.types import Heading

OVERALL = "Overall"

_COLUMNS = (
    "id, number, heading, text, owner, status, percent_complete, updated_by, updated_at, version"
)
_HEADING_ORDER = (
    "CASE heading "
    + " ".join(f"WHEN '{heading.value}' THEN {n}" for n, heading in enumerate(Heading))
    + " ELSE 99 END"
)


def list_recommendations(
    connection: sqlite3.Connection, heading: str | None = None
) -> list[RecommendationRead]:
    """Every recommendation by number, or only those under one heading."""
    if heading:
        rows = connection.execute(
            f"SELECT {_COLUMNS} FROM recommendation WHERE heading = ? ORDER BY number", (heading,)
        )
    else:
        rows = connection.execute(f"SELECT {_COLUMNS} FROM recommendation ORDER BY number")
    return [RecommendationRead(*row) for row in rows]


def recommendation(connection: sqlite3.Connection, number: int) -> RecommendationRead | None:
    """One recommendation by its number, or None."""
    row = connection.execute(
        f"SELECT {_COLUMNS} FROM recommendation WHERE number = ?", (number,)
    ).fetchone()
    return RecommendationRead(*row) if row else None


_SUMMARY = """
    COUNT(*), COALESCE(SUM(status = 'complete'), 0), COALESCE(SUM(status = 'in_progress'), 0),
    COALESCE(SUM(status = 'not_started'), 0), COALESCE(ROUND(AVG(percent_complete)), 0)
"""


def completion(connection: sqlite3.Connection) -> tuple[list[Completion], Completion]:
    """Completion under each heading (in the stocktake's order) and overall."""
    by_heading = [
        Completion(row[0], row[1], row[2], row[3], row[4], int(row[5]))
        for row in connection.execute(
            f"SELECT heading, {_SUMMARY} FROM recommendation "
            f"GROUP BY heading ORDER BY {_HEADING_ORDER}"
        )
    ]
    row = connection.execute(f"SELECT {_SUMMARY} FROM recommendation").fetchone()
    overall = Completion(OVERALL, row[0], row[1], row[2], row[3], int(row[4]))
    return by_heading, overall
