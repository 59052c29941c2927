"""Every update service refuses a save made from a stale version (issue 8, section 3).

For each service that takes the version its editor started from, one actor makes a
valid change (which bumps the version), then another saves from the old version: the
save raises `StaleVersionError`, the row is unchanged to the byte, and no audit event
is added. A walk over the store's services fails when a service that takes a version
is missing from the cases below, or when a service bumps a version without taking one
and without a reason written down here why it needs none.
"""

from __future__ import annotations

import importlib
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel

from store.errors import StaleVersionError
from store.handle import Store
from tests.support.service_walk import store_services

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


@dataclass(frozen=True)
class Case:
    """One update service: the row it changes, a first change, and a stale second one."""

    service: str
    table: str
    where: str
    actor: str
    first: Callable[[int], dict[str, Any]]
    stale: Callable[[int], dict[str, Any]]
    prepare: Callable[[Any], None] | None = None
    call: Callable[[Callable, dict[str, Any], Any], Any] = field(
        default=lambda service, data, session: service(data, session=session)
    )

    @property
    def id(self) -> str:
        """The service's short name, for the test id."""
        return self.service.rsplit(".", 1)[-1]


def _proposal(reference: str, **changes: Any) -> Callable[[int], dict[str, Any]]:
    """Every field of demo proposal FD-2021-0018 (the update replaces them all)."""
    base = {
        "reference": reference,
        "title": "Mental health triage car expansion",
        "business_group": "FLP",
        "sponsor": "Supt Gareth Lyle",
        "problem": (
            "Officers spend long hours with people in mental health crisis waiting for "
            "specialist help."
        ),
    }
    return lambda version: base | changes | {"version": version}


def _triage(**scores: Any) -> Callable[[int], dict[str, Any]]:
    base = {"reference": "FD-2021-0014", "complexity": "medium", "cross_group": True}
    return lambda version: base | scores | {"version": version}


def _decision(outcome: str, rationale: str) -> Callable[[int], dict[str, Any]]:
    """A decision on demo proposal FD-2021-0015 (triaged, awaiting the panel)."""
    base = {"reference": "FD-2021-0015", "decided_on": "2021-06-14"}
    return lambda version: base | {"outcome": outcome, "rationale": rationale, "version": version}


def _new_line(session) -> None:
    from store.programme.savings.services import create_savings_line

    create_savings_line({"name": "Stale walk line", "business_group": "FLP"}, session=session)


def _new_meeting(session) -> None:
    from store.star_chamber.services.meetings import add_meeting

    detail = add_meeting({"held_on": date(2011, 7, 11), "chair": "Peter Lyle"}, session=session)
    assert not detail.agenda, "the meeting to close must have an empty agenda"


def _retire_risks(session) -> None:
    from store.portfolio.criteria.services import retire_criterion

    retire_criterion({"criterion": "Risks & mitigations"}, session=session)


def _close(service, data, session):
    return service(data["held_on"], expected_version=data["expected_version"], session=session)


def _group(service, data, session):
    return service(3, data, session=session)


def _v(payload: dict[str, Any]) -> Callable[[int], dict[str, Any]]:
    """`payload` with `expected_version` set to the version given."""
    return lambda version: payload | {"expected_version": version}


PORTFOLIO, SECRETARY, FRONT_DOOR, ADMIN = "j.okafor", "r.achebe", "a.kowalski", "tester"

