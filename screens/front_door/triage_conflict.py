"""What the triage form shows when its save is refused because someone else triaged,
corrected or decided the proposal after it was opened: the rows of the conflict dialog,
the triage as typed against the one now on record (and the status, if it moved)."""

from __future__ import annotations

from typing import Any

from store.front_door.read_models import ProposalDetail

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
