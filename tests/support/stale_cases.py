"""The update services walked by tests/store/test_stale_versions.py: for each, the row it
changes, who makes the first (valid) change, and the stale second save, on the demo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


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
    today: date | None = None  # the pinned today, when the pinned 2011-06-13 will not do
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
        today=date(2021, 6, 14),  # the decision is dated 14 June 2021: not in the future
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
    Case(
        "store.benefits.services.update_benefit",
        "benefit",
        "id = 13",  # the demo's TP officer hours
        PORTFOLIO,
        _v({"id": 13, "owner": "Cdr Ian Vale"}),
        _v({"id": 13, "unit": "hours"}),
    ),
    Case(
        "store.benefits.response_services.update_response",
        "red_response",
        "id = 1",  # the demo's DRM-S2P response
        PORTFOLIO,
        _v({"id": 1, "owner": "Helen Marsh"}),
        _v({"id": 1, "actions": "Something else"}),
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
