"""Programme depth for the synthetic register: risks, milestones, dependencies and savings.

Proportionate to the register: programmes carry the most risks and milestones,
workstreams the fewest; about one dependency for every three initiatives; one
savings line per business group over four financial years. Dates are set against
the end of the plan's last period, so milestones before it are mostly done.
"""

from __future__ import annotations

import random
from datetime import date

from store.generate.common import (
    GENERATOR,
    as_of,
    days,
    initiatives,
    insert,
    iso,
    person,
    stamp,
)
from store.rows import as_date

RISK_SUBJECTS = ["supplier", "funding", "skills", "data migration", "estates", "union consultation"]
RISK_TEXT = [
    "Delay in {s} may push go-live back a quarter",
    "Loss of {s} support could stop the rollout",
    "Cost of {s} may exceed the approved budget",
    "Poor {s} quality may undermine the benefits case",
]
MITIGATIONS = ["Weekly review with the SRO", "Contingency in the plan", "Second supplier lined up"]
ROAM = ["owned", "accepted", "mitigated"]
MILESTONES = {
    "programme": ["Business case approved", "Supplier appointed", "Pilot live", "Go live"],
    "project": ["Design signed off", "Build complete", "Handover"],
    "workstream": ["Ready for service"],
}
NEEDS = ["Data feed", "Trained staff", "Network upgrade", "Signed contract", "Building access"]
YEARS = [("2011/12", 2011), ("2012/13", 2012), ("2013/14", 2013), ("2014/15", 2014)]


def generate(connection, plan, rng: random.Random) -> dict[str, int]:
    """Write risks, milestones, dependencies and the savings plan for the register."""
    today = as_of(plan.last_period)
    register = initiatives(connection)
    counts = {"risks": _risks(connection, register, rng, today)}
    milestones, by_initiative = _milestones(register, rng, today)
    counts["milestones"] = insert(
        connection,
        "milestone",
        "id, initiative_id, name, baseline, forecast, actual, status, entered_by, entered_at,"
        " version",
        milestones,
    )
    counts["dependencies"] = _dependencies(connection, register, by_initiative, rng, today)
    counts.update(_savings(connection, register, rng))
    return counts


def _risks(connection, register, rng: random.Random, today: date) -> int:
    rows = []
    for row_id, _code, kind, *_ in register:
        many = {"programme": rng.randint(1, 4), "project": rng.randint(0, 2)}.get(
            kind, int(rng.random() < 0.2)
        )
        for _ in range(many):
            subject = rng.choice(RISK_SUBJECTS)
            closed = rng.random() < 0.25
            raised = days(today, -rng.randint(30, 900))
            rows.append(
                (
                    row_id,
                    rng.choice(RISK_TEXT).format(s=subject),
                    f"Reliance on {subject}",
                    "Benefits arrive later than planned",
                    rng.randint(1, 5),
                    rng.randint(1, 5),
                    days(today, rng.randint(14, 360)).isoformat() if not closed else None,
                    person(rng),
                    rng.choice(MITIGATIONS),
                    "closed" if closed else "open",
                    "resolved" if closed else rng.choice([None, *ROAM]),
                    GENERATOR,
                    stamp(raised),
                )
            )
    return insert(
        connection,
        "risk",
        "initiative_id, description, cause, effect, likelihood, impact, proximity, owner,"
        " mitigation, status, roam, raised_by, raised_at",
        rows,
    )


