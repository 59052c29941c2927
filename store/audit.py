"""The audit log: one hash-chained event per change, written in the change's transaction.

Each event's hash covers its id, its fields and the previous event's hash, so an
event that is edited, deleted, inserted or moved behind the app's back breaks the
chain at that point. `verify_chain` walks the log with plain DB-API reads.

Services write rows through the helpers here, so every write has the same shape:
`add_with_audit` inserts a row with its `create` event; `check_version` refuses an edit
from a stale copy; `require_change` keeps the values that would change a row (refusing
a save that changes nothing); `update_with_audit` sets them, moves the version on and
records the `update` event; `bump_version` changes a row inside another row's event;
`stamp` gives who and when.
"""

from __future__ import annotations

import hashlib
import json
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from store import clock, paths
from store.db.watch import announce_change
from store.errors import InputError, NotFoundError, StaleVersionError

GENESIS_HASH = "0" * 64
# Set on a session by sync while it replays an offline operation on the server: its
# events carry it ({replica, offline_at, op_id}).
SYNC_ORIGIN = "sync.origin"
# Set on a session to stamp rows at one time: an offline operation's, on the laptop as
# it is journalled and on the server as it is replayed.
STAMP_AT = "stamp.at"

AUDIT_COLUMNS = (
    "id",
    "occurred_at",
    "actor",
    "os_user",
    "host",
    "entity",
    "entity_id",
    "action",
    "before_json",
    "after_json",
    "reason",
    "prev_hash",
)


@dataclass(frozen=True)
class Identity:
    """Who is making a change: the app user it is recorded against, the OS account that
    made it (from the process's real user id), and the host. When the two differ, an
    admin's OS account acted on the app user's behalf."""

    actor: str
    os_user: str
    host: str

    @classmethod
    def for_actor(cls, actor: str) -> Identity:
        """The identity of `actor` on this machine."""
        return cls(actor=actor, os_user=paths.os_login(), host=socket.gethostname())

    @classmethod
    def of_person(cls, person: str) -> Identity:
        """`person` at their own OS account on this machine: how the demo's people, each
        entering and deciding as themself, are recorded (separation of duties compares
        OS accounts too, so one account acting for all of them could decide nothing)."""
        return cls(actor=person, os_user=person, host=socket.gethostname())

    @property
    def on_behalf(self) -> bool:
        """True when the OS account acts as another app user."""
        return self.actor != self.os_user


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot audit a {type(value).__name__}")


