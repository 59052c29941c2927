"""Which restore put the database a Store is looking at in place: its generation.

A restore records a `restore` event in the database it puts in place (entity
`restore`, named by the file it came from, with a fresh restore id), so the hash of
the latest such event marks the database's generation. A Store notes it on its first
read or write and compares it before every write: a handle opened before a restore
then refuses to save over the restored data (`DatabaseReplacedError`) until whoever
holds it has reloaded what they show and accepted the new generation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from store.db.dialect import index_hint, missing_object

RESTORE = "restore"  # the entity and action of a restore's audit event

_LATEST_RESTORE = (
    "SELECT hash, after_json, occurred_at FROM audit_event {hint}"
    " WHERE entity = :entity ORDER BY id DESC LIMIT 1"
)


@dataclass(frozen=True)
class Generation:
    """The latest restore's event hash (None: never restored), its file and time."""

    marker: str | None = None
    source: str = ""
    at: str = ""


def read_generation(connection) -> Generation:
    """The generation of the database on a DB-API connection (one indexed lookup)."""
    try:
        sql = _LATEST_RESTORE.format(hint=index_hint(connection, "ix_audit_event_entity"))
        row = connection.execute(sql, {"entity": RESTORE}).fetchone()
    except Exception as error:
        if missing_object(error):  # not yet created: no restore either
            return Generation()
        raise
    if row is None:
        return Generation()
    after = json.loads(row[1] or "{}")
    return Generation(row[0], after.get("file", "?"), row[2])
