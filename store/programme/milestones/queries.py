"""Reads for milestones and the programme timeline, as plain SQL on a DB-API connection.

"Overdue" is decided in SQL against a day passed in as a parameter: the reporting date
(`store.portfolio.queries.reporting_date`: the end of the current reporting period, or
today while that period runs) unless the caller gives the day it reports as at (the
board pack gives its period's).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from store.portfolio.queries import overall_criterion_id, reporting_date
from store.programme.milestones.read_models import MilestoneRead, TimelineMark, TimelineRow
from store.programme.milestones.rules import OVERDUE_SQL
from store.rows import as_date, columns, named
from store.sql import where, window, word_clauses

# A child's tree_path is its parent's plus this separator and its own code.
TREE_SEPARATOR = "\x1f"

_SELECT = f"""
    SELECT m.id, i.code, i.name AS initiative_name, m.name, m.baseline, m.forecast, m.actual,
           m.status, {OVERDUE_SQL} AS overdue, m.version
    FROM milestone AS m JOIN initiative AS i ON i.id = m.initiative_id
"""


def _to_read(row: sqlite3.Row) -> MilestoneRead:
    return MilestoneRead(
        **columns(
            row,
            baseline=as_date(row["baseline"]),
            forecast=as_date(row["forecast"]),
            actual=as_date(row["actual"]),
            overdue=bool(row["overdue"]),
        )
    )


def as_at_param(connection: sqlite3.Connection, as_at: date | None = None) -> str:
    """The day overdue is decided on (`as_at`, else the reporting date), as the ISO string
    SQL compares stored dates with."""
    return (as_at or reporting_date(connection)).isoformat()


def list_milestones(
    connection: sqlite3.Connection,
    code: str | None = None,
    *,
    overdue_only: bool = False,
    as_at: date | None = None,
    offset: int = 0,
    limit: int = -1,
) -> list[MilestoneRead]:
    """Milestones in hierarchy then baseline order, for one initiative code or all;
    overdue as at `as_at` (default: the reporting date)."""
    params: dict = {"today": as_at_param(connection, as_at)}
    clauses = []
    if code:
        params["code"] = code.strip().upper()
        clauses.append("i.code = :code")
    if overdue_only:
        clauses.append(OVERDUE_SQL)
    sql = f"{_SELECT} {where(clauses)} ORDER BY i.tree_path, m.baseline, m.id "
    sql += window(limit, offset, params)
    return [_to_read(row) for row in named(connection, sql, params)]


def milestones_of(connection: sqlite3.Connection, initiative_id: int) -> list[MilestoneRead]:
    """One initiative's milestones, by baseline date."""
    sql = f"{_SELECT} WHERE m.initiative_id = :id ORDER BY m.baseline, m.id"
    rows = named(connection, sql, {"today": as_at_param(connection), "id": initiative_id})
    return [_to_read(row) for row in rows]


def milestone(connection: sqlite3.Connection, milestone_id: int) -> MilestoneRead | None:
    """One milestone by id, or None."""
    row = named(
        connection,
        f"{_SELECT} WHERE m.id = :id",
        {"today": as_at_param(connection), "id": milestone_id},
    ).fetchone()
    return _to_read(row) if row else None


def milestone_names(connection: sqlite3.Connection, code: str) -> list[str]:
    """The names of one initiative's milestones, by baseline date: for pickers."""
    rows = connection.execute(
        "SELECT m.name FROM milestone AS m JOIN initiative AS i ON i.id = m.initiative_id "
        "WHERE i.code = :code ORDER BY m.baseline, m.id",
        {"code": code.strip().upper()},
    )
    return [row[0] for row in rows]


# ------------------------------------------------------------------ timeline


@dataclass(frozen=True, slots=True)
class TimelineQuery:
    """Which programmes the timeline shows: all, or those matching every word of `text`."""

    text: str = ""