CASES = [
    Case(
        "store.programme.risks.services.update_risk",
        "risk",
        "id = 1",
        PORTFOLIO,
        _v({"id": 1, "likelihood": 5}),
        _v({"id": 1, "owner": "Someone else"}),
    ),
    Case(
        "store.programme.milestones.services.update_milestone",
        "milestone",
        "id = 2",
        PORTFOLIO,
        _v({"code": "DRM-CRE", "name": "x", "id": 2, "status": "planned"}),
        _v({"code": "DRM-CRE", "name": "x", "id": 2, "new_name": "Estate plan redone"}),
    ),
    Case(
        "store.programme.dependencies.services.update_dependency",
        "dependency",
        "id = 1",
        PORTFOLIO,
        _v({"id": 1, "importance": "low"}),
        _v({"id": 1, "needed": "Something else entirely"}),
    ),
    Case(
        "store.programme.savings.services.set_budget_requirement",
        "savings_year",
        "financial_year = '2012/13'",
        PORTFOLIO,
        _v({"year": "2012/13", "budget_requirement": "250.1"}),
        _v({"year": "2012/13", "budget_requirement": "199.9"}),
    ),
    Case(
        "store.programme.savings.services.set_savings_cell",
        "savings_cell",
        "line_id = (SELECT id FROM savings_line WHERE name = 'Catering') AND year_id = 2",
        PORTFOLIO,
        _v({"line": "Catering", "year": "2012/13", "gbp_m": "-1.5"}),
        _v({"line": "Catering", "year": "2012/13", "police_staff": "-12"}),
    ),
    Case(
        "store.recommendations.services.record_progress",
        "recommendation",
        "number = 5",
        PORTFOLIO,
        lambda v: {"number": 5, "status": "in_progress", "percent_complete": 40, "version": v},
        lambda v: {"number": 5, "status": "in_progress", "percent_complete": 60, "version": v},
    ),
    Case(
        "store.front_door.services.update_proposal",
        "proposal",
        "reference = 'FD-2021-0018'",
        FRONT_DOOR,
        _proposal("FD-2021-0018", sponsor="Supt Gareth Lyle (acting)"),
        _proposal("FD-2021-0018", cost=125000),
    ),
    Case(
        "store.front_door.services.triage_proposal",
        "proposal",
        "reference = 'FD-2021-0014'",
        FRONT_DOOR,
        _triage(desirable=4, deliverable=3, affordable=2),
        _triage(desirable=1, deliverable=1, affordable=1),
    ),
    Case(
        "store.front_door.services.decide_proposal",
        "proposal",
        "reference = 'FD-2021-0015'",
        "d.fernandes",
        _decision("returned", "the panel needs the supplier's costs"),
        _decision("rejected", "no clear benefit"),
    ),
    Case(
        "store.star_chamber.services.posting_list.leave_list",
        "sc_displaced",
        "reference = 'PL-0001'",
        SECRETARY,
        _v({"reference": "PL-0001", "reason": "took voluntary early departure"}),
        _v({"reference": "PL-0001", "reason": "retired", "on": "2011-06-10"}),
    ),
    Case(
        "store.star_chamber.services.engagements.end_engagement",
        "sc_engagement",
        "reference = 'TW-0001'",
        SECRETARY,
        _v({"reference": "TW-0001", "on": "2011-06-10", "reason": "found a permanent post"}),
        _v({"reference": "TW-0001", "on": "2011-06-13"}),
    ),
    Case(
        "store.star_chamber.services.establishment.set_establishment",
        "sc_establishment",
        "business_group_id = 1 AND staff_group = 'police_staff' AND financial_year = '2011/12'",
        SECRETARY,
        _v(
            {
                "business_group": "DoI",
                "staff_group": "police_staff",
                "financial_year": "2011/12",
                "budgeted": "1180",
                "strength": "1090.5",
                "target_vacancy_pct": "6",
            }
        ),
        _v(
            {
                "business_group": "DoI",
                "staff_group": "police_staff",
                "financial_year": "2011/12",
                "budgeted": "1200",
                "strength": "1100",
                "target_vacancy_pct": "5",
            }
        ),
    ),
    Case(
        "store.star_chamber.services.departures.set_departure_group",
        "sc_departure_group",
        "scheme_id = 3 AND name = 'Logistical Services'",
        SECRETARY,
        _v({"name": "Logistical Services", "offered": 230, "accepted": 5, "cost_gbp_m": "0.12"}),
        _v({"name": "Logistical Services", "offered": 231, "accepted": 4, "cost_gbp_m": "0.1"}),
        call=_group,
    ),
    Case(
        "store.star_chamber.services.meetings.close_meeting",
        "sc_meeting",
        "held_on = '2011-07-11'",
        SECRETARY,
        _v({"held_on": date(2011, 7, 11)}),
        _v({"held_on": date(2011, 7, 11)}),
        prepare=_new_meeting,
        call=_close,
    ),
    Case(
        "store.star_chamber.services.decisions.correct",
        "sc_request",
        "reference = 'SC-2011-0004'",
        SECRETARY,
        _v(
            {
                "reference": "SC-2011-0004",
                "outcome": "withdrawn",
                "reason": "the group withdrew it before the meeting",
                "why": "minuted wrongly as a rejection",
            }
        ),
        _v(
            {
                "reference": "SC-2011-0004",
                "outcome": "deferred",
                "reason": "more figures needed",
                "why": "the chair deferred it",
            }
        ),
    ),
    *(
        Case(
            f"store.portfolio.criteria.services.{name}",
            "rag_criterion",
            "id = 2",
            PORTFOLIO,
            _v({"criterion": 2, **first}),
            _v({"criterion": 2, **stale}),
            prepare=prepare,
        )
        for name, first, stale, prepare in (
            ("rename_criterion", {"new_name": "Risks and issues"}, {"new_name": "Risk"}, None),
            ("describe_criterion", {"description": "Owned."}, {"description": "Mine."}, None),
            ("move_criterion", {"to": 1}, {"to": 2}, None),
            ("retire_criterion", {}, {}, None),
            ("reinstate_criterion", {}, {}, _retire_risks),
        )
    ),
    Case(
        "store.users.services.set_role",
        "app_user",
        "login = 'm.hughes'",
        ADMIN,
        _v({"login": "m.hughes", "role": "front_door_secretary"}),
        _v({"login": "m.hughes", "role": "viewer"}),
    ),
    Case(
        "store.users.services.set_active",
        "app_user",
        "login = 'p.lindqvist'",
        ADMIN,
        _v({"login": "p.lindqvist", "active": False}),
        _v({"login": "p.lindqvist", "active": False}),
    ),
]

