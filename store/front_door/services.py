"""Writes to the front door. Each takes a session, validates its input, records one
audit event for the change in the same transaction, and returns a read model.

Accepting a proposal (or sending it to experimentation) also creates the initiative
through `store.portfolio.services.create_initiative`, which records its own event.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, func, select

from store import clock
from store.audit import (
    add_with_audit,
    bump_version,
    check_version,
    differences,
    record_event,
    snapshot,
    stamp,
    update_with_audit,
)
from store.errors import InputError, NotFoundError
from store.fields import stored_values
from store.front_door.deciding import (
    check_can_decide,
    decided_tier,
    decision_read,
    initiative_for,
    new_decision,
)
from store.front_door.editable import COPIED
from store.front_door.inputs import DecisionIn, ProposalIn, ProposalUpdateIn, TriageIn
from store.front_door.read_models import DecisionRead, ProposalRead, TriageRead, TriageResult
from store.front_door.tier_rules import TriageFacts, suggest_tier
from store.front_door.types import Outcome, ProposalStatus
from store.models import BusinessGroup, Proposal, ProposalDecision, ProposalTriage
from store.portfolio.services import group_by_code
from store.rows import from_record
from store.users.guard import forbid_own, requires
from store.users.roles import Permission
from store.validation import parse_input

REFERENCE_FORMAT = "FD-{year:04d}-{sequence:04d}"


def proposal_by_reference(session: Session, reference: str) -> Proposal:
    """The proposal with `reference` (any case), or a NotFoundError naming `reference`."""
    proposal = session.exec(
        select(Proposal).where(Proposal.reference == reference.strip().upper())
    ).first()
    if proposal is None:
        raise NotFoundError("reference", f"no proposal with reference {reference.strip()!r}")
    return proposal


def _latest_triage(session: Session, proposal: Proposal) -> ProposalTriage | None:
    return session.exec(
        select(ProposalTriage)
        .where(ProposalTriage.proposal_id == proposal.id)
        .order_by(col(ProposalTriage.id).desc())
        .limit(1)
    ).first()


def _latest_decision(session: Session, proposal: Proposal) -> ProposalDecision | None:
    return session.exec(
        select(ProposalDecision)
        .where(ProposalDecision.proposal_id == proposal.id)
        .order_by(col(ProposalDecision.id).desc())
        .limit(1)
    ).first()


def _final_decision(session: Session, proposal: Proposal) -> ProposalDecision | None:
    """The decision in force when it ended the proposal's journey (accepted, rejected
    or sent to experimentation), else None."""
    decision = _latest_decision(session, proposal)
    return decision if decision is not None and Outcome(decision.outcome).final else None


def _proposal_read(proposal: Proposal, group_code: str) -> ProposalRead:
    return from_record(ProposalRead, proposal, business_group=group_code)


def _next_sequence(session: Session, year: int) -> int:
    highest = session.exec(
        select(func.max(Proposal.sequence)).where(Proposal.received_year == year)
    ).first()
    sequence = (highest or 0) + 1
    if sequence > 9999:
        raise InputError("received_on", f"{year} already has 9,999 proposals")
    return sequence


@requires(Permission.LOG_PROPOSALS)
def add_proposal(data: ProposalIn | Mapping[str, Any], *, session: Session) -> ProposalRead:
    """Log a new proposal as received; its reference is `FD-<year>-<seq>` by year received."""
    data = parse_input(ProposalIn, data)
    group = group_by_code(session, data.business_group)
    received_on = data.received_on or clock.today()
    if received_on.year < 1900:
        raise InputError("received_on", "give the year in full, e.g. 2021")
    sequence = _next_sequence(session, received_on.year)
    proposal = Proposal(
        reference=REFERENCE_FORMAT.format(year=received_on.year, sequence=sequence),
        received_year=received_on.year,
        sequence=sequence,
        **_stored(data, group),
        received_on=received_on,
        status=ProposalStatus.RECEIVED.value,
        **stamp(session),
    )
    add_with_audit(session, proposal, entity="proposal")
    return _proposal_read(proposal, group.code)


def _stored(data: ProposalIn, group: BusinessGroup) -> dict[str, Any]:
    """A proposal's editable fields as the table stores them (see `editable`)."""
    return stored_values(data, COPIED) | {
        "business_group_id": group.id,
        "cost_pence": data.cost,
        "yearly_benefit_pence": data.yearly_benefit,
        "requested_tier": data.requested_tier.value if data.requested_tier else None,
    }


@requires(Permission.LOG_PROPOSALS)
def update_proposal(
    data: ProposalUpdateIn | Mapping[str, Any], *, session: Session
) -> ProposalRead:
    """Correct or add to what a proposal says (e.g. the information a return asked for).

    Refused once accepted, rejected or sent to experimentation, and when someone else
    changed it since `version` was read. The reference and date received stay as they are.
    Saving unchanged values writes nothing.
    """
    data = parse_input(ProposalUpdateIn, data)
    proposal = proposal_by_reference(session, data.reference)
    check_version(
        proposal,
        data.version,
        f"{proposal.reference} was changed by someone else since you opened it; "
        "reopen it to see their changes",
    )
    if (final := _final_decision(session, proposal)) is not None:
        raise InputError(
            "reference",
            f"{proposal.reference} was {Outcome(final.outcome).label}; its details are kept",
        )
    if data.received_on is not None and data.received_on != proposal.received_on:
        raise InputError("received_on", "the date received cannot change (it sets the reference)")
    group = group_by_code(session, data.business_group)
    values = _stored(data, group)
    if differences(proposal, values):  # nothing changed: nothing to record
        update_with_audit(session, proposal, values, entity="proposal")
    return _proposal_read(proposal, group.code)


