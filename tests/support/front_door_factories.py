"""Builders for front door tests, written through the real store services."""

from __future__ import annotations

from typing import Any

import pytest

from store.errors import InputError
from store.front_door import services
from store.front_door.queries import proposal_detail
from store.handle import Store
from store.portfolio.services import create_business_group
from tests.support.reads import rows
from tests.support.users_factories import add_in, writing_as

# Proposals are logged by `entrant` (a front door secretary), so that `tester` (the
# store fixture's actor, the admin) may decide them: whoever entered one cannot.
ENTRANT = "entrant"


def business_groups(store: Store) -> None:
    """Three 2021 business groups: MO, FLP and DP (and the user who logs proposals)."""
    with store.writing() as session:
        add_in(session, ENTRANT, "front_door_secretary")
        for code, name in (
            ("MO", "Met Operations"),
            ("FLP", "Frontline Policing"),
            ("DP", "Digital Policing"),
        ):
            create_business_group({"code": code, "name": name}, session=session)


def add(store: Store, **overrides: Any) -> str:
    """Log a proposal (received 2021-04-01 unless said otherwise); return its reference."""
    data = {
        "title": "Drone support for missing person searches",
        "business_group": "MO",
        "sponsor": "Supt Ada Wells",
        "problem": "Searches for missing people in open ground take many officers many hours.",
        "intended_outcome": "A drone team that covers open ground in minutes.",
        "cost": "120,000",
        "yearly_benefit": "45k",
        "received_on": "2021-04-01",
        **overrides,
    }
    with writing_as(store, ENTRANT) as session:
        return services.add_proposal(data, session=session).reference


def triage(store: Store, reference: str, **overrides: Any):
    """Triage a proposal (4/3/4, medium, one group, no hypothesis unless said otherwise)."""
    data = {
        "reference": reference,
        "desirable": 4,
        "deliverable": 3,
        "affordable": 4,
        "complexity": "medium",
        "complexity_kinds": "structural",
        **overrides,
    }
    with store.writing() as session:
        return services.triage_proposal(data, session=session)


def decide(store: Store, reference: str, outcome: str, **overrides: Any):
    """Record a decision (on 2021-05-01 with a rationale unless said otherwise)."""
    data = {
        "reference": reference,
        "outcome": outcome,
        "rationale": "The panel weighed the scores and agreed.",
        "decided_on": "2021-05-01",
        **overrides,
    }
    with store.writing() as session:
        return services.decide_proposal(data, session=session)


def table_counts(store: Store) -> dict[str, int]:
    """Rows in every table this feature writes, plus the audit log and initiatives."""
    tables = ("proposal", "proposal_triage", "proposal_decision", "initiative", "audit_event")
    with store.reading() as connection:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in tables
        }


def detail(store: Store, reference: str):
    """The proposal's detail, as the triage form reads it."""
    with store.reading() as connection:
        return proposal_detail(connection, reference)


def events(store: Store, entity: str | None = None) -> list[tuple]:
    """Audit events, oldest first (of one entity, if given): entity, action, before,
    after, reason and actor."""
    sql = "SELECT entity, action, before_json, after_json, reason, actor FROM audit_event"
    return [row for row in rows(store, sql + " ORDER BY id") if entity is None or row[0] == entity]


def refused(store: Store, field: str, call, *args, **kwargs) -> str:
    """Assert `call` raises InputError naming `field` and writes nothing; return the message."""
    before = table_counts(store)
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    assert caught.value.field == field, str(caught.value)
    assert table_counts(store) == before
    return str(caught.value)