# Saves that create the record when it is missing: an editor that saw no record gives
# version 0, and is refused when someone else created it in the meantime.
CREATE_RACES = [
    Case(
        "store.programme.savings.services.set_savings_cell",
        "savings_cell",
        "line_id = (SELECT id FROM savings_line WHERE name = 'Stale walk line') AND year_id = 1",
        PORTFOLIO,
        _v({"line": "Stale walk line", "year": "2011/12", "gbp_m": "0.3", "pcsos": "-2"}),
        _v({"line": "Stale walk line", "year": "2011/12", "gbp_m": ""}),
        prepare=_new_line,
    ),
    Case(
        "store.star_chamber.services.establishment.set_establishment",
        "sc_establishment",
        "business_group_id = 1 AND staff_group = 'police_officers' AND financial_year = '2012/13'",
        SECRETARY,
        _v(
            {
                "business_group": "DoI",
                "staff_group": "police_officers",
                "financial_year": "2012/13",
                "budgeted": "30",
                "strength": "29",
                "target_vacancy_pct": "3",
            }
        ),
        _v(
            {
                "business_group": "DoI",
                "staff_group": "police_officers",
                "financial_year": "2012/13",
                "budgeted": "31",
                "strength": "28",
                "target_vacancy_pct": "2",
            }
        ),
    ),
    Case(
        "store.star_chamber.services.departures.set_departure_group",
        "sc_departure_group",
        "scheme_id = 3 AND name = 'Custody support'",
        SECRETARY,
        _v({"name": "Custody support", "offered": 40, "accepted": 2, "cost_gbp_m": "0.05"}),
        _v({"name": "Custody support", "offered": 42, "accepted": 3, "cost_gbp_m": "0.07"}),
        call=_group,
    ),
]


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
    with handle.reading() as connection:
        return connection.execute("SELECT COUNT(*), MAX(id) FROM audit_event").fetchone()


def _refuses_a_stale_save(case: Case, demo_store: Store, demo_path) -> None:
    service = _service(case.service)
    if case.prepare is not None:
        with demo_store.writing() as session:
            case.prepare(session)
    old = _version(demo_store, case)
    other = Store(f"sqlite:///{demo_path}", case.actor)
    try:
        with other.writing() as session:
            case.call(service, case.first(old), session)
    finally:
        other.close()
    before = _row(demo_store, case)
    assert before is not None and _version(demo_store, case) == old + 1
    events = _audit(demo_store)

    with pytest.raises(StaleVersionError) as refused, demo_store.writing() as session:
        case.call(service, case.stale(old), session)

    assert refused.value.field == "version"
    assert _row(demo_store, case) == before
    assert _audit(demo_store) == events


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_a_save_from_a_stale_version_is_refused_and_writes_nothing(case, demo_store, demo_path):
    _refuses_a_stale_save(case, demo_store, demo_path)


@pytest.mark.parametrize("case", CREATE_RACES, ids=lambda case: case.id)
def test_a_create_from_version_0_is_refused_when_someone_created_it_first(
    case, demo_store, demo_path
):
    _refuses_a_stale_save(case, demo_store, demo_path)


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
