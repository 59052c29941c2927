"""Reads for the savings plan, as plain SQL on a DB-API connection: four small queries,
and who last changed a cell or a year's budget requirement (for a refused save)."""

from __future__ import annotations

import sqlite3

from store.concurrency import LastChange, last_change
from store.programme.savings.read_models import (
    Figures,
    SavingsLineRead,
    SavingsPlan,
    SavingsYearRead,
)
from store.rows import columns, named


def savings_years(connection: sqlite3.Connection) -> list[SavingsYearRead]:
    """The plan's financial years, oldest first."""
    rows = named(
        connection,
        "SELECT id, financial_year, budget_requirement_tenths, version FROM savings_year "
        "ORDER BY financial_year",
    )
    return [SavingsYearRead(**row) for row in rows]


# The lines one initiative is linked to (its detail screen's Savings tab).
_LINES_OF = "(SELECT line_id FROM savings_line_initiative WHERE initiative_id = :id)"


def savings_plan(connection: sqlite3.Connection, initiative_id: int | None = None) -> SavingsPlan:
    """The §19 plan: every year and line with its figures. With `initiative_id`, only the
    lines that initiative is linked to (its detail screen's Savings tab), and only their
    links and cells are read."""
    years = savings_years(connection)
    params = {} if initiative_id is None else {"id": initiative_id}

    def only(line: str) -> str:
        """SQL: the row's `line` is one of the initiative's (TRUE for the whole plan)."""
        return "TRUE" if initiative_id is None else f"{line} IN {_LINES_OF}"

    line_rows = named(
        connection,
        f"""
        SELECT l.id, l.name, bg.code AS business_group, l.position FROM savings_line AS l
        JOIN business_group AS bg ON bg.id = l.business_group_id
        WHERE {only("l.id")} ORDER BY l.position, l.id
        """,
        params,
    ).fetchall()
    links = _linked_codes(connection, only("s.line_id"), params)
    values, versions = _cells(connection, only("c.line_id"), params)
    lines = tuple(
        SavingsLineRead(
            **columns(
                row,
                initiatives=tuple(links.get(row["id"], ())),
                values=values.get(row["id"], {}),
                versions=versions.get(row["id"], {}),
            )
        )
        for row in line_rows
    )
    return SavingsPlan(years=tuple(years), lines=lines)


def _linked_codes(connection, only: str, params: dict) -> dict[int, list[str]]:
    """Each line's initiatives' codes, in tree order. CROSS JOIN keeps the links first
    (SQLite takes it as the join order): they are read and sorted, rather than every
    initiative walked in tree order (100,000 in a large portfolio)."""
    links: dict[int, list[str]] = {}
    for line_id, code in connection.execute(
        "SELECT s.line_id, i.code FROM savings_line_initiative AS s "
        f"CROSS JOIN initiative AS i WHERE i.id = s.initiative_id AND {only} ORDER BY i.tree_path",
        params,
    ):
        links.setdefault(line_id, []).append(code)
    return links


def _cells(connection, only: str, params: dict) -> tuple[dict, dict]:
    """Each line's figures and their versions, by financial year."""
    values: dict[int, dict[str, Figures]] = {}
    versions: dict[int, dict[str, int]] = {}
    for row in named(
        connection,
        "SELECT c.line_id, y.financial_year, c.gbp_m_tenths, c.police_officers, "
        "c.police_staff, c.pcsos, c.version FROM savings_cell AS c "
        f"JOIN savings_year AS y ON y.id = c.year_id WHERE {only}",
        params,
    ):
        cell = columns(row)
        line_id, year = cell.pop("line_id"), cell.pop("financial_year")
        versions.setdefault(line_id, {})[year] = cell.pop("version")
        values.setdefault(line_id, {})[year] = Figures(**cell)
    return values, versions


def last_cell_change(connection: sqlite3.Connection, line: str, year: str) -> LastChange | None:
    """Who last changed one line's figures for one financial year (None if never set)."""
    row = connection.execute(
        "SELECT c.id FROM savings_cell AS c JOIN savings_line AS l ON l.id = c.line_id "
        "JOIN savings_year AS y ON y.id = c.year_id "
        "WHERE l.name = :line AND y.financial_year = :year",
        {"line": line, "year": year},
    ).fetchone()
    return last_change(connection, "savings_cell", row[0]) if row else None


def last_requirement_change(connection: sqlite3.Connection, year: str) -> LastChange | None:
    """Who last changed a financial year's budget requirement (None if never)."""
    row = connection.execute(
        "SELECT id FROM savings_year WHERE financial_year = :year", {"year": year}
    ).fetchone()
    return last_change(connection, "savings_year", row[0]) if row else None
