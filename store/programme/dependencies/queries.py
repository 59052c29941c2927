"""Reads for dependencies and the matrix, as plain SQL on a DB-API connection.

The at-risk rule is one SQL expression, so lists, the matrix and the detail screen
agree: an open or agreed dependency is at risk when its upstream initiative's overall
RAG is Red, or when the upstream milestone it relies on is expected (actual, else
forecast, else baseline) after the date it is needed by.
"""

from __future__ import annotations

import sqlite3

from store.portfolio.queries import overall_criterion_id
from store.programme.dependencies.read_models import (
    DependencyMatrix,
    DependencyRead,
    MatrixCell,
    MatrixNode,
)
from store.rows import as_date, columns, named
from store.sql import count_where, where, window

MILESTONE_EXPECTED_SQL = "COALESCE(m.actual, m.forecast, m.baseline)"
AT_RISK_SQL = (
    "(d.status IN ('open','agreed') AND (COALESCE(cr.rag, '') = 'R' "
    f"OR COALESCE({MILESTONE_EXPECTED_SQL} > d.needed_by, FALSE)))"
)

_FROM = """
FROM dependency AS d
JOIN initiative AS f ON f.id = d.from_initiative_id
JOIN initiative AS t ON t.id = d.to_initiative_id
LEFT JOIN milestone AS m ON m.id = d.milestone_id
LEFT JOIN current_rag AS cr
    ON cr.initiative_id = d.from_initiative_id AND cr.criterion_id = :overall
"""

_SELECT = f"""
SELECT d.id, f.code AS from_code, f.name AS from_name, t.code AS to_code, t.name AS to_name,
       d.needed, d.needed_by, d.importance, d.status, m.name AS milestone,
       {MILESTONE_EXPECTED_SQL} AS milestone_expected, cr.rag AS upstream_rag,
       {AT_RISK_SQL} AS at_risk, d.version
{_FROM}
"""

_ORDER = (
    "ORDER BY d.needed_by, CASE d.importance WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,"
    " d.id"
)


def _to_read(row: sqlite3.Row) -> DependencyRead:
    return DependencyRead(
        **columns(
            row,
            needed_by=as_date(row["needed_by"]),
            milestone_expected=as_date(row["milestone_expected"]),
            at_risk=bool(row["at_risk"]),
        )
    )


def list_dependencies(
    connection: sqlite3.Connection,
    code: str | None = None,
    *,
    at_risk_only: bool = False,
    offset: int = 0,
    limit: int = -1,
) -> list[DependencyRead]:
    """Dependencies by needed-by date, all or those to or from one initiative code."""
    params: dict = {"overall": overall_criterion_id(connection)}
    clauses = []
    if code:
        params["code"] = code.strip().upper()
        clauses.append("(f.code = :code OR t.code = :code)")
    if at_risk_only:
        clauses.append(AT_RISK_SQL)
    sql = f"{_SELECT} {where(clauses)} {_ORDER} {window(limit, offset, params)}"
    return [_to_read(row) for row in named(connection, sql, params)]


def dependency(connection: sqlite3.Connection, dependency_id: int) -> DependencyRead | None:
    """One dependency by id, or None."""
    params = {"overall": overall_criterion_id(connection), "id": dependency_id}
    row = named(connection, f"{_SELECT} WHERE d.id = :id", params).fetchone()
    return _to_read(row) if row else None


def dependencies_of(
    connection: sqlite3.Connection, initiative_id: int
) -> tuple[list[DependencyRead], list[DependencyRead]]:
    """(incoming, outgoing) for one initiative: what it relies on others for, and what
    others rely on it for."""
    params = {"overall": overall_criterion_id(connection), "id": initiative_id}
    incoming = named(connection, f"{_SELECT} WHERE d.to_initiative_id = :id {_ORDER}", params)
    incoming_rows = [_to_read(row) for row in incoming]
    outgoing = named(connection, f"{_SELECT} WHERE d.from_initiative_id = :id {_ORDER}", params)
    return incoming_rows, [_to_read(row) for row in outgoing]


def dependencies_between(
    connection: sqlite3.Connection, from_id: int, to_id: int
) -> list[DependencyRead]:
    """The dependencies from one initiative to another: a matrix cell's drill-down."""
    params = {"overall": overall_criterion_id(connection), "from": from_id, "to": to_id}
    sql = f"{_SELECT} WHERE d.from_initiative_id = :from AND d.to_initiative_id = :to {_ORDER}"
    return [_to_read(row) for row in named(connection, sql, params)]


def dependency_matrix(connection: sqlite3.Connection) -> DependencyMatrix:
    """The §16 dependencies matrix: every initiative in a live (not cancelled) dependency,
    in hierarchy order, and one cell per upstream → downstream pair."""
    params = {"overall": overall_criterion_id(connection)}
    nodes = named(
        connection,
        """
        SELECT i.id, i.code, i.name FROM initiative AS i
        WHERE i.id IN (
            SELECT from_initiative_id FROM dependency WHERE status <> 'cancelled'
            UNION SELECT to_initiative_id FROM dependency WHERE status <> 'cancelled')
        ORDER BY i.tree_path
        """,
    ).fetchall()
    cells = named(
        connection,
        f"""
        SELECT d.from_initiative_id AS from_id, d.to_initiative_id AS to_id, COUNT(*) AS count,
               MIN(CASE d.importance WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END)
                   AS importance,
               {count_where(AT_RISK_SQL)} AS at_risk
        {_FROM}
        WHERE d.status <> 'cancelled'
        GROUP BY d.from_initiative_id, d.to_initiative_id
        """,
        params,
    ).fetchall()
    importance = ("high", "medium", "low")
    return DependencyMatrix(
        nodes=tuple(MatrixNode(**row) for row in nodes),
        cells=tuple(
            MatrixCell(**columns(row, importance=importance[row["importance"]])) for row in cells
        ),
    )
