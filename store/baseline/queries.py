"""Counting live initiatives by tier and complexity, and listing one cell, in SQL.

Live means any lifecycle but `closed`. Every count is one grouped query, and a
drilled-into cell is paged like any other list, so a national register of 10,000
initiatives stays instant.
"""

from __future__ import annotations

import sqlite3

from store.baseline.read_models import (
    COMPLEXITIES,
    TIERS,
    Baseline,
    BaselineCell,
    BaselineInitiative,
)
from store.errors import NotFoundError
from store.rows import columns, named
from store.sql import count_where, window

LIVE = "i.lifecycle <> 'closed'"


def _group(connection: sqlite3.Connection, business_group: str | None) -> tuple[int, str] | None:
    """(id, code) of the business group with this code (any case); None means all groups."""
    if not business_group or not business_group.strip():
        return None
    row = named(
        connection,
        "SELECT id, code FROM business_group WHERE lower(code) = lower(:code)",
        {"code": business_group.strip()},
    ).fetchone()
    if row is None:
        raise NotFoundError("business_group", f"no business group with code {business_group!r}")
    return row["id"], row["code"]


def _group_id(connection: sqlite3.Connection, business_group: str | None) -> int | None:
    group = _group(connection, business_group)
    return group[0] if group else None


def _group_clause(group_id: int | None, params: dict) -> str:
    if group_id is None:
        return ""
    params["group"] = group_id
    return " AND i.business_group_id = :group"


def baseline(connection: sqlite3.Connection, business_group: str | None = None) -> Baseline:
    """The tier × complexity matrix of live initiatives, for one business group or all."""
    group = _group(connection, business_group)
    params: dict = {}
    where = _group_clause(group[0] if group else None, params)
    found = {
        (tier, complexity): (count, digital)
        for tier, complexity, count, digital in connection.execute(
            f"""
            SELECT i.tier, i.complexity, COUNT(*), {count_where("i.data_digital")}
            FROM initiative AS i
            WHERE {LIVE} AND i.tier IS NOT NULL AND i.complexity IS NOT NULL {where}
            GROUP BY i.tier, i.complexity
            """,
            params,
        )
    }
    cells = tuple(
        BaselineCell(tier, complexity, *found.get((tier, complexity), (0, 0)))
        for tier in TIERS
        for complexity in COMPLEXITIES
    )
    unclassified, closed = connection.execute(
        f"""
        SELECT {count_where(f"{LIVE} AND (i.tier IS NULL OR i.complexity IS NULL)")},
               {count_where(f"NOT ({LIVE})")}
        FROM initiative AS i WHERE 1 = 1 {where}
        """,
        params,
    ).fetchone()
    return Baseline(group[1] if group else None, cells, unclassified, closed)


def _cell_where(
    connection: sqlite3.Connection,
    tier: str | None,
    complexity: str | None,
    business_group: str | None,
    params: dict,
) -> str:
    """Live, classified initiatives in one cell; None for tier or complexity means any."""
    where = f"{LIVE} AND i.tier IS NOT NULL AND i.complexity IS NOT NULL"
    if tier is not None:
        if tier not in TIERS:
            raise NotFoundError("tier", f"{tier!r} is not a tier")
        params["tier"] = tier
        where += " AND i.tier = :tier"
    if complexity is not None:
        if complexity not in COMPLEXITIES:
            raise NotFoundError("complexity", f"{complexity!r} is not a complexity")
        params["complexity"] = complexity
        where += " AND i.complexity = :complexity"
    return where + _group_clause(_group_id(connection, business_group), params)


def cell_count(
    connection: sqlite3.Connection,
    tier: str | None,
    complexity: str | None,
    business_group: str | None = None,
) -> int:
    """How many live initiatives one cell (or a tier, a complexity, or all) holds."""
    params: dict = {}
    where = _cell_where(connection, tier, complexity, business_group, params)
    return connection.execute(
        f"SELECT COUNT(*) FROM initiative AS i WHERE {where}", params
    ).fetchone()[0]


def cell_initiatives(
    connection: sqlite3.Connection,
    tier: str | None,
    complexity: str | None,
    business_group: str | None = None,
    *,
    offset: int = 0,
    limit: int = 100,
) -> list[BaselineInitiative]:
    """One window of the live initiatives in a cell, by business group then code."""
    params: dict = {}
    where = _cell_where(connection, tier, complexity, business_group, params)
    rows = named(
        connection,
        f"""
        SELECT i.code, i.name, i.kind, bg.code AS business_group, i.tier, i.complexity,
               i.complexity_kinds, i.lifecycle, i.data_digital, i.sro
        FROM initiative AS i JOIN business_group AS bg ON bg.id = i.business_group_id
        WHERE {where}
        ORDER BY lower(bg.code), i.code
        """
        + window(limit, offset, params),
        params,
    )
    return [
        BaselineInitiative(
            **columns(
                row,
                complexity_kinds=tuple(kind for kind in row["complexity_kinds"].split(",") if kind),
                data_digital=bool(row["data_digital"]),
            )
        )
        for row in rows
    ]
