"""Establishment figures and the vacancy-factor check, in plain SQL."""

from __future__ import annotations

import sqlite3
from datetime import date

from store.rows import as_date, columns, named
from store.star_chamber.read_models import EstablishmentRow
from store.star_chamber.rules import (
    Figures,
    Impact,
    assess_approval,
    financial_year_bounds,
    financial_year_of,
)
from store.star_chamber.types import StaffGroup

APPROVALS = "('approved','approved_with_conditions')"

# One group's figures, named as `Figures` and `EstablishmentRow` name them.
_FIGURES = """
    bg.code AS business_group, e.financial_year, e.budgeted_fte_x100 AS budgeted_x100,
    e.strength_fte_x100 AS strength_x100, e.start_strength_fte_x100 AS start_strength_x100,
    e.reduction_fte_x100 AS reduction_x100, e.target_vacancy_pct_x10 AS target_pct_x10,
    e.as_of
"""
_FROM = "FROM sc_establishment AS e JOIN business_group AS bg ON bg.id = e.business_group_id"


def figures_for(connection: sqlite3.Connection, group_code: str, on: date) -> Figures | None:
    """A group's police staff figures for the financial year containing `on`."""
    year = financial_year_of(on)
    row = named(
        connection,
        f"SELECT {_FIGURES} {_FROM} "
        "WHERE bg.code = :group AND e.staff_group = :staff_group AND e.financial_year = :year",
        {"group": group_code, "staff_group": StaffGroup.POLICE_STAFF.value, "year": year},
    ).fetchone()
    if row is None:
        return None
    return Figures(**columns(row, as_of=as_date(row["as_of"])))


def committed_x100(
    connection: sqlite3.Connection,
    group_code: str,
    financial_year: str,
    since: date,
    exclude_request_id: int | None = None,
) -> int:
    """FTE approved (and still in force) for the group at meetings held since `since`,
    in the year: new posts and workers only, not extensions. A correction keeps the
    date of the meeting whose decision it corrects."""
    _, last = financial_year_bounds(financial_year)
    row = connection.execute(
        f"""
        SELECT COALESCE(SUM(r.fte_x100), 0)
        FROM sc_request AS r
        JOIN business_group AS bg ON bg.id = r.business_group_id
        JOIN sc_meeting AS m ON m.id = r.meeting_id
        WHERE bg.code = :group AND r.status = 'decided' AND r.outcome IN {APPROVALS}
          AND NOT r.is_extension AND m.held_on >= :since AND m.held_on <= :last
          AND r.id IS DISTINCT FROM :exclude
        """,
        {
            "group": group_code,
            "since": since.isoformat(),
            "last": last.isoformat(),
            "exclude": exclude_request_id,
        },
    ).fetchone()
    return row[0]


def impact_of_approval(
    connection: sqlite3.Connection,
    *,
    group_code: str,
    on: date,
    adds_x100: int,
    exclude_request_id: int | None = None,
) -> Impact:
    """What approving `adds_x100` FTE for the group at a meeting on `on` would do."""
    figures = figures_for(connection, group_code, on)
    committed = 0
    if figures is not None:
        committed = committed_x100(
            connection, group_code, figures.financial_year, figures.as_of, exclude_request_id
        )
    return assess_approval(
        business_group=group_code,
        on=on,
        adds_x100=adds_x100,
        figures=figures,
        committed_x100=committed,
    )


def establishment_rows(
    connection: sqlite3.Connection, financial_year: str | None = None
) -> list[EstablishmentRow]:
    """Every group's figures for a financial year (the latest recorded one by default),
    by group then staff group; police staff rows include approvals since the count."""
    if financial_year is None:
        row = connection.execute("SELECT MAX(financial_year) FROM sc_establishment").fetchone()
        financial_year = row[0]
        if financial_year is None:
            return []
    rows = named(
        connection,
        f"""
        SELECT {_FIGURES}, bg.name AS business_group_name, e.staff_group, e.version {_FROM}
        WHERE e.financial_year = :year
        ORDER BY lower(bg.code),
                 CASE e.staff_group WHEN 'police_officers' THEN 0
                                    WHEN 'police_staff' THEN 1 ELSE 2 END
        """,
        {"year": financial_year},
    ).fetchall()
    result = []
    for row in rows:
        as_of = as_date(row["as_of"])
        committed = 0
        if row["staff_group"] == StaffGroup.POLICE_STAFF.value:
            committed = committed_x100(
                connection, row["business_group"], row["financial_year"], as_of
            )
        result.append(EstablishmentRow(**columns(row, as_of=as_of, committed_x100=committed)))
    return result


def financial_years(connection: sqlite3.Connection) -> list[str]:
    """Financial years with figures recorded, newest first."""
    rows = connection.execute(
        "SELECT DISTINCT financial_year FROM sc_establishment ORDER BY financial_year DESC"
    )
    return [row[0] for row in rows]
