"""Rows the audit log says are there, gone from their table.

The latest event naming a row vouches for its being there unless it removed it (its
`after_json` is empty). A row deleted straight in SQLite leaves that event behind with
no row for it; this names each one. Agenda items are left out: correcting a deferral
takes a request off a later agenda without an event of the item's own (the correction's
event says so).
"""

from __future__ import annotations

from store.integrity.findings import Finding
from store.integrity.tables import AUDITED, Audited

_WITHOUT_OWN_DELETE = ("sc_agenda_item",)


def findings(connection) -> list[Finding]:
    """Every row whose latest event leaves it in place, missing from its table."""
    found: list[Finding] = []
    for audited in AUDITED:
        if audited.table not in _WITHOUT_OWN_DELETE:
            found.extend(_gone(connection, audited))
    return found


def _gone(connection, audited: Audited) -> list[Finding]:
    """The rows of one table its events leave in place but that are not there."""
    sql = f"""
    SELECT x.entity_id, x.id, x.occurred_at FROM audit_event AS x
    WHERE x.entity = :table AND x.after_json IS NOT NULL
      AND x.id = (SELECT MAX(y.id) FROM audit_event AS y
                  WHERE y.entity = x.entity AND y.entity_id = x.entity_id)
      AND x.entity_id NOT IN (SELECT {audited.key} FROM {audited.table} AS r)
    ORDER BY x.id"""
    return [
        Finding(
            audited.table,
            str(key),
            f"is gone, but its latest audit event {event_id} left it in place: "
            "it was deleted behind the app's back",
            since=occurred_at,
        )
        for key, event_id, occurred_at in connection.execute(sql, {"table": audited.table})
    ]
