"""Pulling: the server's register in place of the replica's local copy, and the
laptop's own audit chain archived on the server first.

The server is copied into a temporary file beside the replica (owner-only), the
replica's state, journal and identity map are carried over into it, and it is renamed
over the replica only when whole: a kill at any point leaves either the old file or
the new one, never half of one. Before that, the laptop's audit events since its last
pull (what was done offline, as the laptop recorded it) are archived on the server
with the hash they started from and the hash they ended at, once per final hash.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from sqlmodel import select

from store import clock
from store.audit import AUDIT_COLUMNS, record_event
from store.files import create_private_file, flush_to_disk, remove_database
from store.models import ReplicaArchive
from store.sync.replica import copy_server, fill_state
from store.sync.types import SyncRefusedError

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


def _carry_over(old: Path, new: Path) -> None:
    """Copy the journal and identity map of the replica at `old` into `new`."""
    connection = sqlite3.connect(new)
    try:
        connection.execute("ATTACH DATABASE ? AS old", (str(old),))
        with connection:
            for table in CARRIED:
                connection.execute(f"DELETE FROM main.{table}")
                connection.execute(f"INSERT INTO main.{table} SELECT * FROM old.{table}")
        connection.execute("DETACH DATABASE old")
    finally:
        connection.close()


def _quiesce(path: Path) -> None:
    """Fold the replica's write-ahead log into it and make sure no other program has it
    open, so the new file can take its place: SyncRefusedError when one does."""
    connection = sqlite3.connect(path)
    try:
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        connection.close()
    wal = Path(f"{path}-wal")
    if busy or (wal.exists() and wal.stat().st_size):
        raise SyncRefusedError(
            f"{path} is open in another program; close it and sync again "
            "(everything sent so far is on the server and will not be sent twice)"
        )


def pull(store, server, state) -> str:
    """Replace the replica `store` with a fresh copy of `server`'s register, keeping
    its state, journal and identity map; the time of the pull."""
    path = Path(store.path)
    temporary = path.with_name(f".{path.name}.pull")
    remove_database(temporary)
    create_private_file(temporary)
    try:
        values = copy_server(server, temporary)
        values |= {"replica": state.replica, "created_at": state.created_at}
        fill_state(temporary, values)
        _carry_over(path, temporary)
        store.close()
        _quiesce(path)
        flush_to_disk(temporary)
        os.replace(temporary, path)
        flush_to_disk(path.parent)
    except BaseException:
        remove_database(temporary)
        raise
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store.accept_replacement()
    return values["pulled_at"]
