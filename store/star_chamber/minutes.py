"""The decision log of a meeting as plain text or Markdown.

The minutes screen shows `minutes_text` and `portfolio minutes` prints it (or
`minutes_markdown`), so the screen and the command line always agree. For each
agenda item: the decision, conditions, reason, Posting List outcome, the vacancy
factor check, and who recorded it; a correction appears under the decision it
supersedes, with why.
"""

from __future__ import annotations

from collections.abc import Callable

from store.clock import shown_time
from store.star_chamber.read_models import DecisionRead, Minutes, MinutesItem
from store.star_chamber.rules import show_fte
from store.star_chamber.types import Outcome, StaffType


def long_date(day) -> str:
    """`13 June 2011`."""
    return f"{day.day} {day:%B %Y}"


def _item_title(item: MinutesItem) -> str:
    request = item.request
    kind = "Extension" if request.is_extension else StaffType(request.staff_type).label
    carried = " (carried over)" if item.carried_over else ""
    return (
        f"{item.position}. {request.reference}{carried}: {request.post}, {request.grade}, "
        f"{request.business_group}, {kind}, {show_fte(request.fte_x100)} FTE"
    )


def _decision_lines(decision: DecisionRead) -> list[tuple[str, str]]:
    """(label, text) pairs for one decision, in the order the minutes give them."""
    lines: list[tuple[str, str]] = []
    heading = Outcome(decision.outcome).label
    if decision.supersedes_id is not None:
        lines.append(
            (
                "Correction",
                f"decision {decision.id} of {decision.decided_on.isoformat()} supersedes "
                f"decision {decision.supersedes_id}: {decision.correction_reason}",
            )
        )
    lines.append(("Decision", f"{heading} (decision {decision.id})"))
    if decision.conditions:
        lines.append(("Conditions", decision.conditions))
    lines.append(("Reason", decision.reason))
    if decision.approved_weeks is not None:
        lines.append(("Maximum engagement", f"{decision.approved_weeks} weeks"))
    if decision.engagement_end_after is not None:
        lines.append(("Engagement now ends by", decision.engagement_end_after.isoformat()))
    lines.append(("Posting List", decision.posting_text))
    for figure in decision.figures:
        lines.append(("Establishment", figure))
    for warning in decision.warnings:
        lines.append(("Warning", warning))
    if decision.override_reason:
        lines.append(("Override reason", decision.override_reason))
    lines.append(("Recorded by", f"{decision.recorded_by} at {shown_time(decision.recorded_at)}"))
    if not decision.live:
        lines.append(("Superseded", f"by decision {decision.superseded_by_id}"))
    return lines


def _header(minutes: Minutes) -> tuple[str, list[tuple[str, str]]]:
    meeting = minutes.meeting
    title = f"Star Chamber minutes: meeting of {long_date(meeting.held_on)}"
    facts = [
        ("Status", "closed: decisions are final" if not meeting.is_open else "open"),
        ("Chair", meeting.chair),
        ("Attendees", "; ".join(meeting.attendees) or "none recorded"),
        ("Trade union representatives", "; ".join(meeting.union_reps) or "none recorded"),
    ]
    if meeting.closed_by:
        facts.append(("Closed by", f"{meeting.closed_by} at {shown_time(meeting.closed_at or '')}"))
    decided = sum(1 for item in minutes.items if item.decisions)
    facts.append(("Items", f"{len(minutes.items)} on the agenda, {decided} decided"))
    return title, facts


def minutes_text(minutes: Minutes) -> str:
    """The minutes as plain text, as the minutes screen shows them."""
    title, _ = _header(minutes)
    return _render(
        minutes,
        [title, "=" * len(title)],
        fact="{}: {}",
        item=lambda title: ["", title],
        line="   {}: {}",
        undecided="   Not yet decided.",
    )


def minutes_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown, with the same content as `minutes_text`."""
    title, _ = _header(minutes)
    return _render(
        minutes,
        [f"# {title}", ""],
        fact="- **{}:** {}",
        item=lambda title: ["", f"## {title}", ""],
        line="- **{}:** {}",
        undecided="Not yet decided.",
    )


def _render(
    minutes: Minutes,
    lines: list[str],
    *,
    fact: str,
    item: Callable[[str], list[str]],
    line: str,
    undecided: str,
) -> str:
    """The minutes after their title `lines`: the meeting's facts, then each agenda item
    and its decisions, with `fact`, `item`, `line` and `undecided` setting the layout."""
    _, facts = _header(minutes)
    lines = [*lines, *(fact.format(label, text) for label, text in facts)]
    for entry in minutes.items:
        lines += item(_item_title(entry))
        if not entry.decisions:
            lines.append(undecided)
        for n, decision in enumerate(entry.decisions):
            if n:
                lines.append("")
            lines += [line.format(label, text) for label, text in _decision_lines(decision)]
    if not minutes.items:
        lines += ["", "The agenda is empty."]
    return "\n".join(lines) + "\n"