def canonical_json(value: Any) -> str:
    """Stable JSON: sorted keys, no spaces, dates as ISO strings."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
    )


def event_hash(fields: Mapping[str, Any]) -> str:
    """The SHA-256 of an event's stored fields, in `AUDIT_COLUMNS` order."""
    payload = json.dumps([fields[name] for name in AUDIT_COLUMNS], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record_event(
    session,
    *,
    entity: str,
    entity_id: object,
    action: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> str:
    """Append one audit event in the session's transaction and return its hash.

    The write transaction holds SQLite's write lock (`BEGIN IMMEDIATE`), so reading
    the last event and appending the next cannot race another writer.
    """
    from sqlmodel import select

    from store.models import AuditEvent

    identity: Identity = session.info["identity"]
    origin = session.info.get(SYNC_ORIGIN)
    if origin is not None:  # an offline operation replayed by sync: say where it came from
        if after is not None:
            after = {**after, "sync_origin": origin}
        else:
            reason = f"{reason or ''} [sync {canonical_json(origin)}]".strip()
    last = session.exec(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    fields = {
        "id": (last[0] + 1) if last else 1,
        "occurred_at": clock.utc_timestamp(),
        "actor": identity.actor,
        "os_user": identity.os_user,
        "host": identity.host,
        "entity": entity,
        "entity_id": str(entity_id),
        "action": action,
        "before_json": canonical_json(before) if before is not None else None,
        "after_json": canonical_json(after) if after is not None else None,
        "reason": reason,
        "prev_hash": last[1] if last else GENESIS_HASH,
    }
    digest = event_hash(fields)
    session.add(AuditEvent(**fields, hash=digest))
    session.flush()
    announce_change(session, entity)
    return digest


def entering_person(session, entity: str, entity_id: object) -> str:
    """The OS account whose audit event created row `entity_id` of `entity` ('' when
    there is none): the real person who entered it, whoever they acted as."""
    from sqlmodel import select

    from store.models import AuditEvent

    found = session.exec(
        select(AuditEvent.os_user)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
        .where(AuditEvent.action == "create")
        .order_by(AuditEvent.id)
        .limit(1)
    ).first()
    return found or ""


def actor(session) -> str:
    """The app user a change in `session` is recorded against."""
    return session.info["identity"].actor


def stamp(session, by: str = "entered_by", at: str = "entered_at") -> dict[str, str]:
    """Who makes the change in `session` and when, as a row records them: `{by: actor,
    at: UTC timestamp}`; an offline operation replayed by sync keeps its offline time."""
    return {by: actor(session), at: session.info.get(STAMP_AT) or clock.utc_timestamp()}


def snapshot(record: Any) -> dict[str, Any]:
    """A table row's column values, as the audit log records them before and after."""
    return record.model_dump()


def add_with_audit(
    session,
    record: Any,
    *,
    entity: str,
    entity_id: object = None,
    action: str = "create",
    extra: Mapping[str, Any] | None = None,
    extra_before: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> Any:
    """Insert a new table row and record its `create` event, in one step; returns the row
    (flushed, so its id is set). The event names the row by `entity_id` (default its id)
    and records its columns, with `extra` (e.g. the codes of rows it refers to); its
    before is `extra_before` (e.g. the order the new row joined), else nothing."""
    session.add(record)
    session.flush()
    before = dict(extra_before) if extra_before is not None else None
    _record_row(session, record, entity, entity_id, action, before, extra, reason)
    return record


def _record_row(
    session,
    record: Any,
    entity: str,
    entity_id: object,
    action: str,
    before: Mapping[str, Any] | None,
    extra: Mapping[str, Any] | None,
    reason: str | None,
) -> None:
    """Record `action` on a table row (flushed), with its columns after it and `extra`."""
    record_event(
        session,
        entity=entity,
        entity_id=record.id if entity_id is None else entity_id,
        action=action,
        before=before,
        after=snapshot(record) | dict(extra or {}),
        reason=reason,
    )


def check_version(record: Any, expected: int | None, message: str) -> None:
    """Refuse an edit made from version `expected` of `record` when someone else has
    saved it since: StaleVersionError(`message`), before anything is written. An edit
    that gives no version (None) is not checked."""
    if expected is not None and expected != record.version:
        raise StaleVersionError(message)


def editing(session, model: type, record_id: int, expected: int | None, what: str) -> Any:
    """The `model` row with id `record_id`, about to be edited from version `expected`:
    NotFoundError naming `id` when there is none ("no risk with id 9"), and the refusal
    of `check_version` when someone else has saved it since."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError("id", f"no {what} with id {record_id}")
    check_version(
        record,
        expected,
        f"{what} {record_id} was changed by someone else since you opened it; reload and try again",
    )
    return record


NOTHING_TO_CHANGE = "nothing to change: every value given is already set"


def differences(record: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """The `values` (by column) that differ from what `record` holds."""
    return {name: value for name, value in values.items() if getattr(record, name) != value}


def require_change(
    record: Any,
    values: Mapping[str, Any],
    *,
    field: str = "changes",
    problem: str = NOTHING_TO_CHANGE,
) -> dict[str, Any]:
    """The `values` that would change `record`; InputError(`field`, `problem`) when none
    would, so a save that changes nothing writes nothing."""
    changed = differences(record, values)
    if not changed:
        raise InputError(field, problem)
    return changed


def bump_version(session, record: Any, changes: Mapping[str, Any] | None = None) -> Any:
    """Set `changes` on `record` and move its version on, with no audit event of its own:
    for a row changed as part of another record's change (a decision posting someone),
    whose event the caller records. `update_with_audit` is this plus the event."""
    for name, value in (changes or {}).items():
        setattr(record, name, value)
    record.version += 1
    session.add(record)
    return record


def update_with_audit(
    session,
    record: Any,
    changes: Mapping[str, Any] | None = None,
    *,
    entity: str,
    entity_id: object = None,
    action: str = "update",
    extra: Mapping[str, Any] | None = None,
    extra_before: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> Any:
    """Change a table row and record its event, in one step: set `changes` (by column),
    move the version on, flush, and record `action` with the row's columns before and
    after (with `extra_before` and `extra` beside them, e.g. the names of rows it refers
    to). Check the version the editor started from first, with `check_version`."""
    before = snapshot(record) | dict(extra_before or {})
    bump_version(session, record, changes)
    session.flush()
    _record_row(session, record, entity, entity_id, action, before, extra, reason)
    return record


@dataclass(frozen=True)
class ChainReport:
    """The outcome of walking the audit chain."""

    events: int
    last_hash: str
    first_bad_id: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when every event's hash and link held."""
        return self.problem is None


def verify_rows(rows: Iterable[tuple]) -> ChainReport:
    """Check a sequence of audit rows (AUDIT_COLUMNS then hash), oldest first."""
    expected_prev = GENESIS_HASH
    before_prev = None  # the hash the event before the last one carried
    expected_id = 1
    count = 0
    for row in rows:
        fields = dict(zip(AUDIT_COLUMNS, row[:-1], strict=True))
        stored_hash = row[-1]
        event_id = fields["id"]
        if event_id != expected_id:
            what = "missing" if event_id > expected_id else "out of order"
            return ChainReport(
                count,
                expected_prev,
                event_id,
                f"audit event {expected_id} is {what} (found event {event_id} in its place)",
            )
        # An event that links past the one before it: that one was slipped in.
        if fields["prev_hash"] != expected_prev and fields["prev_hash"] == before_prev:
            return _broken_link(count, expected_prev, before_prev, fields)
        if event_hash(fields) != stored_hash:
            return ChainReport(
                count,
                expected_prev,
                event_id,
                f"audit event {event_id} was changed after it was written "
                "(its hash does not match)",
            )
        if fields["prev_hash"] != expected_prev:
            return _broken_link(count, expected_prev, before_prev, fields)
        before_prev, expected_prev = expected_prev, stored_hash
        expected_id += 1
        count += 1
    return ChainReport(count, expected_prev)


def _broken_link(count: int, expected_prev: str, before_prev: str | None, fields) -> ChainReport:
    """Name the first bad event when an event's own hash holds but its link does not.

    The event before it is the bad one: either it was inserted (this event still links
    to the one before that) or it was rewritten with a freshly computed hash (this event
    still links to its original hash). The first event has nothing before it to blame.
    """
    event_id = fields["id"]
    if event_id == 1:
        return ChainReport(
            count, expected_prev, 1, "audit event 1 does not start the chain (it was rewritten)"
        )
    culprit = event_id - 1
    if fields["prev_hash"] == before_prev:
        how = f"event {culprit} was inserted behind the app's back"
    else:
        how = f"event {culprit} was rewritten with a recomputed hash"
    return ChainReport(
        count - 1,
        before_prev or GENESIS_HASH,
        culprit,
        f"audit event {event_id} does not follow the event before it: {how}",
    )


def verify_chain(connection) -> ChainReport:
    """Walk the whole audit log on a DB-API connection and report the first break."""
    columns = ", ".join((*AUDIT_COLUMNS, "hash"))
    cursor = connection.execute(f"SELECT {columns} FROM audit_event ORDER BY id")
    return verify_rows(iter(cursor))
