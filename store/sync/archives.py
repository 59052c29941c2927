"""`check` on a server: the laptops' archived chains still verify.

Each `replica_archive` row holds a laptop's own audit events since its last pull, as
the laptop recorded them. They must still chain from the archive's base hash to its
final hash with every event's hash intact, and the final hash must be the one the
archive's own audit event (in the server's chain) recorded: so what was done offline
can be shown, and shown not to have been altered in transit or since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from store.audit import AUDIT_COLUMNS, event_hash
from store.db.dialect import missing_object


@dataclass
class ArchiveReport:
    """Archives checked, the offline events in them, and any problems."""

    archives: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)


def _chain_problem(events: list[dict], base: str, final: str, count: int) -> str | None:
    """Why the archived events do not chain from `base` to `final`, if they do not."""
    previous = base
    for number, event in enumerate(events):
        fields = {name: event.get(name) for name in AUDIT_COLUMNS}
        if fields["prev_hash"] != previous or event_hash(fields) != event.get("hash"):
            return f"its event {number + 1} (laptop event {event.get('id')}) was altered"
        if number and fields["id"] != events[number - 1]["id"] + 1:
            return f"an event is missing before laptop event {fields['id']}"
        previous = event["hash"]
    if previous != final or len(events) != count:
        return "its events do not end at its final hash"
    return None


def _recorded_final(connection, archive_id: int) -> str | None:
    """The final hash the archive's audit event recorded."""
    row = connection.execute(
        "SELECT after_json FROM audit_event WHERE entity = 'replica_archive' "
        f"AND entity_id = '{int(archive_id)}' ORDER BY id LIMIT 1"
    ).fetchone()
    return json.loads(row[0]).get("final_hash") if row and row[0] else None


def verify_archives(connection) -> ArchiveReport:
    """Check every archived laptop chain on a DB-API connection."""
    report = ArchiveReport()
    try:
        rows = connection.execute(
            "SELECT id, login, base_hash, final_hash, events, events_json "
            "FROM replica_archive ORDER BY id"
        ).fetchall()
    except Exception as error:
        if missing_object(error):
            return report
        raise
    for archive_id, login, base, final, count, events_json in rows:
        events = json.loads(events_json)
        report.archives += 1
        report.events += len(events)
        problem = _chain_problem(events, base, final, count)
        if problem is None and _recorded_final(connection, archive_id) != final:
            problem = "its final hash is not the one its audit event recorded"
        if problem is not None:
            report.problems.append(f"offline archive {archive_id} ({login}): {problem}")
    return report
