"""Every update service refuses a save made from a stale version (issue 8, section 3).

For each service that takes the version its editor started from, one actor makes a
valid change (which bumps the version), then another saves from the old version: the
save raises `StaleVersionError`, the row is unchanged to the byte, and no audit event
is added. A walk over the store's services fails when a service that takes a version
is missing from the cases (in tests/support/stale_cases.py), or when a service bumps a
version without taking one and without a reason written down here why it needs none.
"""

from __future__ import annotations

import importlib
import inspect
import typing
from collections.abc import Callable

import pytest
from pydantic import BaseModel

from store.errors import StaleVersionError
from store.handle import Store
from tests.support.reads import row
from tests.support.service_walk import store_services
from tests.support.stale_cases import CASES, CREATE_RACES, Case

VERSION_FIELDS = ("expected_version", "version")

# Services that bump a record's version without taking the version the user started
# from, and why they need none. A new one fails the walk until it is added here or
# given a version check.
NOT_VERSIONED = {
    "store.star_chamber.services.decisions.decide": (
        "a decision is a new record; a second at the same meeting is refused as already "
        "decided (a change is a correction, which checks the request's version)"
    ),
    "store.star_chamber.services.engagements.start_engagement": (
        "creates the engagement; the request it starts against is only linked to it"
    ),
    "store.star_chamber.services.meetings.add_meeting": (
        "creates the meeting; waiting deferrals move onto its agenda"
    ),
    "store.star_chamber.services.meetings.add_to_agenda": (
        "adds an agenda item; refused unless the request is waiting and the meeting open"
    ),
    "store.star_chamber.services.meetings.build_agenda": (
        "adds every waiting request to an open meeting; nothing typed is overwritten"
    ),
    "store.star_chamber.services.meetings.remove_from_agenda": (
        "refused unless the item is on the agenda with no decision; takes a reason"
    ),
}


def _service(dotted: str) -> Callable:
    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def _row(handle: Store, case: Case) -> tuple | None:
    """The whole row, every column, as SQLite stores it."""
    with handle.reading() as connection:
        rows = connection.execute(f"SELECT * FROM {case.table} WHERE {case.where}").fetchall()
    assert len(rows) <= 1, f"{case.where} names more than one {case.table} row"
    return rows[0] if rows else None


def _version(handle: Store, case: Case) -> int:
    with handle.reading() as connection:
        row = connection.execute(f"SELECT version FROM {case.table} WHERE {case.where}").fetchone()
    return row[0] if row else 0


def _audit(handle: Store) -> tuple[int, int]:
    return row(handle, "SELECT COUNT(*), MAX(id) FROM audit_event")


def _refuses_a_stale_save(case: Case, demo_store: Store, demo_url) -> None:
    service = _service(case.service)
    if case.prepare is not None:
        with demo_store.writing() as session:
            case.prepare(session)
    old = _version(demo_store, case)
    with Store(demo_url, case.actor) as other, other.writing() as session:
        case.call(service, case.first(old), session)
    before = _row(demo_store, case)
    assert before is not None and _version(demo_store, case) == old + 1
    events = _audit(demo_store)

    with pytest.raises(StaleVersionError) as refused, demo_store.writing() as session:
        case.call(service, case.stale(old), session)

    assert refused.value.field == "version"
    assert _row(demo_store, case) == before
    assert _audit(demo_store) == events


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_a_save_from_a_stale_version_is_refused_and_writes_nothing(
    case, demo_store, demo_url, frozen_clock
):
    if case.today is not None:
        frozen_clock.day = case.today
    _refuses_a_stale_save(case, demo_store, demo_url)


@pytest.mark.parametrize("case", CREATE_RACES, ids=lambda case: case.id)
def test_a_create_from_version_0_is_refused_when_someone_created_it_first(
    case, demo_store, demo_url
):
    _refuses_a_stale_save(case, demo_store, demo_url)


def _takes_a_version(service: Callable) -> bool:
    """True when the service, or an input model it takes, has a version to check."""
    function = inspect.unwrap(service)
    if any(name in inspect.signature(function).parameters for name in VERSION_FIELDS):
        return True
    for hint in typing.get_type_hints(function).values():
        for model in typing.get_args(hint) or (hint,):
            is_model = isinstance(model, type) and issubclass(model, BaseModel)
            if is_model and any(name in model.model_fields for name in VERSION_FIELDS):
                return True
    return False


def test_every_service_that_takes_a_version_is_walked():
    services = store_services()
    assert len(services) >= 40
    versioned = {name for name, service in services.items() if _takes_a_version(service)}
    walked = {case.service for case in CASES}
    assert versioned - walked == set(), "services taking a version that no case walks"
    assert walked - versioned == set(), "cases for services that take no version"
    assert {case.service for case in CREATE_RACES} <= walked


def _names(code) -> set[str]:
    """The global names a code object uses, its comprehensions' and inner functions' too."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if inspect.iscode(constant):
            names |= _names(constant)
    return names


def _bumps_a_version(function: Callable, seen: set) -> bool:
    """True when `function`, or a store function it calls (followed by name), bumps a
    record's version."""
    function = inspect.unwrap(function)
    if "version += 1" in inspect.getsource(function):
        return True
    for name in _names(function.__code__):
        callee = function.__globals__.get(name)
        if (
            inspect.isfunction(callee)
            and callee.__module__.startswith("store.")
            and callee not in seen
        ):
            seen.add(callee)
            if _bumps_a_version(callee, seen):
                return True
    return False


def test_every_service_that_bumps_a_version_takes_one_or_says_why_not():
    services = store_services()
    bumps = {name for name, service in services.items() if _bumps_a_version(service, set())}
    unchecked = {name for name in bumps if not _takes_a_version(services[name])}
    assert unchecked - NOT_VERSIONED.keys() == set(), "versions bumped with no check"
    assert NOT_VERSIONED.keys() - unchecked == set(), "NOT_VERSIONED names one that needs no reason"
