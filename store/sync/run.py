"""`sync(store)`: push the replica's journal to its server, then pull.

Guard rails first: the store must be a replica, acting as its login, passing `check`,
on the server's schema version. Then each pending op goes to the server in order,
exactly once (`store.sync.push`), and its outcome is recorded in the journal (with the
server's identity of what it made); the laptop's own chain is archived on the server
and the server's register is pulled in place of the local copy (`store.sync.pull`).
A failure (the network, a kill) stops the sync; run again, it sends nothing twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import text

from store.paths import shown_url
from store.sync.pull import archive_offline_chain, begin_pull, offline_events, pull
from store.sync.push import ALREADY, APPLIED, REFUSED, Outcome, push_op
from store.sync.replica import (
    open_server,
    read_state,
    refuse_unless_copied_from,
    refuse_unless_current,
)
from store.sync.types import (
    CONFLICT,
    DROPPED,
    PENDING,
    SYNCED,
    THEIRS,
    ServerUnreachableError,
    SyncRefusedError,
    SyncResult,
)

Progress = Callable[[int, int, str], None]
# Outcomes noted on the laptop per transaction (each op is still one server transaction).
NOTED_AT_ONCE = 50
PUSH_ROUNDS = 3
_OP_COLUMNS = "seq, op_id, service, input_json, effects_json, offline_at, force, what"


class Op:
    """One journalled op as push reads it."""

    def __init__(self, row) -> None:
        (self.seq, self.op_id, self.service, self.input_json, self.effects_json,
         self.offline_at, self.force, self.what) = row  # fmt: skip


def replica_of(store):
    """The replica's state, after the guard rails on the laptop side."""
    from store.check import check_url

    with store.reading() as connection:
        state = read_state(connection)
    if state is None:
        raise SyncRefusedError(
            "this database is not a replica; make one with `portfolio replica create`"
        )
    if store.actor != state.login:
        raise SyncRefusedError(
            f"this replica belongs to {state.login}, not {store.actor}: only its login syncs it"
        )
    refuse_unless_current(store.url, "replica")
    report = check_url(store.url)
    if not report.ok:
        raise SyncRefusedError(
            "the replica fails `portfolio check` (" + "; ".join(report.problems[:3]) + "): "
            "nothing was sent; restore it from a backup or make a new replica"
        )
    return state


def _journal(store) -> tuple[list[Op], dict, set[str]]:
    """The pending ops in order, the server identities known, and the ops refused."""
    with store.reading() as connection:
        ops = [
            Op(row)
            for row in connection.execute(
                f"SELECT {_OP_COLUMNS} FROM sync_journal WHERE status = '{PENDING}' ORDER BY seq"
            )
        ]
        identities = {
            (op, entity, local): server
            for op, entity, local, server in connection.execute(
                "SELECT op_id, entity, local_id, server_id FROM sync_identity "
                "WHERE server_id IS NOT NULL"
            )
        }
        refused = {
            row[0]
            for row in connection.execute(
                "SELECT op_id FROM sync_journal WHERE status IN (?, ?, ?)",
                (CONFLICT, DROPPED, THEIRS),
            )
        }
    return ops, identities, refused


def _matched(op: Op, created: list) -> list[tuple[str, str, str]]:
    """(entity, local id, server id) of each record the op made, matched in order."""
    local = json.loads(op.effects_json)["created"]
    pairs = []
    for entity in dict.fromkeys(e for e, _ in local):
        mine = [i for e, i in local if e == entity]
        theirs = [i for e, i in created if e == entity]
        pairs += [(entity, a, b) for a, b in zip(mine, theirs, strict=False)]
    return pairs


def record_outcomes(store, done: list[tuple[Op, Outcome]]) -> None:
    """Note on the laptop, in one transaction, what the server did with each op (the
    server's own record is what makes each op exactly once: an op it took that the
    laptop has not noted yet comes back as `already` on the next sync)."""
    with store.writing() as session:
        for op, outcome in done:
            _note(session, op, outcome)


