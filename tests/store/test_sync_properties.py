"""Random interleavings of laptop and server operations (creates, edits, decisions,
withdrawals, role changes, RAGs), synced in two rounds, each interrupted at a random
op: every offline op is applied exactly once or listed as a conflict, never applied to
a different record, never silently over a newer value; `check` passes on both sides.
A seeded random generator drives it (one seed per case, so a failure is replayed by
its seed)."""

from __future__ import annotations

import contextlib
import json
import random

import pytest
from sqlmodel import select

from store.check import check_url
from store.errors import InputError, PermissionDenied
from store.models import AuditEvent, Risk, SyncApplied
from store.portfolio.services import record_assessment
from store.programme.risks.services import create_risk, update_risk
from store.star_chamber.services.decisions import decide
from store.sync import run as sync_run
from store.sync.push import _changed
from store.sync.run import sync
from store.users.roles import Role
from tests.support.sync import HEADLINE, RISK, give_role, make_replica, server_as, server_login

SEEDS = 12
FIELDS = {"likelihood": (1, 5), "impact": (1, 5)}
REQUESTS = [f"SC-2011-{n:04d}" for n in (6, 14, 17, 18, 19, 20, 21, 22, 23, 24)]
CODES = ("TPD", "DRM", "BODY-WORN")
MEETING = "2011-06-13"


class Side:
    """One side (the laptop or the server): its handle and the risks it knows."""

    def __init__(self, store, name: str) -> None:
        self.store, self.name, self.risks = store, name, list(range(1, 16))

    def run(self, service, data) -> bool:
        """Run a service; False when the side itself refuses it."""
        try:
            with self.store.writing() as session:
                made = service(data, session=session)
        except (InputError, PermissionDenied):
            return False
        if service is create_risk:
            self.risks.append(made.id)
        return True

    def version(self, risk_id: int) -> int:
        with self.store.writing() as session:
            return session.get(Risk, risk_id).version


def _step(rng: random.Random, side: Side, login: str, label: str) -> None:
    """One random operation on `side`."""
    kind = rng.choice(("create", "edit", "edit", "rag", "decide"))
    if kind == "create":
        side.run(create_risk, RISK | {"description": label})
    elif kind == "edit":
        target = rng.choice(side.risks)
        field = rng.choice(sorted(FIELDS))
        value = rng.randint(*FIELDS[field])
        data = {"id": target, field: value, "expected_version": side.version(target)}
        side.run(update_risk, data)
    elif kind == "rag":
        data = {"code": rng.choice(CODES), "criterion": HEADLINE, "period": "2011-Q1"}
        side.run(record_assessment, data | {"rag": rng.choice("RAG"), "rationale": label})
    elif side.name == "laptop":
        data = {"reference": rng.choice(REQUESTS), "meeting": MEETING, "outcome": "deferred"}
        side.run(decide, data | {"reason": label})
    else:
        _server_only(rng, side, login, label)


def _server_only(rng: random.Random, side: Side, login: str, label: str) -> None:
    """A withdrawal, or the laptop login's role taken away or given back."""
    if rng.random() < 0.7:
        data = {"reference": rng.choice(REQUESTS), "meeting": MEETING, "outcome": "withdrawn"}
        side.run(decide, data | {"reason": label})
    else:
        role = rng.choice((Role.VIEWER, Role.ADMIN))
        give_role(side.store.url, login, role)


def _journal(laptop) -> list[dict]:
    with laptop.reading() as connection:
        cursor = connection.execute(
            "SELECT op_id, status, effects_json FROM sync_journal ORDER BY seq"
        )
        return [
            {"op": op, "status": status, "effects": json.loads(effects)}
            for op, status, effects in cursor
        ]


def _identities(laptop) -> dict:
    with laptop.reading() as connection:
        rows = connection.execute("SELECT op_id, entity, local_id, server_id FROM sync_identity")
        return {(op, entity, local): server for op, entity, local, server in rows}


def _sync_interrupted(laptop, rng: random.Random) -> None:
    """Sync, the connection lost just after the server took a random op; then again."""
    stop, calls, real = rng.randint(1, 12), [], sync_run.push_op

    def failing(*args, **kwargs):
        outcome = real(*args, **kwargs)
        calls.append(outcome)
        if len(calls) == stop:
            raise ConnectionError("the network went")
        return outcome

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sync_run, "push_op", failing)
        with contextlib.suppress(ConnectionError):
            sync(laptop)
    sync(laptop)


def _server_events(server) -> list[AuditEvent]:
    with server.writing() as session:
        return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)))


def _origin(event: AuditEvent) -> dict:
    after = json.loads(event.after_json or "null")
    return after.get("sync_origin", {}) if isinstance(after, dict) else {}


def _assert_once_and_on_its_record(server, journal: list[dict], identities: dict) -> None:
    """Each synced op once on the server, touching only the records it was made on."""
    with server.writing() as session:
        applied = [row.op_id for row in session.exec(select(SyncApplied))]
    by_op: dict[str, list[AuditEvent]] = {}
    for event in _server_events(server):
        if _origin(event):
            by_op.setdefault(_origin(event)["op_id"], []).append(event)
    for op in journal:
        assert op["status"] in ("synced", "conflict"), op
        if op["status"] == "conflict":
            assert op["op"] not in applied and op["op"] not in by_op
            continue
        assert applied.count(op["op"]) == 1
        effects, events = op["effects"], by_op[op["op"]]
        wanted = {
            (entity, local if maker is None else identities[(maker, entity, local)])
            for entity, local, maker in effects["touched"]
        }
        assert {(e.entity, e.entity_id) for e in events if e.action != "create"} == wanted
        assert len([e for e in events if e.action == "create"]) == len(effects["created"])


def _assert_nothing_newer_overwritten(server, journal: list[dict], pulled_at_event: int) -> None:
    """No synced edit changed a field the server had changed since the laptop's pull."""
    events = _server_events(server)
    given = {op["op"]: set(op["effects"]["given"]) for op in journal}
    for index, event in enumerate(events):
        op_id = _origin(event).get("op_id")
        if op_id is None or event.action != "update" or event.entity != "risk":
            continue
        for earlier in events[pulled_at_event:index]:
            if (earlier.entity, earlier.entity_id) != (event.entity, event.entity_id):
                continue
            if _origin(earlier):
                continue
            assert not set(_changed(earlier)) & given[op_id] & set(_changed(event)), (
                f"op {op_id} overwrote {earlier.id}"
            )


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_interleavings_sync_exactly_once_or_conflict(demo_url, frozen_clock, tmp_path, seed):
    rng = random.Random(seed)
    login = server_login(demo_url)
    with (
        server_as(demo_url) as office,
        make_replica(demo_url, tmp_path / "laptop.db", Role.ADMIN) as replica,
    ):
        laptop, server = Side(replica, "laptop"), Side(office, "server")
        for round_ in range(2):
            with replica.reading() as connection:
                mark = connection.execute("SELECT server_event_id FROM replica_state").fetchone()[0]
            for n in range(rng.randint(6, 14)):
                side = laptop if rng.random() < 0.6 else server
                _step(rng, side, login, f"seed {seed} round {round_} step {n} on {side.name}")
            _sync_interrupted(replica, rng)
            with office.writing() as session:  # the laptop now holds the server's register
                laptop.risks = [risk.id for risk in session.exec(select(Risk))]
            journal = _journal(replica)
            _assert_once_and_on_its_record(office, journal, _identities(replica))
            _assert_nothing_newer_overwritten(office, journal, mark)
            assert check_url(office.url).ok and check_url(replica.url).ok
            give_role(demo_url, login, Role.ADMIN)
