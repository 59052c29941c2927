"""Reads for risks and the heat map, as plain SQL on a DB-API connection."""

from __future__ import annotations

import sqlite3

from store.programme.risks.read_models import HeatMap, RiskRead
from store.rows import as_date, columns, named
from store.sql import where, window

_SELECT = """
SELECT r.id, i.code, i.name AS initiative_name, r.description, r.cause, r.effect,
       r.likelihood, r.impact, r.proximity, r.owner, r.mitigation, r.status, r.roam,
       r.raised_by, r.raised_at, r.version
FROM risk AS r JOIN initiative AS i ON i.id = r.initiative_id
"""

_RANK = "r.likelihood * r.impact DESC, r.impact DESC, i.tree_path, r.id"
_ORDER = f"ORDER BY {_RANK}"


def _to_read(row: sqlite3.Row) -> RiskRead:
    return RiskRead(**columns(row, proximity=as_date(row["proximity"])))


def list_risks(
    connection: sqlite3.Connection,
    code: str | None = None,
    *,
    include_closed: bool = True,
    offset: int = 0,
    limit: int = -1,
) -> list[RiskRead]:
    """Risks, highest score first, for one initiative code or all."""
    params: dict = {}
    clauses = []
    if code:
        params["code"] = code.strip().upper()
        clauses.append("i.code = :code")
    if not include_closed:
        clauses.append("r.status = 'open'")
    sql = f"{_SELECT} {where(clauses)} {_ORDER} {window(limit, offset, params)}"
    return [_to_read(row) for row in named(connection, sql, params)]


def risks_of(connection: sqlite3.Connection, initiative_id: int) -> list[RiskRead]:
    """One initiative's risks: open ones first, then by score."""
    sql = f"{_SELECT} WHERE r.initiative_id = :id ORDER BY r.status = 'closed', {_RANK}"
    return [_to_read(row) for row in named(connection, sql, {"id": initiative_id})]


def risk(connection: sqlite3.Connection, risk_id: int) -> RiskRead | None:
    """One risk by id, or None."""
    row = named(connection, f"{_SELECT} WHERE r.id = :id", {"id": risk_id}).fetchone()
    return _to_read(row) if row else None


def heat_map(connection: sqlite3.Connection, *, include_closed: bool = False) -> HeatMap:
    """Counts of risks per likelihood × impact cell: open risks, or all of them."""
    where = "" if include_closed else "WHERE status = 'open'"
    rows = named(
        connection,
        f"SELECT likelihood, impact, COUNT(*) AS n FROM risk {where} GROUP BY likelihood, impact",
    )
    return HeatMap({(row["likelihood"], row["impact"]): row["n"] for row in rows}, include_closed)


def risks_in_cell(
    connection: sqlite3.Connection,
    likelihood: int,
    impact: int,
    *,
    include_closed: bool = False,
    offset: int = 0,
    limit: int = 100,
) -> list[RiskRead]:
    """The risks behind one heat map cell, a window at a time."""
    status = "" if include_closed else "AND r.status = 'open'"
    params: dict = {"likelihood": likelihood, "impact": impact}
    sql = (
        f"{_SELECT} WHERE r.likelihood = :likelihood AND r.impact = :impact {status} "
        f"ORDER BY i.tree_path, r.id {window(limit, offset, params)}"
    )
    rows = named(connection, sql, params)
    return [_to_read(row) for row in rows]
