"""Who last changed a Star Chamber record, from the audit log, for the conflict dialog
of a save refused as stale. A record's version also moves when something else changes
it (a decision posts a person or extends an engagement; an engagement starts against a
request), so each query looks at those events too, not only the record's own. All use
the audit log's entity index."""

from __future__ import annotations

import sqlite3

from store.concurrency import LastChange, latest_change


def _latest(connection: sqlite3.Connection, where: str, reference: str) -> LastChange | None:
    return latest_change(connection, where, {"reference": reference.strip().upper()})


def last_request_change(connection: sqlite3.Connection, reference: str) -> LastChange | None:
    """The latest audit event on a request, its decisions, its agenda items or the
    engagement started against it (who changed it last, and when), or None."""
    return _latest(
        connection,
        """
        (entity = 'sc_request' AND entity_id = :reference)
           OR (entity = 'sc_decision' AND entity_id IN (
                   SELECT CAST(d.id AS TEXT) FROM sc_decision AS d
                   JOIN sc_request AS r ON r.id = d.request_id WHERE r.reference = :reference))
           OR (entity = 'sc_agenda_item' AND entity_id IN (
                   SELECT CAST(a.id AS TEXT) FROM sc_agenda_item AS a
                   JOIN sc_request AS r ON r.id = a.request_id WHERE r.reference = :reference))
           OR (entity = 'sc_engagement' AND entity_id IN (
                   SELECT e.reference FROM sc_engagement AS e
                   JOIN sc_request AS r ON r.engagement_id = e.id WHERE r.reference = :reference))
        """,
        reference,
    )


def last_displaced_change(connection: sqlite3.Connection, reference: str) -> LastChange | None:
    """The latest audit event on a person on the Posting List, or on a decision that
    posted them or corrected such a posting (who changed them last, and when), or None."""
    return _latest(
        connection,
        """
        (entity = 'sc_displaced' AND entity_id = :reference)
           OR (entity = 'sc_decision' AND entity_id IN (
                   SELECT CAST(d.id AS TEXT) FROM sc_decision AS d
                   JOIN sc_displaced AS p ON p.reference = :reference
                   WHERE d.posted_person_id = p.id OR d.supersedes_id IN (
                       SELECT o.id FROM sc_decision AS o WHERE o.posted_person_id = p.id)))
        """,
        reference,
    )


def last_engagement_change(connection: sqlite3.Connection, reference: str) -> LastChange | None:
    """The latest audit event on an engagement, or on a decision about a request made
    for it, such as an extension (who changed it last, and when), or None."""
    return _latest(
        connection,
        """
        (entity = 'sc_engagement' AND entity_id = :reference)
           OR (entity = 'sc_decision' AND entity_id IN (
                   SELECT CAST(d.id AS TEXT) FROM sc_decision AS d
                   JOIN sc_request AS r ON r.id = d.request_id
                   JOIN sc_engagement AS e ON e.id = r.engagement_id
                   WHERE e.reference = :reference))
        """,
        reference,
    )
