"""Pushing one offline operation to the server, exactly once.

Each op runs in one server transaction: if `sync_applied` already holds its op id (an
earlier, interrupted sync got it in), its stored result is taken and nothing runs
again. Otherwise its placeholders are resolved to the server's identity of the records
made offline, and it is refused as a conflict when the server changed a field it gives
since the replica's pull (by anyone but this replica): edits to other fields merge, and
the version it saw is moved on to the server's. Then the same service runs as the
replica's login, so roles, separation of duties, versions and the Star Chamber rules
all apply; its events carry the origin (replica, offline time, op id) and
`sync_applied` records it. A refusal is a conflict with the reason and the server's
values (theirs: who and when, from the audit log).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from store import clock
from store.audit import STAMP_AT, SYNC_ORIGIN, canonical_json
from store.errors import InputError, PermissionDenied
from store.models import AuditEvent, SyncApplied
from store.sync.journal import PLACEHOLDER, SUBJECT_KEYS, events_after, last_event_id

APPLIED, ALREADY, REFUSED = "applied", "already", "conflict"
IGNORED_FIELDS = ("version", "sync_origin")


@dataclass(frozen=True)
class Outcome:
    """What the server did with one op: applied, already (earlier), or conflict."""

    status: str
    created: list | None = None
    reason: str | None = None
    theirs: dict | None = None


class UnresolvedError(Exception):
    """An op names a record made offline by an op the server did not take."""


def service_named(name: str):
    """The guarded service by its dotted name; InputError for any other name (a journal
    edited beside the app could name any function: the server runs only services)."""
    from store.users.guard import SERVICES

    module, _, function = name.rpartition(".")
    found = None
    if module.split(".", 1)[0] == "store":
        with contextlib.suppress(ImportError):
            found = getattr(importlib.import_module(module), function, None)
    if name in SERVICES and getattr(found, "permission", None) is not None:
        return found
    raise InputError("service", f"{name} is not a service of this app; the server ran nothing")


def op_digest(op) -> str:
    """What an op asked for (its service and input), as the server keeps it with the op
    id: an op id copied into another journal over another op is told apart."""
    return hashlib.sha256(f"{op.service}\n{op.input_json}".encode()).hexdigest()


def resolve(data: Any, identities: dict, refused: set[str]) -> Any:
    """`data` with each placeholder replaced by the server's identity of its record."""
    if isinstance(data, list):
        return [resolve(value, identities, refused) for value in data]
    if not isinstance(data, dict):
        return data
    if PLACEHOLDER not in data:
        return {key: resolve(value, identities, refused) for key, value in data.items()}
    key = (data[PLACEHOLDER], data["entity"], str(data["local"]))
    if data[PLACEHOLDER] in refused or key not in identities:
        raise UnresolvedError(
            f"it names the {data['entity'].replace('_', ' ')} made offline as "
            f"{data['local']}, which the server did not take"
        )
    found = identities[key]
    return int(found) if isinstance(data["local"], int) else found


def server_identity(entry: list, identities: dict) -> str | None:
    """The server's id of a touched record [entity, local id, op that made it]."""
    entity, local, maker = entry
    return local if maker is None else identities.get((maker, entity, local))


def _values(text: str | None) -> dict:
    """An event's before or after JSON as a dict ({} when there is none)."""
    found = json.loads(text or "null")
    return found if isinstance(found, dict) else {}


def _changed(event: AuditEvent) -> dict[str, Any]:
    """The fields an update event changed, with their new values ({} for a create)."""
    before, after = _values(event.before_json), _values(event.after_json)
    if not before:
        return {}
    return {k: v for k, v in after.items() if k not in IGNORED_FIELDS and before.get(k) != v}


def _foreign(session: Session, entity: str, server_id: str, since: int, replica: str) -> list:
    """The server's events on a record after event `since`, not made by this replica."""
    events = session.exec(
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == server_id)
        .where(AuditEvent.id > since)
        .order_by(AuditEvent.id)
    )
    return [e for e in events if _origin(e).get("replica") != replica]


def _origin(event: AuditEvent) -> dict:
    """The sync origin an event carries ({} for one made on the server)."""
    return _values(event.after_json).get("sync_origin", {})


def newer_values(session: Session, state, effects: dict, identities: dict) -> Outcome | None:
    """A conflict when the server changed, since the pull, a field of a record that
    this op gives (an edit to other fields merges). An op whose input is not the
    record's fields (a decision on a request) is left to its service's own checks."""
    given = set(effects["given"])
    for entry in effects["touched"]:
        server_id = server_identity(entry, identities)
        if server_id is None or not given:
            continue
        clash = {}
        for event in _foreign(session, entry[0], server_id, state.server_event_id, state.replica):
            if not given <= set(_values(event.after_json)):
                break
            changed = _changed(event)
            clash |= {k: (changed[k], event.actor, event.occurred_at) for k in given & set(changed)}
        if clash:
            return _stale(entry[0], server_id, clash)
    return None


def _stale(entity: str, server_id: str, clash: dict) -> Outcome:
    """The conflict of an op whose fields the server changed since the pull."""
    fields = ", ".join(sorted(clash))
    last = max(clash.values(), key=lambda item: item[2])
    theirs = {"values": {k: v[0] for k, v in clash.items()}, "by": last[1], "at": last[2]}
    return Outcome(
        REFUSED,
        reason=f"{entity.replace('_', ' ')} {server_id} was changed on the server since your "
        f"copy ({fields}, by {last[1]} at {last[2]})",
        theirs=theirs,
    )


