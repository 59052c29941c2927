"""The offline operations the server refused, and what the person decides about each:
re-apply it on top of the server's values (sent at the next sync, without the check
that refused it for newer values), take theirs, or drop mine."""

from __future__ import annotations

import json

from store.errors import InputError, NotFoundError
from store.sync.journal import PLACEHOLDER
from store.sync.types import CONFLICT, DROP, DROPPED, HOWS, PENDING, REAPPLY, THEIRS, ConflictRead

_COLUMNS = "op_id, seq, what, reason, input_json, theirs_json, offline_at"


def _shown(data):
    """An op's input as the person gave it: placeholders as the local value."""
    if isinstance(data, list):
        return [_shown(value) for value in data]
    if isinstance(data, dict):
        if PLACEHOLDER in data:
            return data["local"]
        return {key: _shown(value) for key, value in data.items()}
    return data


def _mine(input_json: str) -> dict:
    """The fields the op gave (its first argument), or all its arguments."""
    data = _shown(json.loads(input_json))
    args = data["args"]
    if len(args) == 1 and isinstance(args[0], dict) and not data["kwargs"]:
        return args[0]
    return {"args": args, **data["kwargs"]}


def _conflict(row) -> ConflictRead:
    op_id, seq, what, reason, input_json, theirs_json, at = row
    theirs = json.loads(theirs_json) if theirs_json else None
    return ConflictRead(
        op_id=op_id,
        seq=seq,
        what=what,
        reason=reason or "",
        mine=_mine(input_json),
        theirs=theirs["values"] if theirs else None,
        their_by=theirs["by"] if theirs else None,
        their_at=theirs["at"] if theirs else None,
        at=at,
    )


def list_conflicts(store) -> list[ConflictRead]:
    """The replica's operations in conflict, in the order they were made."""
    with store.reading() as connection:
        rows = connection.execute(
            f"SELECT {_COLUMNS} FROM sync_journal WHERE status = '{CONFLICT}' ORDER BY seq"
        ).fetchall()
    return [_conflict(row) for row in rows]


def find_op(connection, op_id: str) -> tuple[str, str]:
    """The full op id and status of the op `op_id` names (its first characters will
    do when they name one op); NotFoundError otherwise."""
    rows = connection.execute(
        "SELECT op_id, status FROM sync_journal WHERE op_id LIKE ?", (f"{op_id}%",)
    ).fetchall()
    if len(rows) != 1:
        problem = "names no operation" if not rows else "names more than one operation"
        raise NotFoundError("id", f"{op_id} {problem}; `portfolio conflicts` lists them")
    return rows[0]


def resolve_conflict(store, op_id: str, how: str) -> str:
    """Settle a conflict: `reapply` (sent again at the next sync, over the server's
    values), `theirs` (the server's values stand) or `drop` (mine is dropped); returns
    the op's full id."""
    if how not in HOWS:
        raise InputError("how", f"must be one of {', '.join(HOWS)}")
    with store.writing() as session:
        connection = session.connection().connection.driver_connection
        found, status = find_op(connection, op_id)
        if status != CONFLICT:
            raise InputError("id", f"{found} is {status}, not in conflict; nothing to resolve")
        new, force = {REAPPLY: (PENDING, True), DROP: (DROPPED, False)}.get(how, (THEIRS, False))
        from sqlalchemy import text

        session.execute(
            text("UPDATE sync_journal SET status = :s, force = :f WHERE op_id = :o"),
            {"s": new, "f": force, "o": found},
        )
    return found
