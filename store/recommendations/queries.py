"""Reads for the recommendations tracker, as plain SQL on a DB-API connection."""

from __future__ import annotations

import sqlite3

from store.recommendations.read_models import Completion, RecommendationRead
from store.recommendations.types import Heading
from store.rows import columns, named
from store.sql import count_where

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
    where, params = ("WHERE heading = :heading", {"heading": heading}) if heading else ("", {})
    rows = named(
        connection, f"SELECT {_COLUMNS} FROM recommendation {where} ORDER BY number", params
    )
    return [RecommendationRead(**row) for row in rows]


def recommendation(connection: sqlite3.Connection, number: int) -> RecommendationRead | None:
    """One recommendation by its number, or None."""
    row = named(
        connection, f"SELECT {_COLUMNS} FROM recommendation WHERE number = :n", {"n": number}
    )
    found = row.fetchone()
    return RecommendationRead(**found) if found else None


_SUMMARY = f"""
    COUNT(*) AS count, {count_where("status = 'complete'")} AS complete,
    {count_where("status = 'in_progress'")} AS in_progress,
    {count_where("status = 'not_started'")} AS not_started,
    COALESCE(ROUND(AVG(percent_complete)), 0) AS percent
"""


def completion(connection: sqlite3.Connection) -> tuple[list[Completion], Completion]:
    """Completion under each heading (in the stocktake's order) and overall."""
    by_heading = [
        Completion(**columns(row, percent=int(row["percent"])))
        for row in named(
            connection,
            f"SELECT heading, {_SUMMARY} FROM recommendation "
            f"GROUP BY heading ORDER BY {_HEADING_ORDER}",
        )
    ]
    row = named(connection, f"SELECT {_SUMMARY} FROM recommendation").fetchone()
    overall = Completion(**columns(row, heading=OVERALL, percent=int(row["percent"])))
    return by_heading, overall
