"""What a panel decision on a proposal follows and makes: the checks that it is ready
to be decided, the status a deferral brings back, the tier in force, the initiative an
acceptance or experiment puts in the portfolio, and the decision's record and read model.
`store.front_door.services.decide_proposal` puts these together in one change."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from store.audit import bump_version, stamp
from store.errors import InputError
from store.front_door.codes import unique_code
from store.front_door.inputs import DecisionIn
from store.front_door.read_models import DecisionRead, origin_note
from store.front_door.types import Outcome, ProposalStatus
from store.models import BusinessGroup, Initiative, Proposal, ProposalDecision, ProposalTriage
from store.portfolio.services import create_initiative
from store.rows import from_record
from store.types import Kind, Lifecycle, Tier


def effective_status(proposal: Proposal, decision: ProposalDecision | None, today: date) -> str:
    """The stored status, except that a deferral whose date has come is back in triage."""
    if (
        proposal.status == ProposalStatus.DECIDED
        and decision is not None
        and decision.outcome == Outcome.DEFERRED
        and decision.deferred_until is not None
        and decision.deferred_until <= today
    ):
        return ProposalStatus.IN_TRIAGE.value
    return proposal.status


def check_can_decide(
    proposal: Proposal,
    triage: ProposalTriage | None,
    current: ProposalDecision | None,
    data: DecisionIn,
    today: date,
) -> date:
    """The date of a decision the proposal is ready for; InputError naming the field at
    fault for one it is not ready for."""
    _check_ready(proposal, triage, current, data, today)
    decided_on = data.decided_on or today
    if decided_on < proposal.received_on:
        raise InputError(
            "decided_on", f"must not be before the proposal was received ({proposal.received_on})"
        )
    if data.until is not None and data.until <= decided_on:
        raise InputError("until", f"must be after the decision date ({decided_on})")
    if data.review_date is not None and data.review_date <= decided_on:
        raise InputError("review_date", f"must be after the decision date ({decided_on})")
    return decided_on


def _check_ready(
    proposal: Proposal,
    triage: ProposalTriage | None,
    current: ProposalDecision | None,
    data: DecisionIn,
    today: date,
) -> None:
    """Refuse a decision on a proposal not triaged, already decided, or a correction of
    a decision that is not the one in force (or that created an initiative)."""
    if triage is None:
        raise InputError(
            "reference", f"{proposal.reference} has not been triaged yet; triage it first"
        )
    status = effective_status(proposal, current, today)
    if data.supersedes is not None:
        if current is None or data.supersedes != current.id:
            in_force = f"decision {current.id}" if current else "no decision"
            raise InputError(
                "supersedes",
                f"a correction replaces the decision in force on {proposal.reference} "
                f"({in_force}), not decision {data.supersedes}",
            )
        if current.initiative_id is not None:
            raise InputError(
                "supersedes",
                f"decision {current.id} created an initiative; change or close that "
                "initiative in the portfolio instead",
            )
        return
    if status == ProposalStatus.DECIDED:
        assert current is not None
        what = Outcome(current.outcome).label
        if current.outcome == Outcome.DEFERRED:
            what += f" {current.deferred_until}"
        raise InputError(
            "reference",
            f"{proposal.reference} is already decided ({what}, decision {current.id}); "
            "to correct it, record a decision that supersedes it",
        )


def initiative_for(
    session: Session,
    proposal: Proposal,
    triage: ProposalTriage,
    data: DecisionIn,
    tier: Tier,
    decided_on: date,
) -> Initiative:
    """Create the initiative an acceptance or experiment puts in the portfolio."""

    def taken(code: str) -> bool:
        """True when an initiative already has this code."""
        return (
            session.exec(select(Initiative.id).where(Initiative.code == code)).first() is not None
        )

    code = data.code or unique_code(proposal.title, proposal.reference, taken)
    description = proposal.problem
    if proposal.intended_outcome:
        description += f"\n\nIntended outcome: {proposal.intended_outcome}"
    description += f"\n\n{origin_note(proposal.reference, decided_on, data.review_date)}"
    kinds = tuple(kind for kind in triage.complexity_kinds.split(",") if kind)
    try:
        created = create_initiative(
            {
                "code": code,
                "name": proposal.title,
                "kind": Kind.PROGRAMME if tier is Tier.TRANSFORMATIONAL else Kind.PROJECT,
                "business_group": _group_code(session, proposal),
                "description": description,
                "tier": tier,
                "complexity": triage.complexity,
                "complexity_kinds": kinds,
                "sro": data.sro or proposal.sponsor,
                "programme_manager": data.programme_manager,
                "start_date": decided_on,
                "lifecycle": Lifecycle.INITIATION,
                "data_digital": proposal.data_digital,
            },
            session=session,
        )
    except InputError as error:
        if error.field == "code":
            raise InputError("code", error.problem) from None
        raise
    return session.get(Initiative, created.id)


def _group_code(session: Session, proposal: Proposal) -> str:
    return session.get(BusinessGroup, proposal.business_group_id).code


def decided_tier(data: DecisionIn, triage: ProposalTriage) -> Tier | None:
    """The tier a decision puts its initiative in: experimental for an experiment; for an
    acceptance the tier given, else the triage's override, else its suggestion."""
    if data.outcome is Outcome.EXPERIMENT:
        return Tier.EXPERIMENTAL
    if data.outcome is Outcome.ACCEPTED:
        return data.tier or Tier(triage.override_tier or triage.suggested_tier)
    return None


def new_decision(
    session: Session,
    proposal: Proposal,
    triage: ProposalTriage,
    data: DecisionIn,
    tier: Tier | None,
    decided_on: date,
    initiative: Initiative | None,
) -> ProposalDecision:
    """Store the decision and mark the proposal decided (linked to the initiative the
    decision created, if any); returns the decision, flushed."""
    decision = ProposalDecision(
        proposal_id=proposal.id,
        triage_id=triage.id,
        outcome=data.outcome.value,
        rationale=data.rationale,
        tier=tier.value if tier else None,
        deferred_until=data.until,
        review_date=data.review_date,
        decided_on=decided_on,
        initiative_id=initiative.id if initiative else None,
        supersedes_id=data.supersedes,
        **stamp(session, "decided_by", "recorded_at"),
    )
    session.add(decision)
    settled = {"status": ProposalStatus.DECIDED.value}
    if initiative is not None:
        settled["initiative_id"] = initiative.id
    bump_version(session, proposal, settled)
    session.flush()
    return decision


def decision_read(
    decision: ProposalDecision, proposal: Proposal, initiative: Initiative | None
) -> DecisionRead:
    """A recorded decision as its read model."""
    initiative_code = initiative.code if initiative else None
    return from_record(
        DecisionRead, decision, reference=proposal.reference, initiative=initiative_code
    )