def _latest_after(session: Session, entity: str, server_id: str) -> AuditEvent | None:
    """The latest event on a record."""
    return session.exec(
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == server_id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()


def move_version_on(session: Session, data: dict, effects: dict, identities: dict) -> None:
    """Set the op's expected version to the server's version of the record it saw."""
    first = data["args"][0] if data["args"] and isinstance(data["args"][0], dict) else None
    if first is None or "expected_version" not in first or not effects["versioned"]:
        return
    entity = effects["versioned"][0]
    server_id = server_identity(effects["versioned"], identities)
    event = _latest_after(session, entity, server_id) if server_id is not None else None
    after = _values(event.after_json) if event is not None else {}
    if "version" in after:
        first["expected_version"] = after["version"]


def their_side(session: Session, effects: dict, identities: dict, data: dict) -> dict | None:
    """What the server holds now of the record an op touched (or, for an op that only
    names one, such as a decision on SC-2011-0014, the latest event naming it): its
    values, who, when."""
    events = [
        _latest_after(session, entry[0], server_identity(entry, identities))
        for entry in effects["touched"] or []
        if server_identity(entry, identities) is not None
    ]
    first = data["args"][0] if data["args"] and isinstance(data["args"][0], dict) else {}
    named = next((first[k] for k in SUBJECT_KEYS if isinstance(first.get(k), str)), None)
    if not any(events) and named is not None:
        events = [_latest_naming(session, named)]
    event = next((e for e in events if e is not None), None)
    if event is None:
        return None
    values = {k: v for k, v in _values(event.after_json).items() if k != "sync_origin"}
    return {"values": values, "by": event.actor, "at": event.occurred_at}


def _latest_naming(session: Session, name: str) -> AuditEvent | None:
    """The latest event on the record called `name`, or whose values name it."""
    quoted = json.dumps(name)
    return session.exec(
        select(AuditEvent)
        .where((AuditEvent.entity_id == name) | AuditEvent.after_json.contains(quoted))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()


def _taken_before(done: SyncApplied, state, op) -> Outcome:
    """The outcome of an op whose id the server took before: its earlier result when it
    is this op (same login, same replica or a copy of it, same service and input), else
    a conflict (an op id copied from another replica's journal)."""
    result = json.loads(done.result_json)
    if (done.login, done.replica, result.get("digest", op_digest(op))) != (
        state.login,
        state.replica,
        op_digest(op),
    ):
        return Outcome(
            REFUSED,
            reason=f"the server took operation {op.op_id} from another replica or login, "
            "not this one; nothing was applied (drop it and make the change again)",
        )
    return Outcome(ALREADY, created=result["created"])


def offline_time(claimed: str) -> str:
    """The op's offline time, no later than the server's now: a laptop clock running
    ahead cannot make an offline change newer than what the server has since."""
    return min(claimed, clock.utc_timestamp())


def push_op(server, state, op, identities: dict, refused: set[str]) -> Outcome:
    """Send one journalled op to the server (see the module docstring)."""
    effects = json.loads(op.effects_json)
    try:
        data = resolve(json.loads(op.input_json), identities, refused)
    except UnresolvedError as error:
        return Outcome(REFUSED, reason=str(error))
    try:
        with server.writing() as session:
            return _apply(session, state, op, data, effects, identities)
    except (InputError, PermissionDenied, IntegrityError) as error:
        with server.writing() as session:
            theirs = their_side(session, effects, identities, data)
        return Outcome(REFUSED, reason=refusal_reason(error), theirs=theirs)


def refusal_reason(error: BaseException) -> str:
    """Why the server refused an op, in one line."""
    if isinstance(error, IntegrityError):
        detail = str(error.orig).strip().splitlines()[0]
        return f"the server refused it: {detail} (a code or reference taken meanwhile?)"
    return str(error)


def _apply(session: Session, state, op, data: dict, effects: dict, identities: dict) -> Outcome:
    """Inside one server transaction: take the op once (or its earlier result)."""
    done = session.get(SyncApplied, op.op_id)
    if done is not None:
        return _taken_before(done, state, op)
    if not op.force:
        stale = newer_values(session, state, effects, identities)
        if stale is not None:
            return stale
    move_version_on(session, data, effects, identities)
    before = last_event_id(session)
    at = offline_time(op.offline_at)
    origin = {"replica": state.replica, "offline_at": at, "op_id": op.op_id}
    if at != op.offline_at:  # the laptop's clock ran ahead: keep what it said too
        origin["laptop_clock"] = op.offline_at
    session.info[SYNC_ORIGIN] = origin
    session.info[STAMP_AT] = at
    try:
        service_named(op.service)(*data["args"], **data["kwargs"], session=session)
    finally:
        session.info.pop(SYNC_ORIGIN, None)
        session.info.pop(STAMP_AT, None)
    created = [
        [e.entity, e.entity_id] for e in events_after(session, before) if e.action == "create"
    ]
    session.add(
        SyncApplied(
            op_id=op.op_id,
            replica=state.replica,
            login=state.login,
            offline_at=at,
            applied_at=clock.utc_timestamp(),
            result_json=canonical_json({"created": created, "digest": op_digest(op)}),
        )
    )
    session.flush()
    return Outcome(APPLIED, created=created)
