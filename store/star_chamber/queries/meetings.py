"""Meetings: the list, one meeting with its agenda, and the next open meeting."""

from __future__ import annotations

import sqlite3
from datetime import date

from store.rows import as_date, columns, named
from store.sql import window
from store.star_chamber.queries.common import split_names
from store.star_chamber.queries.decisions import decisions_at_meeting
from store.star_chamber.queries.requests import REQUEST_SELECT, to_request_row
from store.star_chamber.read_models import AgendaItem, MeetingDetail, MeetingRow, RequestRow


def list_meetings(connection: sqlite3.Connection, *, limit: int = -1) -> list[MeetingRow]:
    """Meetings, newest first, with how many agenda items each has and how many are decided."""
    params: dict = {}
    rows = named(
        connection,
        """
        SELECT m.id, m.held_on, m.status, m.chair,
               (SELECT COUNT(*) FROM sc_agenda_item AS a WHERE a.meeting_id = m.id) AS items,
               (SELECT COUNT(DISTINCT d.request_id) FROM sc_decision AS d
                 WHERE d.meeting_id = m.id) AS decided
        FROM sc_meeting AS m ORDER BY m.held_on DESC
        """
        + window(limit, 0, params),
        params,
    )
    return [MeetingRow(**columns(row, held_on=as_date(row["held_on"]))) for row in rows]


def agenda_references(connection: sqlite3.Connection, meeting_id: int) -> list[str]:
    """The references on a meeting's agenda, in order."""
    rows = connection.execute(
        "SELECT r.reference FROM sc_agenda_item AS a JOIN sc_request AS r ON r.id = a.request_id "
        "WHERE a.meeting_id = :id ORDER BY a.position",
        {"id": meeting_id},
    )
    return [row[0] for row in rows]


def meeting_detail(connection: sqlite3.Connection, held_on: date) -> MeetingDetail | None:
    """A meeting with its agenda and the live decision on each item, or None."""
    row = named(
        connection,
        "SELECT id, held_on, status, chair, attendees, union_reps, closed_by, closed_at, version "
        "FROM sc_meeting WHERE held_on = :held_on",
        {"held_on": held_on.isoformat()},
    ).fetchone()
    if row is None:
        return None
    meeting_id = row["id"]
    live = {
        decision.reference: decision
        for decision in decisions_at_meeting(connection, meeting_id)
        if decision.live
    }
    items = named(
        connection,
        REQUEST_SELECT.replace("SELECT", "SELECT a.position, a.carried_over,", 1)
        + " JOIN sc_agenda_item AS a ON a.request_id = r.id WHERE a.meeting_id = :id"
        + " ORDER BY a.position",
        {"id": meeting_id},
    ).fetchall()
    agenda = tuple(
        AgendaItem(
            position=item["position"],
            carried_over=bool(item["carried_over"]),
            request=(request := to_request_row(item)),
            decision=live.get(request.reference),
        )
        for item in items
    )
    return MeetingDetail(
        **columns(
            row,
            held_on=as_date(row["held_on"]),
            attendees=split_names(row["attendees"]),
            union_reps=split_names(row["union_reps"]),
            agenda=agenda,
        )
    )


def waiting_for_agenda(connection: sqlite3.Connection, held_on: date) -> list[RequestRow]:
    """What building the agenda of the meeting on `held_on` adds, in the order it adds
    them: every waiting request received by then, deferred ones first, then the oldest."""
    rows = named(
        connection,
        REQUEST_SELECT
        + " WHERE r.status = 'received' AND r.received_on <= :held_on"
        + " ORDER BY r.outcome IS DISTINCT FROM 'deferred', r.received_on, r.id",
        {"held_on": held_on.isoformat()},
    )
    return [to_request_row(row) for row in rows]


def open_meetings(connection: sqlite3.Connection) -> list[MeetingRow]:
    """The open meetings, earliest first: those a waiting request can go on."""
    return sorted(
        (meeting for meeting in list_meetings(connection) if meeting.status == "open"),
        key=lambda meeting: meeting.held_on,
    )


def next_open_meeting(connection: sqlite3.Connection, after: date | None = None) -> date | None:
    """The earliest open meeting (after `after`, if given), or None."""
    row = connection.execute(
        "SELECT MIN(held_on) FROM sc_meeting WHERE status = 'open' AND held_on > ?",
        ((after.isoformat() if after else ""),),
    ).fetchone()
    return as_date(row[0])


def default_meeting(connection: sqlite3.Connection) -> date | None:
    """The meeting to open by default: the earliest open one, else the latest held."""
    found = next_open_meeting(connection)
    if found is not None:
        return found
    row = connection.execute("SELECT MAX(held_on) FROM sc_meeting").fetchone()
    return as_date(row[0])
