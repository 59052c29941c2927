"""How the Star Chamber's values look on screen: outcomes, statuses and the
establishment check, as rich Text with words as well as colour; the request list's
columns, its status line and the highlighted request's particulars."""

from __future__ import annotations

from rich.text import Text

from store.star_chamber.read_models import Overview, RequestDetail
from store.star_chamber.rules import Impact, show_fte
from store.star_chamber.types import Outcome, RequestStatus, StaffType
from widgets.window_table import Column

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


def request_columns() -> list[Column]:
    """The request list's columns; the post takes the spare width. Too narrow for all,
    the received date, FTE, band, group, type and meeting go in that order."""
    return [
        Column("reference", "Reference", 12, lambda r: r.reference),
        Column("business_group", "BG", 4, lambda r: r.business_group, drops=3),
        Column("post", "Post", 0, lambda r: r.post, min_width=26),
        Column("grade", "Band", 6, lambda r: r.grade, drops=4),
        Column(
            "type",
            "Type",
            10,
            lambda r: staff_type_text(r.staff_type, extension=r.is_extension),
            drops=2,
        ),
        Column("fte", "FTE", 4, lambda r: show_fte(r.fte_x100), drops=5),
        Column("received", "Received", 10, lambda r: r.received_on.isoformat(), drops=6),
        Column("status", "Status", 9, lambda r: status_text(r.status)),
        Column("outcome", "Outcome", 13, lambda r: outcome_text(r.outcome)),
        Column(
            "meeting",
            "Meeting",
            10,
            lambda r: r.meeting.isoformat() if r.meeting else "—",
            drops=1,
        ),
    ]


def overview_text(summary: Overview) -> Text:
    """The status line: next meeting, requests by status, Posting List, engagements."""
    text = Text()
    if summary.next_meeting:
        text.append("Next meeting ", style="bold")
        text.append(
            f"{summary.next_meeting.isoformat()}: {summary.next_meeting_items} items, "
            f"{summary.next_meeting_decided} decided"
        )
    else:
        text.append("No open meeting", style="bold")
    for label, value in (
        ("Waiting", summary.received),
        ("On agendas", summary.on_agenda),
        ("Decided", summary.decided),
        ("Posting List", summary.on_posting_list),
    ):
        text.append(f"  {label} ", style="bold")
        text.append(str(value))
    text.append(f"  Ending ≤{summary.ending_within_weeks} wks ", style="bold")
    text.append(str(summary.ending_soon), style="bold #ffb300" if summary.ending_soon else "")
    return text


def detail_text(detail: RequestDetail) -> Text:
    """The highlighted request's particulars, under the list."""
    row = detail.row
    text = Text()
    text.append(f"{row.reference}  ", style="bold")
    text.append(f"{row.post}, {row.grade}, {detail.business_group_name}")
    if row.is_extension:
        text.append(
            f"  extension of {detail.engagement_reference} {detail.engagement_worker} "
            f"(approved to {detail.engagement_max_end})",
            style="italic",
        )
    text.append("\n")
    facts = [
        f"{show_fte(row.fte_x100)} FTE",
        "funded" if detail.funded else "UNFUNDED",
        f"cost centre {detail.cost_centre or '—'}",
        f"{detail.route} route",
        f"requested by {row.requested_by} on {row.received_on.isoformat()}",
        f"entered by {row.entered_by}",
    ]
    if detail.max_weeks:
        facts.insert(1, f"{detail.max_weeks} weeks")
    if detail.programme_code:
        facts.append(f"programme {detail.programme_code}")
    text.append(" · ".join(facts) + "\n")
    text.append(detail.justification, style="italic")
    live = detail.live_decision
    if live is not None:
        text.append("\nDecision: ", style="bold")
        text.append_text(outcome_text(live.outcome, short=False))
        text.append(f" at {live.meeting.isoformat()}: {live.reason}")
    return text
