"""The journal of intentions: each outermost guarded service call made on a replica is
recorded, in the call's own transaction, as the call it was (service, input as given,
actor, laptop time, a unique op id) with the records it made and touched, read from the
audit events it wrote.

Identity: a record made offline has a local id the server will not give it. When a
later call's input names a record that a still-pending call made (an `id` or
`<entity>_id` field holding its local id, or any field holding its local reference
such as SC-2011-0042), the value is kept as a placeholder naming the op that made it
(`{"$op": op_id, "entity": ..., "local": value}`), resolved to the server's identity at
push time. So a later offline edit always reaches the record it was made on.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlmodel import Session, func, select

from store import clock
from store.audit import STAMP_AT, canonical_json
from store.errors import InputError
from store.models import AuditEvent, ReplicaState, SyncIdentity, SyncJournal
from store.sync.types import PENDING

REPLICA_KEY = "sync.replica"
PULLING = (
    "a sync is taking the server's register into this replica; save again in a moment "
    "(if no sync is running, one was interrupted: run `portfolio sync` again)"
)
PLACEHOLDER = "$op"
# Entities whose events are not records an op made or touched.
NOT_RECORDS = ("permission",)
# The input fields that name what an op is about, for people, first found first.
SUBJECT_KEYS = ("reference", "code", "login", "name")


def is_replica(session: Session) -> bool:
    """True when the session's database is a laptop replica (asked once per session);
    InputError while a sync is taking the server's register into it."""
    found = session.info.get(REPLICA_KEY)
    if found is None:
        state = session.exec(select(ReplicaState.id, ReplicaState.pulling_since)).first()
        found = session.info[REPLICA_KEY] = state is not None
        if found and state[1] is not None:
            raise InputError("replica", PULLING)
    return found


def last_event_id(session: Session) -> int:
    """The id of the latest audit event (0 when there is none)."""
    return session.exec(select(func.max(AuditEvent.id))).one() or 0


def events_after(session: Session, event_id: int) -> list[AuditEvent]:
    """The audit events after `event_id`, oldest first."""
    return list(
        session.exec(select(AuditEvent).where(AuditEvent.id > event_id).order_by(AuditEvent.id))
    )


def plain(value: Any) -> Any:
    """A service argument as JSON: a pydantic input as the fields given (so "only the
    fields given" survives), a mapping or value with dates as ISO text."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_unset=True)
    if isinstance(value, Mapping):
        value = dict(value)
    return json.loads(canonical_json(value))


def journalled(
    session: Session, service: str, args: tuple, kwargs: dict, call: Callable[[], Any]
) -> Any:
    """Run `call` (the guarded service) and journal it as one offline operation."""
    before = last_event_id(session)
    offline_at = session.info[STAMP_AT] = clock.utc_timestamp()
    try:
        result = call()
    finally:
        session.info.pop(STAMP_AT, None)
    events = [e for e in events_after(session, before) if e.entity not in NOT_RECORDS]
    data = {"args": [plain(a) for a in args], "kwargs": {k: plain(v) for k, v in kwargs.items()}}
    made = offline_made(session)
    data = with_placeholders(data, made, {e.entity for e in events})
    op_id = str(uuid.uuid4())
    effects = effects_of(events, data, made)
    session.add(
        SyncJournal(
            op_id=op_id,
            service=service,
            input_json=canonical_json(data),
            actor=session.info["identity"].actor,
            offline_at=offline_at,
            what=describe(service, data, events),
            effects_json=canonical_json(effects),
        )
    )
    for entity, local_id in effects["created"]:
        session.add(SyncIdentity(op_id=op_id, entity=entity, local_id=local_id))
    session.flush()
    return result


def offline_made(session: Session) -> dict[tuple[str, str], str]:
    """The records made offline by still-pending ops: (entity, local id) -> op id. An
    op re-applied after a conflict is left out: the pull since replaced its records,
    so its local ids may now be other records'."""
    rows = session.exec(
        select(SyncIdentity.entity, SyncIdentity.local_id, SyncIdentity.op_id)
        .join(SyncJournal, SyncJournal.op_id == SyncIdentity.op_id)
        .where(SyncJournal.status == PENDING, SyncJournal.force == False)  # noqa: E712
    )
    return {(entity, local): op for entity, local, op in rows}


def _entities_for(key: str, value: Any, made: Mapping, touched: set[str]) -> list[str]:
    """The entities whose offline-made record `key: value` may name."""
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        return []
    local = str(value)
    candidates = [entity for entity, made_id in made if made_id == local]
    if isinstance(value, str) and not local.isdigit():
        return candidates  # a reference (SC-2011-0042) names its record whatever the key
    if key == "id":
        return [entity for entity in candidates if entity in touched]
    if key.endswith("_id"):
        stem = key[:-3]
        return [e for e in candidates if e == stem or e.endswith(f"_{stem}")]
    return []


def with_placeholders(data: Any, made: Mapping, touched: set[str], key: str = "") -> Any:
    """`data` with each value naming an offline-made record replaced by a placeholder."""
    if isinstance(data, dict):
        return {k: with_placeholders(v, made, touched, k) for k, v in data.items()}
    if isinstance(data, list):
        return [with_placeholders(v, made, touched, key) for v in data]
    for entity in _entities_for(key, data, made, touched):
        return {PLACEHOLDER: made[(entity, str(data))], "entity": entity, "local": data}
    return data


def _identity(entity: str, entity_id: str, made: Mapping) -> list:
    """[entity, id, op that made it offline or None]."""
    return [entity, entity_id, made.get((entity, entity_id))]


def effects_of(events: list[AuditEvent], data: dict, made: Mapping) -> dict[str, Any]:
    """What an op did locally: records it made, records it changed (each with the op
    that made it offline, if one did), the record whose version it saw, and the fields
    it gave."""
    created = [[e.entity, e.entity_id] for e in events if e.action == "create"]
    touched: list = []
    for event in events:
        entry = _identity(event.entity, event.entity_id, made)
        if event.action != "create" and entry not in touched:
            touched.append(entry)
    first = data["args"][0] if data["args"] and isinstance(data["args"][0], dict) else {}
    expected = first.get("expected_version")
    versioned = None
    for event in events:
        before = json.loads(event.before_json or "null")
        if expected is not None and isinstance(before, dict) and before.get("version") == expected:
            versioned = _identity(event.entity, event.entity_id, made)
            break
    given = sorted(set(first) - {"id", "expected_version"})
    return {"created": created, "touched": touched, "versioned": versioned, "given": given}


def describe(service: str, data: dict, events: list[AuditEvent]) -> str:
    """The op in a few words: `decide SC-2011-0007`, `update risk 16`, `create risk TPD`."""
    verb = service.rsplit(".", 1)[-1].replace("_", " ")
    first = data["args"][0] if data["args"] and isinstance(data["args"][0], dict) else {}
    for key in SUBJECT_KEYS:
        if isinstance(first.get(key), str):
            return f"{verb} {first[key]}"
    named = next((e for e in events if e.action != "create"), None)
    if named is None:
        return verb
    entity = named.entity.replace("_", " ")
    return (
        f"{verb} {named.entity_id}"
        if verb.endswith(entity)
        else f"{verb} {entity} {named.entity_id}"
    )