def _note(session, op: Op, outcome: Outcome) -> None:
    """Record one op's outcome and the server's identity of what it made."""
    status = CONFLICT if outcome.status == REFUSED else SYNCED
    theirs = json.dumps(outcome.theirs) if outcome.theirs is not None else None
    result = json.dumps({"status": outcome.status, "created": outcome.created})
    session.execute(
        text(
            "UPDATE sync_journal SET status = :s, reason = :r, result_json = :j, "
            "theirs_json = :t, force = :f WHERE op_id = :o"
        ),
        {"s": status, "r": outcome.reason, "j": result, "t": theirs, "f": False, "o": op.op_id},
    )
    for entity, local, server in _matched(op, outcome.created or []):
        session.execute(
            text(
                "UPDATE sync_identity SET server_id = :s "
                "WHERE op_id = :o AND entity = :e AND local_id = :l"
            ),
            {"s": server, "o": op.op_id, "e": entity, "l": local},
        )


def push_all(store, server, state, progress: Progress | None) -> dict[str, int]:
    """Send every pending op in order, noting the outcomes on the laptop a batch at a
    time; counts by outcome."""
    ops, identities, refused = _journal(store)
    counts = {APPLIED: 0, ALREADY: 0, REFUSED: 0}
    done: list[tuple[Op, Outcome]] = []
    try:
        for number, op in enumerate(ops):
            if progress is not None:
                progress(number, len(ops), op.what)
            outcome = push_op(server, state, op, identities, refused)
            done.append((op, outcome))
            counts[outcome.status] += 1
            for entity, local, made in _matched(op, outcome.created or []):
                identities[(op.op_id, entity, local)] = made
            if outcome.status == REFUSED:
                refused.add(op.op_id)
            if len(done) == NOTED_AT_ONCE:
                record_outcomes(store, done)
                done = []
    finally:
        if done:
            record_outcomes(store, done)
    if progress is not None:
        progress(len(ops), len(ops), "sent")
    return counts


def _push_until_quiet(store, server, state, progress: Progress | None) -> dict[str, int]:
    """Push, and again while saves made meanwhile wait to be sent, until the replica
    can be marked as being pulled into (`begin_pull`); counts by outcome."""
    counts = {APPLIED: 0, ALREADY: 0, REFUSED: 0}
    for _ in range(PUSH_ROUNDS):
        for status, number in push_all(store, server, state, progress).items():
            counts[status] += number
        if begin_pull(store):
            return counts
    raise SyncRefusedError(
        "this replica kept changing while it synced; everything sent is on the server, "
        "sync again when the saving is done"
    )


def sync(store, *, progress: Progress | None = None, server_url: str | None = None) -> SyncResult:
    """Push the replica's journal to its server, then pull (see the module docstring).
    `progress(done, total, what)` is called from the calling thread; `server_url`
    (with a password, say) stands in for the one the replica recorded."""
    state = replica_of(store)
    url = server_url or state.server
    try:
        return _sync(store, state, url, progress)
    except Exception as error:
        if not out_of_reach(error):
            raise
        detail = str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
        raise ServerUnreachableError(shown_url(url), detail) from error


def out_of_reach(error: BaseException) -> bool:
    """True for a driver error that means the server is not there or stopped answering
    (a connection refused or dropped), not a refusal of what was sent."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    if isinstance(error, OperationalError):
        error = error.orig
    if isinstance(error, sqlite3.OperationalError):
        return "unable to open" in str(error)
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(error, psycopg.OperationalError) and error.sqlstate in (None, "08006")


def _sync(store, state, url: str, progress: Progress | None) -> SyncResult:
    """Push, archive and pull against the server at `url` (see `sync`)."""
    server = open_server(url, state.login)
    try:
        refuse_unless_copied_from(server, state)
        counts = _push_until_quiet(store, server, state, progress)
        with store.reading() as connection:
            events = offline_events(connection, state.server_event_id)
        archive_offline_chain(server, events, state)
        if progress is not None:
            progress(1, 1, "pulling the server's register")
        pulled_at = pull(store, server, state)
    finally:
        server.close()
    return SyncResult(
        pushed=sum(counts.values()),
        applied=counts[APPLIED],
        already=counts[ALREADY],
        conflicts=counts[REFUSED],
        pulled_at=pulled_at,
    )
