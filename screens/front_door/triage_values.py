"""The triage form's values as one dict (empty, or from a recorded triage), and what the
form shows when its save is refused because someone else triaged, corrected or decided
the proposal after it was opened: the rows of the conflict dialog, the triage as typed
against the one now on record (and the status, if it moved); and how the form reads
the proposal (aged as at the reporting date)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.front_door.lenses import SCORES
from store.front_door.queries import proposal_detail
from store.front_door.read_models import ProposalDetail, TriageRead
from store.front_door.tier_rules import TierSuggestion, TriageFacts, suggest_tier
from store.front_door.types import Lens
from store.portfolio.queries import reporting_date
from store.types import Complexity, ComplexityKind
from store.users.roles import own_record_refusal
from widgets.choice_picker import Choice

if TYPE_CHECKING:
    import sqlite3

    from store.audit import Identity

LENSES = tuple(Lens)
SCORE_CHOICES = [Choice(str(score), str(score), str(score)) for score in SCORES]
COMPLEXITY_CHOICES = [
    Choice("high", "High", "h"),
    Choice("medium", "Medium", "m"),
    Choice("low", "Low", "l"),
]
KIND_IDS = {kind.value: f"kind-{kind.value}" for kind in ComplexityKind}
FLAGS = {"cross_group": "cross-group", "hypothesis": "hypothesis"}  # field → tick box id
CHOICES = (*(lens.value for lens in LENSES), "complexity", "override_tier")
FIELDS = (*CHOICES, "override_reason")

LABELS = {
    "status": "Status",
    "desirable": "Desirable",
    "deliverable": "Deliverable",
    "affordable": "Affordable",
    "complexity": "Complexity",
    "complexity_kinds": "Kinds",
    "cross_group": "Cross-group",
    "hypothesis": "Hypothesis",
    "override_tier": "Override tier",
    "override_reason": "Override reason",
}


def empty_form() -> dict:
    """The triage form with nothing chosen."""
    return {
        "desirable": None,
        "deliverable": None,
        "affordable": None,
        "complexity": None,
        "complexity_kinds": [],
        "cross_group": False,
        "hypothesis": False,
        "override_tier": None,
        "override_reason": "",
    }


def form_from(triage: TriageRead | None) -> dict:
    """The triage form holding a recorded triage's values."""
    if triage is None:
        return empty_form()
    return {
        "desirable": str(triage.desirable),
        "deliverable": str(triage.deliverable),
        "affordable": str(triage.affordable),
        "complexity": triage.complexity,
        "complexity_kinds": list(triage.complexity_kinds),
        "cross_group": triage.cross_group,
        "hypothesis": triage.hypothesis,
        "override_tier": triage.override_tier,
        "override_reason": triage.override_reason,
    }


def suggestion_for(form: dict) -> TierSuggestion | None:
    """The tier the rules suggest for `form`, once its complexity is set."""
    if form["complexity"] is None:
        return None
    facts = TriageFacts(Complexity(form["complexity"]), form["cross_group"], form["hypothesis"])
    return suggest_tier(facts)


def triage_problems(form: dict) -> dict[str, str]:
    """What stops `form` being saved, by field."""
    found = {}
    for lens in LENSES:
        if form[lens.value] is None:
            found[lens.value] = f"Score {lens.value} from 1 to 5."
    if form["complexity"] is None:
        found["complexity"] = "Choose the complexity: h, m or l."
    suggestion = suggestion_for(form)
    if form["override_tier"] and not form["override_reason"]:
        found["override_reason"] = "Say why the panel sets a different tier."
    if form["override_reason"] and not form["override_tier"]:
        found["override_tier"] = "Choose the tier the reason is for, or clear the reason."
    if suggestion and form["override_tier"] == suggestion.tier.value:
        found["override_tier"] = "That is the suggested tier already: clear the override."
    return found


def triage_data(reference: str, version: int, form: dict) -> dict:
    """`form` as the store's triage fields, with the proposal's version as read."""
    scores = {lens.value: int(form[lens.value]) for lens in LENSES}
    return {"reference": reference, "version": version, **scores} | {
        name: form[name]
        for name in (
            "complexity",
            "complexity_kinds",
            "cross_group",
            "hypothesis",
            "override_tier",
            "override_reason",
        )
    }


def why_not_decide(detail: ProposalDetail, *, dirty: bool, identity: Identity) -> str:
    """Why the panel's decision cannot be recorded now by `identity` ('' when it can):
    first, whoever entered the proposal never decides it (separation of duties)."""
    own = own_record_refusal(identity, detail.entered_by, detail.reference)
    if own:
        return f"{own}."
    if detail.triage is None:
        return "Triage the proposal first: score it and press ctrl+s."
    if dirty and detail.can_triage:
        return "Save the triage first (ctrl+s), or put it back as it was."
    if detail.can_decide:
        return ""
    decision = detail.decision
    if decision is not None and decision.initiative:
        return (
            f"Decided: {decision.outcome_label}, creating {decision.initiative}. "
            "Change or close that initiative in the portfolio instead."
        )
    return ""


def shown(value: Any) -> str:
    """A triage value as the dialog shows it: yes/no, a list joined, blank for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value).capitalize() if isinstance(value, str) else str(value)


def triage_rows(
    typed: dict[str, Any], opened: ProposalDetail, now: ProposalDetail, on_record: dict[str, Any]
) -> list[tuple[str, str, str]]:
    """(field, your value, current value) for each field where the triage typed differs
    from the one on record now, after the proposal's status if it changed since opened."""
    rows = []
    if opened.status_label != now.status_label:
        rows.append((LABELS["status"], opened.status_label, now.status_label))
    for name, label in LABELS.items():
        if name in typed and shown(typed[name]) != shown(on_record.get(name)):
            rows.append((label, shown(typed[name]), shown(on_record.get(name))))
    return rows


def read_detail(connection: sqlite3.Connection, reference: str) -> ProposalDetail | None:
    """The proposal as the triage form shows it: its status as of today, its age as at
    the reporting date (`store.portfolio.queries.reporting_date`)."""
    return proposal_detail(connection, reference, as_at=reporting_date(connection))
