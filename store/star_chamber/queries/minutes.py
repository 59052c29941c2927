"""The decision log of one meeting, and what the screen shows before a decision."""

from __future__ import annotations

import sqlite3
from datetime import date

from store.star_chamber.queries.decisions import decisions_at_meeting
from store.star_chamber.queries.establishment import impact_of_approval
from store.star_chamber.queries.meetings import meeting_detail
from store.star_chamber.queries.posting_list import matches_for_grade
from store.star_chamber.queries.requests import request_row
from store.star_chamber.read_models import DecisionPreview, Minutes, MinutesItem


def minutes(connection: sqlite3.Connection, held_on: date) -> Minutes | None:
    """Every agenda item of a meeting with every decision taken on it there (corrections
    included, oldest first), or None when there is no meeting on that date."""
    meeting = meeting_detail(connection, held_on)
    if meeting is None:
        return None
    by_request: dict[str, list] = {}
    for decision in decisions_at_meeting(connection, meeting.id):
        by_request.setdefault(decision.reference, []).append(decision)
    items = [
        MinutesItem(
            item.position,
            item.carried_over,
            item.request,
            tuple(by_request.pop(item.request.reference, ())),
        )
        for item in meeting.agenda
    ]
    # A decision whose request has since left this agenda still belongs in the log.
    for reference, decisions in by_request.items():
        request = request_row(connection, reference)
        items.append(MinutesItem(len(items) + 1, False, request, tuple(decisions)))
    return Minutes(meeting, tuple(items))


def decision_preview(
    connection: sqlite3.Connection, reference: str, held_on: date
) -> DecisionPreview | None:
    """The establishment check an approval would face and the Posting List matches."""
    request = request_row(connection, reference)
    if request is None:
        return None
    impact = impact_of_approval(
        connection,
        group_code=request.business_group,
        on=held_on,
        adds_x100=0 if request.is_extension else request.fte_x100,
        exclude_request_id=request.id,
    )
    return DecisionPreview(impact, tuple(matches_for_grade(connection, request.grade)))
