"""The board pack's programme sections: overdue milestones, top risks, dependencies at
risk and the savings plan, each from the same queries the screens use."""

from __future__ import annotations

import sqlite3
from datetime import date

from store.programme.dependencies.queries import list_dependencies
from store.programme.milestones.queries import list_milestones
from store.programme.risks.queries import list_risks
from store.programme.savings.money import tenths_to_decimal
from store.programme.savings.queries import savings_plan
from store.reports.read_models import Block, Section

TOP_RISKS = 10


def overdue_milestones(connection: sqlite3.Connection, as_at: date) -> Section:
    """Milestones past their expected date and not done, as at the pack's date."""
    rows = tuple(
        (
            m.code,
            m.name,
            m.baseline.isoformat(),
            (m.forecast or m.baseline).isoformat(),
            m.slip_days,
            m.status.replace("_", " "),
        )
        for m in list_milestones(connection, overdue_only=True, as_at=as_at)
    )
    return Section(
        "overdue_milestones",
        "Overdue milestones",
        f"Milestones not done whose expected date had passed on {as_at.isoformat()}.",
        (
            Block(
                ("Code", "Milestone", "Baseline", "Forecast", "Slip (days)", "Status"),
                rows,
                numeric_columns=(4,),
                empty="No milestone is overdue.",
            ),
        ),
    )


def top_risks(connection: sqlite3.Connection) -> Section:
    """The open risks with the highest scores."""
    rows = tuple(
        (r.code, r.description, r.likelihood, r.impact, r.score, r.owner, r.mitigation)
        for r in list_risks(connection, include_closed=False, limit=TOP_RISKS)
    )
    return Section(
        "top_risks",
        "Top risks",
        f"The {TOP_RISKS} open risks with the highest score (likelihood × impact).",
        (
            Block(
                ("Code", "Risk", "L", "I", "Score", "Owner", "Mitigation"),
                rows,
                numeric_columns=(2, 3, 4),
                empty="No open risks.",
            ),
        ),
    )


def dependencies_at_risk(connection: sqlite3.Connection) -> Section:
    """Open or agreed dependencies whose upstream is Red or will deliver too late."""
    rows = tuple(
        (
            d.from_code,
            d.to_code,
            d.needed,
            d.needed_by.isoformat(),
            d.importance,
            "; ".join(d.at_risk_reasons),
        )
        for d in list_dependencies(connection, at_risk_only=True)
    )
    return Section(
        "dependencies_at_risk",
        "Dependencies at risk",
        "Each runs from the initiative that delivers to the one that needs it.",
        (
            Block(
                ("From", "To", "Needed", "Needed by", "Importance", "Why at risk"),
                rows,
                empty="No dependency is at risk.",
            ),
        ),
    )


def _money(tenths: int | None) -> str | None:
    value = tenths_to_decimal(tenths)
    return None if value is None else f"{value:.1f}"


def savings(connection: sqlite3.Connection) -> Section:
    """The savings and headcount table with its totals and the remaining budget gap."""
    plan = savings_plan(connection)
    years = plan.year_names
    headers = (
        "Line",
        "Group",
        *(f"£m {y}" for y in years),
        *(f"Officers {y}" for y in years),
        *(f"Staff {y}" for y in years),
        *(f"PCSOs {y}" for y in years),
    )

    def figures(get) -> tuple:
        return (
            *(_money(get(y).gbp_m_tenths) for y in years),
            *(get(y).police_officers for y in years),
            *(get(y).police_staff for y in years),
            *(get(y).pcsos for y in years),
        )

    rows = [(line.name, line.business_group, *figures(line.figures)) for line in plan.lines]
    gap = (
        "Remaining budget gap",
        "",
        *(_money(plan.remaining_gap(y)) for y in years),
        *([None] * (3 * len(years))),
    )
    numeric = tuple(range(2, len(headers)))
    return Section(
        "savings",
        "Savings and headcount",
        "£m by financial year (savings are negative) and the change in each staff group. "
        "The remaining gap is the budget requirement less the savings delivered.",
        (
            Block(
                headers,
                tuple(rows),
                numeric_columns=numeric,
                totals=(("Total service improvement", "", *figures(plan.total)), gap),
                empty="No savings plan has been entered.",
            ),
        )
        if plan.lines
        else (Block(("Line",), (), empty="No savings plan has been entered."),),
    )
