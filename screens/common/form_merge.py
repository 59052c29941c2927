"""What a form does with changes someone else saved while the user had it open: merge
theirs with the user's (the user's win where both changed a field), say what they
changed, and give the conflict dialog its rows. Every form with a version uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text

from screens.common.conflict_dialog import differing_rows
from store.concurrency import LastChange


def changes_between(
    before: dict[str, str], after: dict[str, str], labels: dict[str, str]
) -> list[str]:
    """'Label: old → new' for each field that differs."""
    return [
        f"{labels.get(name, name)}: {before.get(name) or '—'} → {after.get(name) or '—'}"
        for name in labels
        if before.get(name, "") != after.get(name, "")
    ]


def merge(
    base: dict[str, str], mine: dict[str, str], theirs: dict[str, str], labels: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """Someone else's changes (base → theirs) with this user's (base → mine) on top, and
    the labels of fields both changed, to different values (this user's value wins)."""
    values = dict(theirs)
    clashes = []
    for name, label in labels.items():
        own = mine.get(name, "")
        if own != base.get(name, ""):
            values[name] = own
            if theirs.get(name, "") not in (base.get(name, ""), own):
                clashes.append(label)
    return values, clashes


def conflict_text(lead: str, theirs: list[str], clashes: list[str]) -> Text:
    """What someone else changed, and that the form now holds theirs with this user's
    changes on top."""
    text = Text(lead, style="bold")
    text.append(": " + "; ".join(theirs or ["no visible change"]) + ". ")
    text.append("Their changes are now in the form and yours are kept")
    if clashes:
        text.append(f" (you both changed {', '.join(clashes)}: yours is in the form)")
    text.append(". ctrl+s saves this; ctrl+r takes theirs as they are.")
    return text


@dataclass(frozen=True)
class Conflict:
    """What a stale save found: the values for the form (theirs with this user's changes
    on top), the message for the form, and the dialog's Field / yours / current rows."""

    values: dict[str, str]
    message: Text
    rows: list[tuple[str, str, str]]


def resolve_conflict(
    kind: str,
    labels: dict[str, str],
    base: dict[str, str],
    mine: dict[str, str],
    now: dict[str, str],
    change: LastChange | None,
    shown: Callable[[dict[str, str]], dict[str, str]] = dict,
) -> Conflict:
    """Merge a stale save (`base` as loaded, `mine` as typed, `now` as saved by someone
    else) and word it; `shown` turns stored values into what the user reads."""
    values, clashes = merge(base, mine, now, labels)
    who = change.describe if change else "someone else"
    lead = f"Not saved: {who} changed this {kind} since you opened it"
    theirs = changes_between(shown(base), shown(now), labels)
    rows = [
        (label, yours if mine.get(name, "") != base.get(name, "") else kept(yours), current)
        for name, (label, yours, current) in zip(
            labels, differing_rows(labels, shown(mine), shown(now), keep_all=True), strict=True
        )
        if yours != current
    ]
    return Conflict(values, conflict_text(lead, theirs, clashes), rows)


def kept(value: str) -> str:
    """A value the user did not change, as the conflict dialog shows it: re-applying
    keeps theirs, not this."""
    return f"{value or '—'} (not changed by you: re-apply keeps theirs)"
