"""Demo part for the front door, the change baseline and the recommendations tracker.

Loads, through the services and in the caller's transaction: the extra 2021
initiatives that give the baseline its shape, the spring 2021 proposals with their
triage, decisions and amendments (accepted ones and experiments become initiatives),
and the stocktake's 32 recommendations. Runs after the portfolio register's part,
whose business groups it uses. Nothing here commits.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from store.audit import Identity
from store.demo import baseline_2021, proposals_2021, recommendations_2021
from store.demo.loader import acting_as, on_day
from store.front_door.services import (
    add_proposal,
    decide_proposal,
    proposal_by_reference,
    triage_proposal,
    update_proposal,
)
from store.portfolio.services import create_initiative
from store.recommendations.services import add_recommendation

RECOMMENDATIONS_OWNER = "portfolio.office"


def load(session: Session) -> dict[str, int]:
    """Write this feature's demo records through the services; return what was loaded."""
    for data in baseline_2021.INITIATIVES:
        create_initiative(data, session=session)
    references, created = _load_proposals(session)
    with acting_as(session, Identity.of_person(RECOMMENDATIONS_OWNER)):
        for number, heading, text, owner, status, percent in recommendations_2021.RECOMMENDATIONS:
            add_recommendation(
                {
                    "number": number,
                    "heading": heading,
                    "text": text,
                    "owner": owner,
                    "status": status,
                    "percent_complete": percent,
                },
                session=session,
            )
    return {
        "more 2021 initiatives": len(baseline_2021.INITIATIVES),
        "proposals": len(references),
        "initiatives from proposals": created,
        "recommendations": len(recommendations_2021.RECOMMENDATIONS),
    }


def _load_proposals(session: Session) -> tuple[dict[str, str], int]:
    """Log every proposal, then apply the steps in order. Returns references by key and
    how many initiatives the decisions created."""
    secretary = Identity.of_person(proposals_2021.SECRETARY)
    clerk = Identity.of_person(proposals_2021.PANEL_CLERK)
    references: dict[str, str] = {}
    fields: dict[str, dict[str, Any]] = {}
    with acting_as(session, secretary):
        for item in proposals_2021.PROPOSALS:
            data = {name: value for name, value in item.items() if name != "key"}
            references[item["key"]] = add_proposal(data, session=session).reference
            fields[item["key"]] = data
    created = 0
    for day, key, action, values in proposals_2021.STEPS:
        reference = references[key]
        if action == "triage":
            with acting_as(session, secretary):
                triage_proposal({"reference": reference, **values}, session=session)
        elif action == "update":
            fields[key] = {**fields[key], **values}
            version = proposal_by_reference(session, reference).version
            with acting_as(session, secretary):
                update_proposal(
                    {"reference": reference, "version": version, **fields[key]}, session=session
                )
        else:
            extra: dict[str, Any] = {"reference": reference, "decided_on": day, **values}
            if action == "correct":
                extra["supersedes"] = _decision_in_force(session, reference)
            with acting_as(session, clerk), on_day(date.fromisoformat(day)):
                decision = decide_proposal(extra, session=session)
            created += decision.initiative is not None
    return references, created


def _decision_in_force(session: Session, reference: str) -> int:
    from sqlmodel import col, select

    from store.models import ProposalDecision

    proposal = proposal_by_reference(session, reference)
    return session.exec(
        select(ProposalDecision.id)
        .where(ProposalDecision.proposal_id == proposal.id)
        .order_by(col(ProposalDecision.id).desc())
    ).first()
