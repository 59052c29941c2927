"""Small builders for test data, written through the real store services."""

from __future__ import annotations

from store.handle import Store
from store.portfolio import services
from store.portfolio.criteria.services import add_criterion
from store.types import OVERALL_CRITERION, RISKS_CRITERION


def _groups_and_criteria(session) -> None:
    services.create_business_group({"code": "TP", "name": "Territorial Policing"}, session=session)
    services.create_business_group(
        {"code": "DoR", "name": "Directorate of Resources"}, session=session
    )
    for name, about in ((OVERALL_CRITERION, "Against plan"), (RISKS_CRITERION, "Risks")):
        add_criterion({"name": name, "description": about}, session=session)


def _initiatives(session) -> None:
    services.create_initiative(
        {
            "code": "TPD",
            "name": "TP Development Programme",
            "kind": "programme",
            "business_group": "TP",
            "tier": "transformational",
            "complexity": "high",
            "sro": "AC Ruth Mallory",
            "programme_manager": "Dan Okoro",
        },
        session=session,
    )
    for code, name, sro in (
        ("TPD-CRIB", "Crime Recording and Investigation Bureau", "Cdr Ian Vale"),
        ("TPD-RESP", "Response", "Cdr Ian Vale"),
        ("TPD-SNT", "Safer Neighbourhood Teams", "Ch Supt Asha Patel"),
    ):
        services.create_initiative(
            {
                "code": code,
                "name": name,
                "kind": "project",
                "business_group": "TP",
                "parent": "TPD",
                "tier": "mandated",
                "complexity": "medium",
                "sro": sro,
            },
            session=session,
        )
    services.create_initiative(
        {
            "code": "DRM",
            "name": "Developing Resource Management",
            "kind": "programme",
            "business_group": "DoR",
            "tier": "transformational",
            "complexity": "high",
            "sro": "Director of Resources Helen Marsh",
        },
        session=session,
    )


def small_portfolio(store: Store) -> None:
    """Two business groups, two criteria, a programme with three projects, and a
    standalone project; TPD is Amber in 2010-Q4 and Green in 2011-Q1 (the current
    period); DRM is Red in 2010-Q4 only, so it is stale."""
    with store.writing() as session:
        _groups_and_criteria(session)
        _initiatives(session)
        services.set_current_period("2011-Q1", session=session)
    with store.writing() as session:
        for code, period, rag, rationale in (
            ("TPD", "2010-Q4", "A", "Business cases for three projects are late."),
            ("TPD", "2011-Q1", "G", "Business cases approved; implementation under way."),
            ("DRM", "2010-Q4", "R", "Estate exits are well behind plan."),
        ):
            services.record_assessment(
                {
                    "code": code,
                    "criterion": OVERALL_CRITERION,
                    "period": period,
                    "rag": rag,
                    "rationale": rationale,
                },
                session=session,
            )
