"""How the Star Chamber's values look on screen: outcomes, statuses and the
establishment check, as rich Text with words as well as colour."""

from __future__ import annotations

from rich.text import Text

from store.star_chamber.rules import Impact
from store.star_chamber.types import Outcome, RequestStatus, StaffType

OUTCOME_STYLES = {
    "approved": "bold #2e7d32",
    "approved_with_conditions": "bold #558b2f",
    "rejected": "bold #c62828",
    "deferred": "bold #ef6c00",
    "withdrawn": "#9e9e9e",
}
OUTCOME_SHORT = {
    "approved": "Approved",
    "approved_with_conditions": "Approved+cond",
    "rejected": "Rejected",
    "deferred": "Deferred",
    "withdrawn": "Withdrawn",
}
TYPE_SHORT = {"police_staff": "Staff", "temporary_worker": "Temp", "agency": "Agency"}


def outcome_text(outcome: str | None, *, short: bool = True) -> Text:
    """An outcome in its colour and in words ("—" when there is none yet)."""
    if not outcome:
        return Text("—", style="dim")
    label = OUTCOME_SHORT[outcome] if short else Outcome(outcome).label
    return Text(label, style=OUTCOME_STYLES[outcome])


def status_text(status: str) -> Text:
    """A request's status in words."""
    styles = {"received": "bold #ffb300", "on_agenda": "bold #42a5f5", "decided": ""}
    return Text(RequestStatus(status).label, style=styles.get(status, ""))


def staff_type_text(staff_type: str, *, extension: bool = False) -> str:
    """A short staff type for tables, marking extensions."""
    short = TYPE_SHORT.get(staff_type, staff_type)
    return f"{short} ext" if extension else short


def staff_type_label(staff_type: str) -> str:
    """A staff type in words."""
    return StaffType(staff_type).label


def impact_text(impact: Impact) -> Text:
    """The establishment check: the figures, then each warning marked with ⚠ and the
    word WARNING (so it reads without colour), or a plain all-clear."""
    text = Text()
    for line in impact.summary_lines():
        text.append(line + "\n")
    if impact.adds_x100 == 0 and impact.has_figures:
        text.append("An extension adds no headcount: nothing to check.", style="italic")
        return text
    if not impact.warnings:
        text.append("✓ OK: ", style="bold #2e7d32")
        text.append("approving keeps the group within its vacancy factor and reduction plan.")
        return text
    for n, warning in enumerate(impact.warnings):
        if n:
            text.append("\n")
        text.append("⚠ WARNING:", style="bold #000000 on #ffb300")
        text.append(" " + warning[0].upper() + warning[1:] + ".", style="bold")
    return text
