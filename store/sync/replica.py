"""Making a laptop replica, and opening its server.

`create_replica` copies the server's whole register (users and audit chain too, with
`store.move.copy_database`) into a new owner-only SQLite file, written beside its name
and renamed into place, and adds the `replica_state` row: the server (no password),
the login, the schema version and the server chain's head at the copy. The file then
opens with the normal `portfolio --db FILE`, acting as that login.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from store import clock
from store.db.schema import SchemaStatus, head_revision, inspect_url
from store.files import write_atomically
from store.paths import shown_url, sqlite_url
from store.sync.types import SyncRefusedError

if TYPE_CHECKING:
    from store.handle import Store
    from store.models import ReplicaState

STATE_COLUMNS = (
    "replica",
    "server",
    "login",
    "schema_version",
    "created_at",
    "pulled_at",
    "server_event_id",
    "server_hash",
)
COPY_ATTEMPTS = 3


def read_state(connection) -> ReplicaState | None:
    """The replica's state on a DB-API connection (None: not a replica). The models
    load only for a replica: opening an ordinary database stays on the light read path."""
    columns = ", ".join(STATE_COLUMNS)
    row = connection.execute(f"SELECT {columns} FROM replica_state LIMIT 1").fetchone()
    if row is None:
        return None
    from store.models import ReplicaState

    return ReplicaState(**dict(zip(STATE_COLUMNS, row, strict=True)))


def refuse_unless_current(url: str, what: str) -> None:
    """SyncRefusedError unless the database at `url` has this app's schema."""
    state = inspect_url(url)
    if state.status is SchemaStatus.MISSING:
        raise SyncRefusedError(
            f"the {what} {shown_url(url)} cannot be found (no such file or database): "
            "check it is where the replica was made from, or give its place with "
            "--server; nothing was sent"
        )
    if state.status is not SchemaStatus.CURRENT:
        raise SyncRefusedError(
            f"{what} is at schema {state.revision or state.status.value}, this app at "
            f"{head_revision()}: upgrade the app (or the {what}) so both are on one version, "
            "then try again; nothing was sent"
        )


def open_server(url: str, login: str) -> Store:
    """A handle on the server acting as `login`; refused when the server is on another
    schema version, this connection's login is not `login`, or `login` is not an
    active user there."""
    from store.handle import Store
    from store.users.acting import authorise_acting
    from store.users.queries import find_user

    refuse_unless_current(url, "server")
    store = Store(url, login)
    try:
        authorise_acting(store, login)
        if store.actor != login:
            raise SyncRefusedError(
                f"this connection logs in to the server as {store.actor}, but the replica "
                f"belongs to {login}: sync as {login}, or make your own replica"
            )
        with store.reading() as connection:
            if read_state(connection) is not None:
                raise SyncRefusedError(f"{shown_url(url)} is itself a replica, not a server")
            user = find_user(connection, login)
        if user is None or not user.active:
            raise SyncRefusedError(
                f"{login} is {'switched off' if user else 'not a user'} on the server: "
                "nothing was sent or taken; an admin there can enable the login again"
            )
    except BaseException:
        store.close()
        raise
    return store


def refuse_unless_copied_from(server: Store, state: ReplicaState) -> None:
    """SyncRefusedError unless `server` is the register the replica was copied from: its
    audit chain holds, at the event the replica pulled up to, the hash the replica
    recorded (another server's records have other ids, so nothing may be sent to it)."""
    with server.reading() as connection:
        row = connection.execute(
            f"SELECT hash FROM audit_event WHERE id = {int(state.server_event_id)}"
        ).fetchone()
    if row is None or row[0] != state.server_hash:
        raise SyncRefusedError(
            f"{shown_url(server.url)} is not the register this replica was copied from "
            f"({state.server}): its records are other records; nothing was sent. Sync with "
            "the server the replica was made from, or make a new replica of this one"
        )


def fill_state(path: Path, values: dict) -> None:
    """Write the one `replica_state` row into the SQLite file at `path`."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("DELETE FROM replica_state")
            names = ", ".join(STATE_COLUMNS)
            marks = ", ".join("?" for _ in STATE_COLUMNS)
            connection.execute(
                f"INSERT INTO replica_state (id, {names}) VALUES (1, {marks})",
                [values[name] for name in STATE_COLUMNS],
            )
    finally:
        connection.close()


def copy_server(server: Store, target: Path) -> dict:
    """Copy the server's register into the empty SQLite file `target`; the state the
    copy gives the replica (the server chain's head it took). A server that moves on
    while it is copied is copied again, at most COPY_ATTEMPTS times."""
    from store.move import CopyRefusedError, copy_database  # the copy path, not the read path

    for attempt in range(COPY_ATTEMPTS):
        try:
            report = copy_database(server.url, sqlite_url(target), server.actor)
            break
        except CopyRefusedError as error:
            if attempt == COPY_ATTEMPTS - 1 or "copied chain ends" not in str(error):
                raise
            target.write_bytes(b"")
    now = clock.utc_timestamp()
    return {
        "server": shown_url(server.url),
        "login": server.actor,
        "schema_version": head_revision(),
        "pulled_at": now,
        "server_event_id": report.source_events,
        "server_hash": report.source_head,
    }


def create_replica(server: Store, path: Path) -> ReplicaState:
    """Make the replica file `path` of `server`'s register for the server's acting
    login (see the module docstring); its state."""
    refuse_unless_current(server.url, "server")

    def fill(temporary: Path) -> None:
        values = copy_server(server, temporary)
        values |= {"replica": str(uuid.uuid4()), "created_at": values["pulled_at"]}
        fill_state(temporary, values)

    written = write_atomically(Path(path), fill, field="file")
    connection = sqlite3.connect(written)
    try:
        return read_state(connection)
    finally:
        connection.close()


def act_as_replica_login(store: Store, claimed: str | None) -> bool:
    """On a replica, act as its login (the person it was made for, at this laptop's OS
    account) unless `claimed` names someone else; True when the store is a replica
    acting so, False when the usual acting rules apply."""
    from store.audit import Identity
    from store.db.dialect import missing_object

    if store.path is None:
        return False
    try:
        with store.reading() as connection:
            state = read_state(connection)
    except Exception as error:
        if missing_object(error):
            return False
        raise
    if state is None or claimed not in (None, state.login):
        return False
    own = store.identity
    store.identity = Identity(actor=state.login, os_user=own.os_user, host=own.host)
    return True
