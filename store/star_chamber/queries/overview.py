"""The Star Chamber at a glance: the next meeting, requests by status, the Posting List
and engagements ending soon."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from store.rows import as_date, named
from store.star_chamber.queries.requests import status_counts
from store.star_chamber.read_models import Overview


def overview(connection: sqlite3.Connection, *, as_at: date, weeks: int = 4) -> Overview:
    """Counts for the Star Chamber screen's status line, as at the reporting date `as_at`
    (`store.portfolio.queries.reporting_date`): engagements ending within `weeks` of it."""
    row = named(
        connection,
        """
        SELECT m.held_on,
               (SELECT COUNT(*) FROM sc_agenda_item AS a WHERE a.meeting_id = m.id) AS items,
               (SELECT COUNT(DISTINCT d.request_id) FROM sc_decision AS d
                 WHERE d.meeting_id = m.id) AS decided
        FROM sc_meeting AS m WHERE m.status = 'open' ORDER BY m.held_on LIMIT 1
        """,
    ).fetchone()
    counts = status_counts(connection)
    on_list = connection.execute(
        "SELECT COUNT(*) FROM sc_displaced WHERE status = 'on_list'"
    ).fetchone()[0]
    until = (as_at + timedelta(weeks=weeks)).isoformat()
    soon = connection.execute(
        "SELECT COUNT(*) FROM sc_engagement WHERE status = 'active' AND max_end_on <= :until",
        {"until": until},
    ).fetchone()[0]
    return Overview(
        next_meeting=as_date(row["held_on"]) if row else None,
        next_meeting_items=row["items"] if row else 0,
        next_meeting_decided=row["decided"] if row else 0,
        received=counts["received"],
        on_agenda=counts["on_agenda"],
        decided=counts["decided"],
        on_posting_list=on_list,
        ending_soon=soon,
        ending_within_weeks=weeks,
        as_at=as_at,
    )
