"""Reads of the audit log, as plain SQL on a DB-API connection.

`entity_history` gives one record's events. `initiative_history` gives an initiative's
own events and those of the records that belong to it (its RAG assessments, risks,
milestones, dependencies either way, and the savings lines linked to it with their
cells), newest first. Each part is one indexed lookup on (entity, entity_id).
"""

from __future__ import annotations

import sqlite3

from store.history.read_models import AuditEntry
from store.rows import named

_COLUMNS = "id, occurred_at, actor, entity, entity_id, action, before_json, after_json, reason"

# For each entity, the ids (as text) of its records that belong to initiative :id.
BELONGS_TO_INITIATIVE: dict[str, str] = {
    "initiative": "SELECT CAST(:id AS TEXT)",
    "rag_assessment": "SELECT CAST(id AS TEXT) FROM rag_assessment WHERE initiative_id = :id",
    "risk": "SELECT CAST(id AS TEXT) FROM risk WHERE initiative_id = :id",
    "milestone": "SELECT CAST(id AS TEXT) FROM milestone WHERE initiative_id = :id",
    "dependency": (
        "SELECT CAST(id AS TEXT) FROM dependency "
        "WHERE from_initiative_id = :id OR to_initiative_id = :id"
    ),
    "savings_line": (
        "SELECT CAST(line_id AS TEXT) FROM savings_line_initiative WHERE initiative_id = :id"
    ),
    "savings_cell": (
        "SELECT CAST(c.id AS TEXT) FROM savings_cell AS c JOIN savings_line_initiative AS s "
        "ON s.line_id = c.line_id WHERE s.initiative_id = :id"
    ),
}


def entity_history(
    connection: sqlite3.Connection, entity: str, entity_id: object, *, limit: int = 500
) -> list[AuditEntry]:
    """One record's audit events, newest first."""
    rows = named(
        connection,
        f"SELECT {_COLUMNS} FROM audit_event WHERE entity = :entity AND entity_id = :id "
        "ORDER BY id DESC LIMIT :limit",
        {"entity": entity, "id": str(entity_id), "limit": limit},
    )
    return [AuditEntry(**row) for row in rows]


def initiative_history(
    connection: sqlite3.Connection, initiative_id: int, *, limit: int = 500
) -> list[AuditEntry]:
    """An initiative's audit trail with its assessments', risks', milestones',
    dependencies' and linked savings' events, newest first."""
    parts = [
        f"SELECT {_COLUMNS} FROM audit_event WHERE entity = '{entity}' AND entity_id IN ({ids})"
        for entity, ids in BELONGS_TO_INITIATIVE.items()
    ]
    sql = " UNION ALL ".join(parts) + " ORDER BY id DESC LIMIT :limit"
    rows = named(connection, sql, {"id": initiative_id, "limit": limit})
    return [AuditEntry(**row) for row in rows]