def _triage_read(triage: ProposalTriage) -> TriageRead:
    kinds = tuple(kind for kind in triage.complexity_kinds.split(",") if kind)
    return from_record(TriageRead, triage, complexity_kinds=kinds)


@requires(Permission.TRIAGE_PROPOSALS)
def triage_proposal(data: TriageIn | Mapping[str, Any], *, session: Session) -> TriageResult:
    """Score and classify a proposal, suggest its tier by the tier rules, and put it in
    triage. A re-triage adds a record; a returned or deferred proposal comes back into
    triage this way. Refused once accepted, rejected or sent to experimentation, and when
    someone else triaged, decided or changed it since `version` was read."""
    data = parse_input(TriageIn, data)
    proposal = proposal_by_reference(session, data.reference)
    check_version(
        proposal,
        data.version,
        f"{proposal.reference} was triaged, decided or changed by someone else since you "
        "opened it; reopen it to see their changes",
    )
    if (final := _final_decision(session, proposal)) is not None:
        raise InputError(
            "reference",
            f"{proposal.reference} was {Outcome(final.outcome).label} on "
            f"{final.decided_on}; it cannot be triaged again",
        )
    triage = _new_triage(session, proposal, data)
    previous_status = proposal.status
    bump_version(session, proposal, {"status": ProposalStatus.IN_TRIAGE.value})
    session.flush()
    record_event(
        session,
        entity="proposal_triage",
        entity_id=triage.id,
        action="create",
        before={"reference": proposal.reference, "status": previous_status},
        after={**snapshot(triage), "reference": proposal.reference, "status": proposal.status},
    )
    return TriageResult(proposal.reference, proposal.status, _triage_read(triage))


def _new_triage(session: Session, proposal: Proposal, data: TriageIn) -> ProposalTriage:
    """The triage record with the tier the rules suggest, added to the session; an
    override that names the suggested tier is refused."""
    suggestion = suggest_tier(TriageFacts(data.complexity, data.cross_group, data.hypothesis))
    override = data.override_tier
    if override is suggestion.tier:
        raise InputError(
            "override_tier", f"{override.value} is already the suggested tier; clear the override"
        )
    triage = ProposalTriage(
        proposal_id=proposal.id,
        desirable=data.desirable,
        deliverable=data.deliverable,
        affordable=data.affordable,
        complexity=data.complexity.value,
        complexity_kinds=",".join(kind.value for kind in data.complexity_kinds),
        cross_group=data.cross_group,
        hypothesis=data.hypothesis,
        suggested_tier=suggestion.tier.value,
        suggested_rule=suggestion.rule.number,
        override_tier=override.value if override else None,
        override_reason=data.override_reason if override else "",
        **stamp(session, "triaged_by", "triaged_at"),
    )
    session.add(triage)
    return triage


@requires(Permission.RECORD_PROPOSAL_DECISIONS)
def decide_proposal(data: DecisionIn | Mapping[str, Any], *, session: Session) -> DecisionRead:
    """Record the panel's decision on a triaged proposal, with its rationale.

    Accepted: creates the initiative with the tier, complexity, business group and SRO,
    linked both ways. Sent to experimentation: creates an experimental initiative with a
    review date. Deferred: the proposal comes back into the queue on its date. A
    correction names the decision it supersedes (one that created no initiative).
    Refused when someone else triaged, decided or changed the proposal since `version`
    was read.
    """
    data = parse_input(DecisionIn, data)
    proposal = proposal_by_reference(session, data.reference)
    permission = Permission.RECORD_PROPOSAL_DECISIONS
    forbid_own(
        session, proposal, proposal.reference, permission, entity="proposal", entity_id=proposal.id
    )
    check_version(
        proposal,
        data.version,
        f"{proposal.reference} was triaged, decided or changed by someone else since you "
        "opened it; look at their changes before deciding",
    )
    triage = _latest_triage(session, proposal)
    current = _latest_decision(session, proposal)
    decided_on = check_can_decide(proposal, triage, current, data, clock.today())
    tier = decided_tier(data, triage)
    initiative = None
    if data.outcome.creates_initiative:
        initiative = initiative_for(session, proposal, triage, data, tier, decided_on)
    before = {"reference": proposal.reference, "status": proposal.status}
    before["decision"] = current.id if current else None
    decision = new_decision(session, proposal, triage, data, tier, decided_on, initiative)
    record_event(
        session,
        entity="proposal_decision",
        entity_id=decision.id,
        action="correct" if data.supersedes is not None else "create",
        before=before,
        after={
            **snapshot(decision),
            "reference": proposal.reference,
            "status": proposal.status,
            "initiative": initiative.code if initiative else None,
        },
        reason=data.rationale,
    )
    return decision_read(decision, proposal, initiative)
