"""What the Star Chamber meeting screen says, as rich Text: the meeting's heading and
who attends, the highlighted agenda item's request, and the decision taken on it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from store.star_chamber.minutes import long_date
from store.star_chamber.read_models import (
    AgendaItem,
    DecisionPreview,
    DecisionRead,
    MeetingDetail,
    RequestDetail,
    RequestRow,
)
from store.star_chamber.rules import show_fte
from store.users.roles import own_record_refusal
from widgets.star_chamber import outcome_text, staff_type_label

if TYPE_CHECKING:
    from store.audit import Identity

NO_MEETING = "No Star Chamber meeting yet: schedule one with M on the Star Chamber screen."
AGENDA_COLUMNS = (("#", 2), ("Reference", 12), ("Decision", 13), ("Entered by", 10))
MATCH_COLUMNS = (("Ref", 7), ("Name", 16), ("Band", 6), ("Fit", 15), ("From", 4), ("Skills", 17))


def agenda_row(item: AgendaItem) -> tuple:
    """One agenda line: position, reference, the decision taken here, who entered it."""
    decision = item.decision
    outcome = outcome_text(decision.outcome) if decision else Text("—", style="dim")
    return str(item.position), item.request.reference, outcome, item.request.entered_by


def match_rows(preview: DecisionPreview, grade: str) -> list[tuple]:
    """The Posting List matches as table rows (one line saying so when there are none)."""
    rows = [
        (
            match.person.reference,
            match.person.name,
            match.person.grade,
            match.label.replace("one band below: with training", "below: training"),
            match.person.business_group,
            match.person.skills,
        )
        for match in preview.matches
    ]
    return rows or [("—", f"no one at or next to {grade}", "", "", "", "")]


def meeting_heading(meeting: MeetingDetail) -> Text:
    """The meeting's date, whether it is open, and how far its agenda has got."""
    decided = sum(1 for item in meeting.agenda if item.decided)
    heading = Text(f"Meeting of {long_date(meeting.held_on)}  ", style="bold")
    heading.append(
        " OPEN " if meeting.is_open else " CLOSED: decisions final ",
        style="bold reverse" if meeting.is_open else "bold #9e9e9e reverse",
    )
    heading.append(f"  {len(meeting.agenda)} items, {decided} decided")
    return heading


def people_text(meeting: MeetingDetail) -> Text:
    """The chair, the trade union representatives and who attends."""
    people = Text("Chair ", style="bold")
    people.append(meeting.chair)
    people.append("   Trade union ", style="bold")
    people.append("; ".join(meeting.union_reps) or "none recorded")
    people.append("\nAttending ", style="bold")
    people.append("; ".join(meeting.attendees) or "—")
    return people


def empty_agenda_text(may_build: bool) -> Text:
    """An empty agenda (the key to build it only for a role that may)."""
    hint = ": press b to add every waiting request." if may_build else "."
    return Text("The agenda is empty" + hint, style="italic")


def item_text(detail: RequestDetail, item: AgendaItem, held_on: date) -> Text:
    """The agenda item's request: what, who, why, and decisions at earlier meetings."""
    row = detail.row
    text = Text()
    text.append(f"Item {item.position}: {row.reference}", style="bold")
    if item.carried_over:
        text.append("  carried over", style="bold #ef6c00")
    text.append(f"\n{row.post}, {row.grade}, {detail.business_group_name} ({row.business_group})")
    kind = staff_type_label(row.staff_type)
    if row.is_extension:
        kind = (
            f"Extension of {detail.engagement_reference} {detail.engagement_worker}, approved "
            f"to {detail.engagement_max_end}, by {detail.max_weeks} weeks"
        )
    elif detail.max_weeks:
        kind += f", up to {detail.max_weeks} weeks"
    text.append(
        f"\n{kind} · {show_fte(row.fte_x100)} FTE · "
        f"{'funded' if detail.funded else 'UNFUNDED'} · {detail.route} route · cost centre "
        f"{detail.cost_centre or '—'}"
    )
    text.append(f"\nRequested by {row.requested_by} on {row.received_on.isoformat()}")
    if detail.programme_code:
        text.append(f" for {detail.programme_code} {detail.programme_name}")
    text.append(f"; entered by {row.entered_by}")
    text.append("\n")
    text.append(detail.justification, style="italic")
    for earlier in detail.decisions:
        if earlier.live and earlier.meeting < held_on:
            text.append(f"\nEarlier, {earlier.meeting.isoformat()}: ", style="bold")
            text.append_text(outcome_text(earlier.outcome, short=False))
            text.append(f": {earlier.reason}")
    return text


def decision_text(
    decision: DecisionRead | None, meeting_open: bool, may_decide: bool = True, refusal: str = ""
) -> Text:
    """The decision taken on this item at this meeting, or what to do next (the keys
    only for a role that may record decisions; `refusal`: why this user may not decide
    this request, said instead of the keys)."""
    if decision is None:
        if not (meeting_open and may_decide):
            hint = "Not decided."
        elif refusal:
            hint = f"Not decided yet.\n{refusal}."
        else:
            hint = "Not decided yet: press d to record the decision."
        return Text(hint, style="italic")
    text = Text("Decision: ", style="bold")
    text.append_text(outcome_text(decision.outcome, short=False))
    text.append(f" (decision {decision.id}, recorded by {decision.recorded_by})")
    if decision.supersedes_id:
        text.append(
            f"\nCorrects decision {decision.supersedes_id}: {decision.correction_reason}",
            style="italic",
        )
    if decision.conditions:
        text.append(f"\nConditions: {decision.conditions}")
    text.append(f"\nReason: {decision.reason}")
    if decision.approved_weeks is not None:
        text.append(f"\nMaximum engagement: {decision.approved_weeks} weeks")
    text.append(f"\nPosting List: {decision.posting_text}")
    if decision.override_reason:
        text.append(f"\nOverride reason: {decision.override_reason}")
    if may_decide:
        text.append(f"\n{refusal}." if refusal else "\nPress c to correct it.", style="dim")
    return text


def own_request(identity: Identity, request: RequestRow) -> str:
    """Why `identity` may not decide `request` (they entered it), or ''."""
    return own_record_refusal(identity, request.entered_by, request.reference)


def why_not_decide(meeting: MeetingDetail, item: AgendaItem, identity: Identity) -> str:
    """Why the highlighted item cannot be decided now ('' when it can)."""
    reference = item.request.reference
    if not meeting.is_open:
        return "This meeting is closed: its decisions are final. Press c to correct one."
    if item.decision is not None:
        return f"{reference} is decided. Press c to correct the decision."
    return own_request(identity, item.request)


def why_not_correct(item: AgendaItem, detail: RequestDetail, identity: Identity) -> str:
    """Why the highlighted item's decision cannot be corrected here ('' when it can)."""
    reference = item.request.reference
    live = detail.live_decision
    if item.decision is None or live is None:
        return f"{reference} has no decision here to correct."
    if live.id != item.decision.id:
        return (
            f"{reference} was decided again on {live.meeting.isoformat()}; "
            "correct it from that meeting."
        )
    return own_request(identity, item.request)


def why_not_remove(meeting: MeetingDetail, item: AgendaItem) -> str:
    """Why the highlighted item cannot come off the agenda ('' when it can)."""
    if not meeting.is_open:
        return f"The meeting of {meeting.held_on.isoformat()} is closed: its agenda is final."
    if item.decision is not None:
        return (
            f"{item.request.reference} is decided at this meeting, so it cannot come off "
            "the agenda. Press c to correct the decision instead."
        )
    return ""
