"""Reads for the benefits register, as plain SQL on a DB-API connection: benefits with
their plans and where they stand as at a reporting date, measurements, and the totals by
business group and tier. A cashable benefit's plan is read from its §19 savings line."""

from __future__ import annotations

import sqlite3
from datetime import date

from store.benefits.read_models import BenefitRead, MeasurementRead, PlanPoint
from store.benefits.realisation import realise
from store.benefits.values import TENTHS_TO_MILLI, profile_points
from store.rows import as_date, columns, named
from store.sql import where

_SELECT = """
SELECT b.id, i.code, i.name AS initiative_name, bg.code AS business_group, i.tier,
       b.name, b.description, b.kind, b.owner, b.measure, b.unit, b.baseline_value,
       b.baseline_on, b.target_value, b.target_on, b.profile, b.savings_line_id,
       l.name AS savings_line, b.entered_by, b.version
FROM benefit AS b
JOIN initiative AS i ON i.id = b.initiative_id
JOIN business_group AS bg ON bg.id = i.business_group_id
LEFT JOIN savings_line AS l ON l.id = b.savings_line_id
"""
_ORDER = "ORDER BY i.tree_path, b.name, b.id"

# A measurement counts unless a correction supersedes it.
_LIVE = "NOT EXISTS (SELECT 1 FROM benefit_measurement AS c WHERE c.supersedes_id = m.id)"


def year_end(financial_year: str) -> date:
    """The last day of a financial year written `2011/12`: 2012-03-31."""
    return date(int(financial_year[:4]) + 1, 3, 31)


def line_plans(connection: sqlite3.Connection) -> dict[int, tuple[PlanPoint, ...]]:
    """Each savings line's £m by financial year as plan points (thousandths of £m, at
    each year's end): the planned profile of the cashable benefit that names the line."""
    rows = connection.execute(
        "SELECT c.line_id, y.financial_year, c.gbp_m_tenths FROM savings_cell AS c "
        "JOIN savings_year AS y ON y.id = c.year_id WHERE c.gbp_m_tenths IS NOT NULL "
        "ORDER BY y.financial_year"
    )
    plans: dict[int, list[PlanPoint]] = {}
    for line_id, year, tenths in rows:
        plans.setdefault(line_id, []).append(PlanPoint(year_end(year), tenths * TENTHS_TO_MILLI))
    return {line: tuple(points) for line, points in plans.items()}


def _measured(connection: sqlite3.Connection, clauses: list[str], params: dict) -> dict:
    sql = (
        "SELECT m.benefit_id, m.measured_on, m.value FROM benefit_measurement AS m "
        f"JOIN benefit AS b ON b.id = m.benefit_id JOIN initiative AS i ON i.id = b.initiative_id "
        f"{where([*clauses, _LIVE])} ORDER BY m.measured_on, m.id"
    )
    found: dict[int, list[tuple[date, int]]] = {}
    for benefit_id, on, value in connection.execute(sql, params):
        found.setdefault(benefit_id, []).append((as_date(on), value))
    return found


def _to_read(row, plans: dict, measured: dict, as_at: date) -> BenefitRead:
    values = columns(row)
    line_id = values.pop("savings_line_id")
    stored = profile_points(values.pop("profile"))
    plan = plans.get(line_id, ()) if line_id else tuple(PlanPoint(*p) for p in stored)
    if line_id:  # cashable: the target is the line's last year
        values["target_value"] = plan[-1].value if plan else None
        values["target_on"] = plan[-1].on if plan else None
    values["baseline_on"] = as_date(values["baseline_on"])
    values["target_on"] = as_date(values["target_on"])
    realisation = realise(
        values["kind"],
        values["baseline_value"],
        values["target_value"],
        plan,
        measured.get(values["id"], ()),
        as_at,
    )
    return BenefitRead(**values, plan=plan, realisation=realisation)


def list_benefits(
    connection: sqlite3.Connection,
    code: str | None = None,
    *,
    as_at: date,
    behind: bool = False,
    benefit_id: int | None = None,
) -> list[BenefitRead]:
    """Benefits in register order, all or one initiative's (or one by id), each as at
    `as_at`; `behind`: only those behind their profile."""
    params: dict = {}
    clauses = []
    if code:
        params["code"] = code.strip().upper()
        clauses.append("i.code = :code")
    if benefit_id is not None:
        params["id"] = benefit_id
        clauses.append("b.id = :id")
    rows = named(connection, f"{_SELECT} {where(clauses)} {_ORDER}", params).fetchall()
    plans = line_plans(connection)
    measured = _measured(connection, clauses, params)
    found = [_to_read(row, plans, measured, as_at) for row in rows]
    return [item for item in found if item.realisation.behind] if behind else found


def benefit(connection: sqlite3.Connection, benefit_id: int, as_at: date) -> BenefitRead | None:
    """One benefit by id as at `as_at`, or None."""
    found = list_benefits(connection, as_at=as_at, benefit_id=benefit_id)
    return found[0] if found else None


def measurements(connection: sqlite3.Connection, benefit_id: int) -> list[MeasurementRead]:
    """Every measurement of a benefit, oldest first, superseded ones with what superseded
    them (a correction counts once: only the latest of a chain is live)."""
    rows = named(
        connection,
        "SELECT m.id, m.benefit_id, m.measured_on, m.value, m.note, m.supersedes_id, "
        "(SELECT c.id FROM benefit_measurement AS c WHERE c.supersedes_id = m.id) "
        "AS superseded_by, m.entered_by, m.entered_at FROM benefit_measurement AS m "
        "WHERE m.benefit_id = :id ORDER BY m.measured_on, m.id",
        {"id": benefit_id},
    )
    return [
        MeasurementRead(**columns(row, measured_on=as_date(row["measured_on"]))) for row in rows
    ]