def _milestones(register, rng: random.Random, today: date) -> tuple[list[tuple], dict]:
    """Milestone rows, and each initiative's milestones as (id, forecast or baseline)."""
    rows: list[tuple] = []
    by_initiative: dict[int, list[tuple[int, date]]] = {}
    for row_id, _code, kind, _group, _tier, start, end in register:
        names = MILESTONES[kind]
        first, last = as_date(start), as_date(end)  # ISO text on SQLite, a date on PostgreSQL
        step = max(1, (last - first).days // len(names))
        for n, name in enumerate(names):
            baseline = days(first, step * (n + 1) - rng.randint(0, step // 2))
            slip = rng.choice([0, 0, 0, 14, 30, 60, 120])
            forecast = days(baseline, slip)
            actual, status = None, "planned"
            if baseline < today and rng.random() < 0.85:
                actual, status = forecast, "done"
            elif rng.random() < 0.03:
                status = "cancelled"
            elif baseline < days(today, 120):
                status = "in_progress"
            milestone_id = len(rows) + 1
            rows.append(
                (
                    milestone_id,
                    row_id,
                    name,
                    iso(baseline),
                    iso(forecast),
                    iso(actual) if actual else None,
                    status,
                    GENERATOR,
                    stamp(first),
                    1,
                )
            )
            by_initiative.setdefault(row_id, []).append((milestone_id, forecast))
    return rows, by_initiative


def _dependencies(connection, register, by_initiative, rng: random.Random, today: date) -> int:
    rows = []
    size = len(register)
    if size < 2:
        return 0
    for index, (row_id, _code, kind, *_rest) in enumerate(register):
        if kind == "workstream" or rng.random() > 0.4:
            continue
        upstream = register[(index + rng.randint(1, min(size - 1, 400))) % size][0]
        milestone = rng.choice(by_initiative.get(upstream, [(None, today)]))
        needed_by = days(milestone[1], rng.choice([-30, 0, 30, 60]))
        status = rng.choice(["open", "open", "agreed", "delivered", "cancelled"])
        rows.append(
            (
                upstream,
                row_id,
                rng.choice(NEEDS),
                iso(needed_by),
                rng.choice(["high", "medium", "medium", "low"]),
                status,
                milestone[0] if rng.random() < 0.7 else None,
                GENERATOR,
                stamp(today),
            )
        )
    return insert(
        connection,
        "dependency",
        "from_initiative_id, to_initiative_id, needed, needed_by, importance, status,"
        " milestone_id, entered_by, entered_at",
        rows,
    )


def _savings(connection, register, rng: random.Random) -> dict[str, int]:
    groups = connection.exec_driver_sql(
        "SELECT id, name FROM business_group ORDER BY id"
    ).fetchall()
    programmes: dict[int, list[int]] = {}
    for row_id, _code, kind, group, *_ in register:
        if kind == "programme":
            programmes.setdefault(group, []).append(row_id)
    lines, links, cells, totals = [], [], [], [0] * len(YEARS)
    for position, (group_id, name) in enumerate(groups, start=1):
        lines.append((position, f"{name} savings", group_id, position))
        owned = programmes.get(group_id, [])
        for initiative_id in sorted(rng.sample(owned, min(len(owned), rng.randint(1, 3)))):
            links.append((position, initiative_id))
        for year_id in range(1, len(YEARS) + 1):
            if rng.random() < 0.15:
                cells.append((position, year_id, None, None, None, None))
                continue
            saving = -rng.randint(5, 120)
            totals[year_id - 1] += saving
            cells.append(
                (
                    position,
                    year_id,
                    saving,
                    -rng.randint(0, 30) if rng.random() < 0.5 else None,
                    -rng.randint(0, 80),
                    -rng.randint(0, 10) if rng.random() < 0.3 else None,
                )
            )
    years = [
        (n, label, -total + rng.randint(0, 200))
        for n, ((label, _), total) in enumerate(zip(YEARS, totals, strict=True), start=1)
    ]
    return {
        "savings_years": insert(
            connection, "savings_year", "id, financial_year, budget_requirement_tenths", years
        ),
        "savings_lines": insert(
            connection, "savings_line", "id, name, business_group_id, position", lines
        ),
        "savings_links": insert(
            connection, "savings_line_initiative", "line_id, initiative_id", links
        ),
        "savings_cells": insert(
            connection,
            "savings_cell",
            "line_id, year_id, gbp_m_tenths, police_officers, police_staff, pcsos",
            cells,
        ),
    }