def _timeline_where(query: TimelineQuery, params: dict) -> str:
    words = word_clauses(query.text, ("i.code", "i.name", "bg.code"), params)
    return where(["i.kind = 'programme'", *words])


_TIMELINE_FROM = """
FROM initiative AS i
JOIN business_group AS bg ON bg.id = i.business_group_id
LEFT JOIN current_rag AS cr ON cr.initiative_id = i.id AND cr.criterion_id = :overall
"""


def timeline_count(connection: sqlite3.Connection, query: TimelineQuery) -> int:
    """How many programmes the timeline query matches."""
    params: dict = {"overall": overall_criterion_id(connection)}
    sql = f"SELECT COUNT(*) {_TIMELINE_FROM} {_timeline_where(query, params)}"
    return connection.execute(sql, params).fetchone()[0]


def timeline_page(
    connection: sqlite3.Connection, query: TimelineQuery, *, offset: int = 0, limit: int = 100
) -> list[TimelineRow]:
    """One window of programmes in hierarchy order, each with its milestones and those of
    everything under it. Two queries per window, whatever its size."""
    params: dict = {"overall": overall_criterion_id(connection)}
    sql = f"""
        SELECT i.id, i.code, i.name, bg.code AS business_group, i.start_date, i.end_date,
               cr.rag
        {_TIMELINE_FROM} {_timeline_where(query, params)}
        ORDER BY i.tree_path {window(limit, offset, params)}
    """
    programmes = named(connection, sql, params).fetchall()
    if not programmes:
        return []
    marks = _marks(connection, [row["id"] for row in programmes])
    return [
        TimelineRow(
            **columns(
                row,
                start_date=as_date(row["start_date"]),
                end_date=as_date(row["end_date"]),
                marks=tuple(marks.get(row["id"], ())),
            )
        )
        for row in programmes
    ]


def _marks(connection: sqlite3.Connection, ids: list[int]) -> dict[int, list[TimelineMark]]:
    holes = ", ".join(f":id{n}" for n in range(len(ids)))
    select = f"""
        SELECT p.id AS programme, m.name, c.code, COALESCE(m.actual, m.forecast, m.baseline) AS due,
               m.status, {OVERDUE_SQL} AS overdue, m.id AS mid"""
    # Two indexed lookups rather than one join with OR, which would scan every initiative:
    # the programme's own milestones, then those of everything under it (by tree_path).
    sql = f"""
        {select}
        FROM initiative AS p JOIN initiative AS c ON c.id = p.id
        JOIN milestone AS m ON m.initiative_id = c.id
        WHERE p.id IN ({holes})
        UNION ALL
        {select}
        FROM initiative AS p
        JOIN initiative AS c
          ON c.tree_path > p.tree_path || :sep AND c.tree_path < p.tree_path || :end
        JOIN milestone AS m ON m.initiative_id = c.id
        WHERE p.id IN ({holes})
        ORDER BY 1, 4, 7
    """
    params = {f"id{n}": value for n, value in enumerate(ids)}
    params.update(
        today=as_at_param(connection), sep=TREE_SEPARATOR, end=chr(ord(TREE_SEPARATOR) + 1)
    )
    found: dict[int, list[TimelineMark]] = {}
    for row in named(connection, sql, params):
        found.setdefault(row["programme"], []).append(
            TimelineMark(
                name=row["name"],
                code=row["code"],
                on=as_date(row["due"]),
                status=row["status"],
                overdue=bool(row["overdue"]),
            )
        )
    return found


def timeline_span(connection: sqlite3.Connection) -> tuple[date | None, date | None]:
    """The earliest programme start and latest programme end, for scrolling the timeline."""
    row = named(
        connection,
        "SELECT MIN(start_date) AS first, MAX(end_date) AS last FROM initiative "
        "WHERE kind = 'programme'",
    ).fetchone()
    return as_date(row["first"]), as_date(row["last"])
