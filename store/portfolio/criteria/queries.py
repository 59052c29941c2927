"""Reads of the RAG criteria, as plain SQL on a DB-API connection."""

from __future__ import annotations

import sqlite3

from store.portfolio.criteria.read_models import CriterionRow
from store.portfolio.queries import overall_criterion_id
from store.rows import columns, named

# Each criterion's assessments are counted on their own: for one criterion that is a
# third of the time of grouping them all (400,000 assessments: about 25 ms each).
_SELECT = """
    SELECT c.id, c.name, c.description, c.position, c.active, c.version,
           (SELECT COUNT(*) FROM rag_assessment AS a WHERE a.criterion_id = c.id) AS assessments
    FROM rag_criterion AS c
"""


def _rows(connection: sqlite3.Connection, where: str, params: dict) -> list[CriterionRow]:
    headline = overall_criterion_id(connection)
    rows = named(
        connection,
        f"{_SELECT} {where} ORDER BY NOT c.active, c.position, lower(c.name), c.id",
        params,
    )
    return [
        CriterionRow(**columns(row, active=bool(row["active"]), headline=row["id"] == headline))
        for row in rows
    ]


def criteria_rows(connection: sqlite3.Connection, *, retired: bool = True) -> list[CriterionRow]:
    """The criteria in order (the headline first), then the retired ones by name
    unless `retired` is False."""
    return _rows(connection, "" if retired else "WHERE c.active", {})


def criterion_row(connection: sqlite3.Connection, criterion_id: int) -> CriterionRow | None:
    """One criterion by id, or None when there is none."""
    found = _rows(connection, "WHERE c.id = :id", {"id": criterion_id})
    return found[0] if found else None
