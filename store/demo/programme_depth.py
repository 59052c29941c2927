"""Load the demo's risks, milestones, dependencies and §19 savings plan through the
store services, in the caller's transaction. Runs after the portfolio register."""

from __future__ import annotations

from sqlmodel import Session

from store.audit import Identity
from store.demo import programme_2011, savings_2011
from store.demo.loader import acting_as
from store.programme.dependencies.services import create_dependency
from store.programme.milestones.services import create_milestone
from store.programme.risks.services import create_risk
from store.programme.savings.services import (
    create_savings_line,
    create_savings_year,
    set_savings_cell,
)

PLANNER = "s.bhattacharya"


def load(session: Session) -> dict[str, int]:
    """Write the programme-depth demo records; return what was loaded, counted."""
    identities: dict[str, Identity] = {}

    def as_(actor: str):
        identities.setdefault(actor, Identity.of_person(actor))
        return acting_as(session, identities[actor])

    with as_(PLANNER):
        for code, name, baseline, forecast, actual, status in programme_2011.MILESTONES:
            create_milestone(
                {
                    "code": code,
                    "name": name,
                    "baseline": baseline,
                    "forecast": forecast,
                    "actual": actual,
                    "status": status,
                },
                session=session,
            )
        for (
            upstream,
            downstream,
            needed,
            by,
            importance,
            status,
            milestone,
        ) in programme_2011.DEPENDENCIES:
            create_dependency(
                {
                    "from_code": upstream,
                    "to_code": downstream,
                    "needed": needed,
                    "needed_by": by,
                    "importance": importance,
                    "status": status,
                    "milestone": milestone,
                },
                session=session,
            )
    for item in programme_2011.RISKS:
        data = dict(item)
        with as_(data.pop("raised_by")):
            create_risk(data, session=session)
    cells = 0
    with as_(PLANNER):
        for year in savings_2011.YEARS:
            create_savings_year(
                {
                    "financial_year": year,
                    "budget_requirement": savings_2011.BUDGET_REQUIREMENT[year],
                },
                session=session,
            )
        for n, (name, group, codes, gbp, officers, staff, pcsos) in enumerate(savings_2011.LINES):
            create_savings_line(
                {
                    "name": name,
                    "business_group": group,
                    "initiatives": codes,
                    "position": (n + 1) * 10,
                },
                session=session,
            )
            for i, year in enumerate(savings_2011.YEARS):
                figures = {
                    "gbp_m": gbp[i],
                    "police_officers": officers[i],
                    "police_staff": staff[i],
                    "pcsos": pcsos[i],
                }
                given = {key: value for key, value in figures.items() if value is not None}
                set_savings_cell({"line": name, "year": year, **given}, session=session)
                cells += 1
    return {
        "milestones": len(programme_2011.MILESTONES),
        "dependencies": len(programme_2011.DEPENDENCIES),
        "risks": len(programme_2011.RISKS),
        "savings lines": len(savings_2011.LINES),
        "savings cells": cells,
    }
