"""The Posting List of displaced staff, and who on it could fill a post."""

from __future__ import annotations

import sqlite3

from store.rows import as_date, columns, named
from store.sql import where, window, word_clauses
from store.star_chamber import grades
from store.star_chamber.read_models import DisplacedRow, PostingMatch

_SELECT = """
SELECT p.id, p.reference, p.name, p.grade, bg.code AS business_group, p.skills, p.listed_on,
       p.status, p.status_on, r.reference AS posted_to, p.left_reason, p.version
FROM sc_displaced AS p
JOIN business_group AS bg ON bg.id = p.business_group_id
LEFT JOIN sc_request AS r ON r.id = p.posted_request_id
"""


def _to_row(row: sqlite3.Row) -> DisplacedRow:
    dates = {name: as_date(row[name]) for name in ("listed_on", "status_on")}
    return DisplacedRow(**columns(row, **dates))


def posting_list(
    connection: sqlite3.Connection,
    *,
    status: str | None = None,
    text: str = "",
    offset: int = 0,
    limit: int = -1,
) -> list[DisplacedRow]:
    """Displaced staff, longest on the list first; optionally one status and matching words."""
    clauses, params = _filters(status, text)
    sql = _SELECT + clauses + " ORDER BY (p.status <> 'on_list'), p.listed_on, p.id "
    sql += window(limit, offset, params)
    return [_to_row(row) for row in named(connection, sql, params)]


def posting_count(
    connection: sqlite3.Connection, *, status: str | None = None, text: str = ""
) -> int:
    """How many displaced staff match."""
    clauses, params = _filters(status, text)
    sql = (
        "SELECT COUNT(*) FROM sc_displaced AS p "
        "JOIN business_group AS bg ON bg.id = p.business_group_id " + clauses
    )
    return connection.execute(sql, params).fetchone()[0]


def _filters(status: str | None, text: str) -> tuple[str, dict]:
    clauses: list[str] = []
    params: dict = {}
    if status:
        params["status"] = status
        clauses.append("p.status = :status")
    clauses += word_clauses(
        text, ("p.reference", "p.name", "p.grade", "p.skills", "bg.code"), params
    )
    return f" {where(clauses)}", params


def displaced_by_reference(connection: sqlite3.Connection, reference: str) -> DisplacedRow | None:
    """One displaced person by reference (`PL-0003`), or None."""
    sql = _SELECT + " WHERE p.reference = :reference"
    row = named(connection, sql, {"reference": reference.strip().upper()})
    row = row.fetchone()
    return _to_row(row) if row else None


def matches_for_grade(connection: sqlite3.Connection, grade: str) -> list[PostingMatch]:
    """People on the list who could fill a post of `grade`: the same band first, then one
    band away; within each, longest on the list first."""
    bands = grades.neighbours(grade)
    params = {f"band{n}": band for n, band in enumerate(bands)}
    marks = ", ".join(f":{name}" for name in params)
    rows = named(
        connection, _SELECT + f" WHERE p.status = 'on_list' AND p.grade IN ({marks})", params
    )
    people = [_to_row(row) for row in rows]
    found = [
        PostingMatch(
            person,
            grades.distance(person.grade, grade),
            grades.match_label(person.grade, grade),
        )
        for person in people
    ]
    return sorted(found, key=lambda m: (m.distance, m.person.listed_on, m.person.id))
