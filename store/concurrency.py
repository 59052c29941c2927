"""Who last changed a record, from the audit log: what a conflict dialog tells the user
whose save was refused because someone else saved first."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from store import clock
from store.rows import named


@dataclass(frozen=True, slots=True)
class LastChange:
    """The newest audit event on one record: who, from which OS login and host, and when."""

    actor: str
    os_user: str
    host: str
    occurred_at: str
    action: str

    @property
    def describe(self) -> str:
        """`r.achebe at 2011-06-13 09:00 UTC` for people."""
        return f"{self.actor} at {clock.shown_time(self.occurred_at)}"


def latest_change(connection: sqlite3.Connection, where: str, params: dict) -> LastChange | None:
    """The newest audit event matching `where` (a condition on `audit_event` that the
    entity index serves), or None."""
    row = named(
        connection,
        "SELECT actor, os_user, host, occurred_at, action FROM audit_event "
        f"WHERE {where} ORDER BY id DESC LIMIT 1",
        params,
    ).fetchone()
    return LastChange(**row) if row else None


def last_change(
    connection: sqlite3.Connection, entity: str, entity_id: object
) -> LastChange | None:
    """The latest audit event on `entity` `entity_id`, or None (uses the entity index)."""
    return latest_change(
        connection, "entity = :entity AND entity_id = :id", {"entity": entity, "id": str(entity_id)}
    )
