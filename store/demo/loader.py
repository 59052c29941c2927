"""Load the demo portfolio through the store services, in the caller's transaction.

Order matters for the audit log and for trends: business groups, criteria and the
current period first, then initiatives (parents before children), then the RAG
assessments oldest period first. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlmodel import Session, select

from store import clock
from store.audit import Identity
from store.demo import appendix_a, people, rag_2011, seed_003
from store.errors import InputError
from store.models import BusinessGroup, Initiative
from store.portfolio.criteria.services import add_criterion
from store.portfolio.services import (
    create_business_group,
    create_initiative,
    record_assessment,
    set_current_period,
)

# What a child takes from its parent when its own entry leaves it out.
INHERITED = ("business_group", "tier", "start_date", "end_date")


def load(session: Session) -> dict[str, int]:
    """Write the portfolio register's demo records through the services; return counts."""
    if session.exec(select(BusinessGroup.id).limit(1)).first() is not None or (
        session.exec(select(Initiative.id).limit(1)).first() is not None
    ):
        raise InputError("database", "already holds a portfolio; load the demo into an empty one")
    groups = [*appendix_a.BUSINESS_GROUPS, *seed_003.BUSINESS_GROUPS]
    for code, name in groups:
        create_business_group({"code": code, "name": name}, session=session)
    for criterion in rag_2011.CRITERIA:
        add_criterion(criterion, session=session)
    set_current_period(rag_2011.CURRENT_PERIOD, session=session)

    initiatives = list(initiative_inputs())
    for data in initiatives:
        create_initiative(data, session=session)

    assessments = sorted(rag_2011.ASSESSMENTS, key=lambda row: row[0])  # stable: keeps order
    identities = {author: Identity.of_person(author) for author in people.AUTHORS}
    for period, code, criterion, rag, author, rationale in assessments:
        with acting_as(session, identities[author]):
            record_assessment(
                {
                    "code": code,
                    "criterion": criterion,
                    "rag": rag,
                    "rationale": rationale,
                    "period": period,
                },
                session=session,
            )
    return {
        "business groups": len(groups),
        "initiatives": len(initiatives),
        "assessments": len(assessments),
    }


def initiative_inputs() -> Iterator[dict[str, Any]]:
    """Every demo initiative as `InitiativeIn` fields, with inherited values and owners filled in."""
    seen: dict[str, dict[str, Any]] = {}
    for item in [*appendix_a.INITIATIVES, *seed_003.INITIATIVES]:
        data = dict(item)
        parent = seen.get(data.get("parent", ""))
        if data.get("parent") and parent is None:
            raise ValueError(f"demo data: {data['code']} comes before its parent {data['parent']}")
        for name in INHERITED:
            if parent is not None and name not in data:
                data[name] = parent[name]
        if data["code"] not in people.OWNERS:
            raise ValueError(f"demo data: no owners listed for {data['code']}")
        data["sro"], data["programme_manager"] = people.OWNERS[data["code"]]
        seen[data["code"]] = data
        yield data
    unused = people.OWNERS.keys() - seen.keys()
    if unused:
        raise ValueError(f"demo data: owners listed for unknown codes {sorted(unused)}")


@contextmanager
def on_day(day: date) -> Iterator[None]:
    """Let the block's writes happen on `day`, as the demo's story says (a decision is
    never dated after the day it is made), then restore the store's own today."""
    original = clock.today
    clock.today = lambda: day
    try:
        yield
    finally:
        clock.today = original


@contextmanager
def acting_as(session: Session, identity: Identity) -> Iterator[None]:
    """Record writes inside the block as `identity`, then restore the session's own."""
    original = session.info["identity"]
    session.info["identity"] = identity
    try:
        yield
    finally:
        session.info["identity"] = original
