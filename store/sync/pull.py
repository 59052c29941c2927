"""Pulling: the server's register in place of the replica's local copy, and the
laptop's own audit chain archived on the server first.

The laptop's audit events since its last pull (what was done offline, as the laptop
recorded it) are archived on the server with the hash they started from and the hash
they ended at, once per final hash. Then the replica is marked as being pulled into, so
no save slips in between (a save waits, told so, until the pull is done). The server is
copied into a file beside the replica (owner-only), the replica's state, journal and
identity map are carried over into it, and it is copied over the replica with SQLite's
online backup, in one transaction: a kill at any point leaves the old register or the
new one, never half of one, and a program that has the replica open sees one or the
other.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from store import clock
from store.audit import AUDIT_COLUMNS, record_event
from store.db.backup import copy_over
from store.files import staged_beside
from store.models import ReplicaArchive
from store.sync.replica import copy_server, fill_state
from store.sync.types import PENDING

CARRIED = ("sync_journal", "sync_identity")
ARCHIVE = "replica_archive"


def offline_events(connection, since: int) -> list[dict]:
    """The replica's audit events after event `since` (the server's head at the pull)."""
    columns = (*AUDIT_COLUMNS, "hash")
    rows = connection.execute(
        f"SELECT {', '.join(columns)} FROM audit_event WHERE id > {int(since)} ORDER BY id"
    ).fetchall()
    return [dict(zip(columns, row, strict=True)) for row in rows]


def archive_offline_chain(server, events: list[dict], state) -> bool:
    """Archive the laptop's offline events on the server (once per final hash); True
    when an archive was written now."""
    if not events:
        return False
    final = events[-1]["hash"]
    with server.writing() as session:
        done = session.exec(
            select(ReplicaArchive.id).where(
                ReplicaArchive.replica == state.replica, ReplicaArchive.final_hash == final
            )
        ).first()
        if done is not None:
            return False
        archive = ReplicaArchive(
            replica=state.replica,
            login=state.login,
            base_hash=events[0]["prev_hash"],
            final_hash=final,
            events=len(events),
            events_json=json.dumps(events, ensure_ascii=False),
            archived_at=clock.utc_timestamp(),
        )
        session.add(archive)
        session.flush()
        record_event(
            session,
            entity=ARCHIVE,
            entity_id=archive.id,
            action="archive",
            after={
                k: getattr(archive, k)
                for k in ("replica", "login", "base_hash", "final_hash", "events")
            },
            reason="the laptop's own audit chain since its last pull, kept as it was",
        )
    return True


def begin_pull(store) -> bool:
    """Mark the replica as being pulled into (its writes then wait, `store.sync.journal`)
    unless an op journalled meanwhile waits to be sent (False: push again first)."""
    with store.writing() as session:
        waiting = session.execute(
            text("SELECT count(*) FROM sync_journal WHERE status = :s"), {"s": PENDING}
        ).scalar()
        if waiting:
            return False
        session.execute(
            text("UPDATE replica_state SET pulling_since = :t"), {"t": clock.utc_timestamp()}
        )
    return True


def _carry_over(old: Path, new: Path) -> None:
    """Copy the journal and identity map of the replica at `old` into `new`, and make
    `new` one self-contained file (no write-ahead log beside it)."""
    connection = sqlite3.connect(new)
    try:
        connection.execute("ATTACH DATABASE ? AS old", (str(old),))
        with connection:
            for table in CARRIED:
                connection.execute(f"DELETE FROM main.{table}")
                connection.execute(f"INSERT INTO main.{table} SELECT * FROM old.{table}")
        connection.execute("DETACH DATABASE old")
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def pull(store, server, state) -> str:
    """Replace the replica `store`'s register with a fresh copy of `server`'s, keeping
    its state, journal and identity map (`begin_pull` first); the time of the pull."""
    path = Path(store.path)
    with staged_beside(path, ".pull") as staged:
        values = copy_server(server, staged)
        values |= {"replica": state.replica, "created_at": state.created_at}
        fill_state(staged, values)
        _carry_over(path, staged)
        copy_over(staged, path)
    store.accept_replacement()
    return values["pulled_at"]
