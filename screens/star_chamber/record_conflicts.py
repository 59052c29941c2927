"""Where the Star Chamber's versioned forms read a record again when a save is refused
because someone else saved it first: a person on the Posting List, an engagement,
establishment figures and a meeting being closed. Each gives a `ConflictSource`
for `DeclaredForm` (screens/common/conflict_source.py says how it is used)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from screens.common.conflict_source import ConflictSource, Current
from store.concurrency import LastChange, last_change
from store.star_chamber.queries.changes import last_displaced_change, last_engagement_change
from store.star_chamber.read_models import (
    DisplacedRow,
    EngagementRow,
    EstablishmentRow,
    MeetingDetail,
)
from store.star_chamber.rules import plain_fte

STATUS = {"status": "Status"}


def _status(status: str) -> str:
    return status.replace("_", " ")


def _reader(
    key: Any,
    find: Callable[[sqlite3.Connection, Any], Any],
    values: Callable[[Any], dict[str, Any]],
    changed_by: Callable[[sqlite3.Connection, Any], LastChange | None],
) -> Callable[[sqlite3.Connection, Mapping[str, Any]], Current | None]:
    """A source's `read` for the record `find` returns for `key`: its values, its
    version and who last changed it (None once it is gone)."""

    def read(connection: sqlite3.Connection, _data: Mapping[str, Any]) -> Current | None:
        now = find(connection, key)
        if now is None:
            return None
        return Current(values(now), now.version, changed_by(connection, key))

    return read


def _status_source(
    kind: str,
    row: Any,
    key: Any,
    find: Callable[[sqlite3.Connection, Any], Any],
    values: Callable[[Any], dict[str, Any]],
    changed_by: Callable[[sqlite3.Connection, Any], LastChange | None],
    *,
    live: str,
    facts: dict[str, str] | None = None,
) -> ConflictSource:
    """A source for a record with a status: its values opened from `row`, read again by
    `key`; once its status is no longer `live` the change can no longer be made."""
    return ConflictSource(
        kind,
        values(row),
        _reader(key, find, values, changed_by),
        facts=STATUS | (facts or {}),
        final=lambda now: now["status"] != _status(live),
    )


def displaced_values(person: DisplacedRow) -> dict[str, Any]:
    """A person's standing as the leave-the-list form compares it."""
    left = person.status == "left"
    return {
        "status": _status(person.status),
        "on": person.status_on.isoformat() if left and person.status_on else "",
        "reason": person.left_reason if left else "",
    }


def displaced_source(person: DisplacedRow) -> ConflictSource:
    """For the form recording `person` leaving the Posting List."""
    from store.star_chamber.queries.posting_list import displaced_by_reference

    return _status_source(
        "Posting List entry",
        person,
        person.reference,
        displaced_by_reference,
        displaced_values,
        last_displaced_change,
        live="on_list",
    )


def engagement_values(engagement: EngagementRow) -> dict[str, Any]:
    """An engagement's standing as the end-of-engagement form compares it."""
    return {
        "status": _status(engagement.status),
        "max_end_on": engagement.max_end_on.isoformat(),
        "on": engagement.ended_on.isoformat() if engagement.ended_on else "",
    }


def engagement_source(engagement: EngagementRow) -> ConflictSource:
    """For the form recording `engagement` ending."""
    from store.star_chamber.queries.engagements import engagement_by_reference

    return _status_source(
        "engagement",
        engagement,
        engagement.reference,
        engagement_by_reference,
        engagement_values,
        last_engagement_change,
        live="active",
        facts={"max_end_on": "Approved to"},
    )


ESTABLISHMENT_KEY = ("business_group", "staff_group", "financial_year")


def establishment_values(row: EstablishmentRow) -> dict[str, Any]:
    """One row's figures as the establishment form holds them."""
    return {
        "business_group": row.business_group,
        "staff_group": row.staff_group,
        "financial_year": row.financial_year,
        "budgeted": plain_fte(row.budgeted_x100),
        "strength": plain_fte(row.strength_x100),
        "target_vacancy_pct": str(row.target_pct),
        "start_strength": plain_fte(row.start_strength_x100),
        "reduction": plain_fte(row.reduction_x100),
    }


def establishment_source(row: EstablishmentRow | None) -> ConflictSource:
    """For the establishment form: figures opened from `row`, or new ones (None) that
    someone else may record first for the same group, staff group and year."""
    from store.star_chamber.queries.establishment import establishment_rows

    def read(connection: sqlite3.Connection, data: Mapping[str, Any]) -> Current | None:
        group, staff_group, year = (data.get(name) for name in ESTABLISHMENT_KEY)
        found = next(
            (
                one
                for one in establishment_rows(connection, year)
                if one.business_group == group and one.staff_group == staff_group
            ),
            None,
        )
        if found is None:
            return None
        change = last_change(connection, "sc_establishment", f"{group}/{staff_group}/{year}")
        return Current(establishment_values(found), found.version, change)

    opened = establishment_values(row) if row is not None else {}
    return ConflictSource("establishment row", opened, read, key_fields=ESTABLISHMENT_KEY)


def meeting_values(meeting: MeetingDetail) -> dict[str, Any]:
    """A meeting's standing as the close-the-meeting confirmation compares it."""
    undecided = len(meeting.undecided)
    return {
        "status": _status(meeting.status),
        "agenda": f"{len(meeting.agenda)} items, {undecided} without a decision",
    }


def meeting_source(meeting: MeetingDetail) -> ConflictSource:
    """For the confirmation that closes `meeting`."""
    from store.star_chamber.queries.meetings import meeting_detail

    def changed_by(connection: sqlite3.Connection, held_on: date) -> LastChange | None:
        return last_change(connection, "sc_meeting", held_on.isoformat())

    return _status_source(
        "meeting",
        meeting,
        meeting.held_on,
        meeting_detail,
        meeting_values,
        changed_by,
        live="open",
        facts={"agenda": "Agenda"},
    )
