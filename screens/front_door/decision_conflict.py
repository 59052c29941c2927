"""What the front door decision form shows when its save was refused because someone
else triaged, decided or changed the proposal after the decider opened it: the things a
decision rests on (status, triage scores and tier, the decision in force), as the decider
saw them against how they are now, for the conflict dialog."""

from __future__ import annotations

from screens.common.conflict_dialog import differing_rows
from store.front_door.read_models import DecisionRead, ProposalDetail
from store.types import Tier

LABELS = {
    "status": "Status",
    "score": "Triage score",
    "complexity": "Complexity",
    "suggested_tier": "Suggested tier",
    "panel_tier": "Panel's tier",
    "triaged": "Triaged by",
    "decision": "Decision in force",
}


def _decision_text(decision: DecisionRead | None) -> str:
    if decision is None:
        return "none"
    if decision.deferred_until:
        text = f"deferred until {decision.deferred_until}"
    else:
        text = decision.outcome_label
    return f"{text} on {decision.decided_on} (decision {decision.id})"


def decision_basis(detail: ProposalDetail) -> dict[str, str]:
    """What a decision on `detail` rests on, as text, by field."""
    triage = detail.triage
    values = {"status": detail.status_label, "decision": _decision_text(detail.decision)}
    if triage is not None:
        values |= {
            "score": f"{triage.score}/15 ({triage.desirable}/{triage.deliverable}/"
            f"{triage.affordable})",
            "complexity": triage.complexity,
            "suggested_tier": f"{Tier.words(triage.suggested_tier)} (rule {triage.suggested_rule})",
            "panel_tier": Tier.words(triage.override_tier, "as suggested"),
            "triaged": f"{triage.triaged_by} at {triage.triaged_at.replace('T', ' ')[:16]}",
        }
    return values


def decision_conflict_rows(seen: ProposalDetail, now: ProposalDetail) -> list[tuple[str, str, str]]:
    """(label, as the decider saw it, as it is now) for each thing that changed."""
    return differing_rows(LABELS, decision_basis(seen), decision_basis(now))


def conflict_message(reference: str, who: str, correcting: DecisionRead | None) -> str:
    """What the form says once the proposal as it is now has been taken in."""
    what = (
        f"it now corrects decision {correcting.id}"
        if correcting is not None
        else "it is a new decision"
    )
    return (
        f"Not saved: {who} changed {reference} after you opened it (shown above as it is "
        f"now). Your decision is kept; {what}. ctrl+s records it."
    )
