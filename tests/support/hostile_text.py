"""A small portfolio where every text a user can type looks like Rich/Textual markup.

Each stored text field holds one of `MARKUP` in front of a word naming the field, and
every value is written through the real store services (so it passes their checks).
The TUI and the board pack must show each one literally: `[/]` would end the app with
a MarkupError if parsed, the others would turn into bold text, a link or a click
action. `formula_text` does the same for the characters a spreadsheet reads as a
formula.
"""

from __future__ import annotations

from datetime import date

from store.audit import Identity
from store.demo.loader import acting_as
from store.front_door import services as front_door
from store.handle import Store
from store.portfolio import services as portfolio
from store.portfolio.criteria.services import add_criterion
from store.programme.dependencies.services import create_dependency
from store.programme.milestones.services import create_milestone
from store.programme.risks.services import create_risk
from store.programme.savings.services import (
    create_savings_line,
    create_savings_year,
    set_savings_cell,
)
from store.recommendations.services import add_recommendation, record_progress
from store.star_chamber.services.decisions import decide
from store.star_chamber.services.departures import add_scheme
from store.star_chamber.services.engagements import start_engagement
from store.star_chamber.services.establishment import set_establishment
from store.star_chamber.services.meetings import add_meeting, add_to_agenda
from store.star_chamber.services.posting_list import add_displaced
from store.star_chamber.services.requests import add_request
from store.users.services import add_user

# Markup that breaks (`[/]` closes a tag never opened), restyles, links or acts.
MARKUP = ("[/]", "[bold]x", "[link=http://x]y[/link]", "[@click=app.quit]q[/]")

MEETING = date(2011, 6, 13)
SECRETARY = "entrant"
FRONT_DOOR = "fdsec"


def hostile(n: int, word: str) -> str:
    """The `n`th markup (cycling through `MARKUP`) followed by `word`."""
    return f"{MARKUP[n % len(MARKUP)]}{word}"


# Every text the world below stores, by field: what a screen must show literally.
TEXT = {
    field: hostile(n, word)
    for n, (field, word) in enumerate(
        (
            ("group", "Group"),
            ("criterion", "Crit"),
            ("criterion_about", "About"),
            ("programme", "Prog"),
            ("project", "Proj"),
            ("description", "Desc"),
            ("sro", "Sro"),
            ("manager", "Pm"),
            ("rationale", "Why"),
            ("risk", "broken"),
            ("cause", "Cause"),
            ("effect", "Effect"),
            ("owner", "Owner"),
            ("mitigation", "Mitig"),
            ("needed", "Need"),
            ("milestone", "ms"),
            ("line", "Line"),
            ("secretary", "Sec"),
            ("front_door", "Fds"),
            ("displaced", "Person"),
            ("skills", "Skills"),
            ("listed", "Listed"),
            ("chair", "Chair"),
            ("attendees", "Att"),
            ("union", "Union"),
            ("post", "Post"),
            ("justification", "Just"),
            ("cost_centre", "Cc"),
            ("requested_by", "Asker"),
            ("reason", "Reason"),
            ("conditions", "Cond"),
            ("worker", "Worker"),
            ("scheme", "Scheme"),
            ("staff_groups", "Staff"),
            ("terms", "Terms"),
            ("departure_group", "Dgroup"),
            ("title", "Title"),
            ("sponsor", "Sponsor"),
            ("problem", "Problem"),
            ("outcome", "Outcome"),
            ("non_cash", "Noncash"),
            ("override", "Override"),
            ("decision", "Decided"),
            ("recommendation", "Rectext"),
            ("rec_owner", "Recowner"),
            ("note", "Note"),
        )
    )
}


def _portfolio(session) -> None:
    t = TEXT
    portfolio.create_business_group({"code": "HG", "name": t["group"]}, session=session)
    add_criterion({"name": t["criterion"], "description": t["criterion_about"]}, session=session)
    common = {"business_group": "HG", "tier": "transformational", "complexity": "high"}
    portfolio.create_initiative(
        {
            "code": "HX",
            "name": t["programme"],
            "kind": "programme",
            "description": t["description"],
            "sro": t["sro"],
            "programme_manager": t["manager"],
            **common,
        },
        session=session,
    )
    portfolio.create_initiative(
        {"code": "HY", "name": t["project"], "kind": "project", "parent": "HX", **common},
        session=session,
    )
    portfolio.set_current_period("2011-Q1", session=session)
    portfolio.record_assessment(
        {"code": "HX", "criterion": t["criterion"], "rag": "R", "rationale": t["rationale"]},
        session=session,
    )


def _programme(session) -> None:
    t = TEXT
    create_risk(
        {
            "code": "HX",
            "description": t["risk"],
            "cause": t["cause"],
            "effect": t["effect"],
            "likelihood": 4,
            "impact": 5,
            "owner": t["owner"],
            "mitigation": t["mitigation"],
        },
        session=session,
    )
    create_milestone(
        {"code": "HX", "name": t["milestone"], "baseline": "2011-03-01"}, session=session
    )
    create_dependency(
        {
            "from_code": "HX",
            "to_code": "HY",
            "needed": t["needed"],
            "needed_by": "2011-09-30",
            "importance": "high",
            "milestone": t["milestone"],
        },
        session=session,
    )
    create_savings_year({"financial_year": "2011/12", "budget_requirement": "10"}, session=session)
    create_savings_line(
        {"name": t["line"], "business_group": "HG", "initiatives": ["HX"]}, session=session
    )
    set_savings_cell({"line": t["line"], "year": "2011/12", "gbp_m": "-1.5"}, session=session)


def _users(session) -> None:
    add_user(
        {"login": SECRETARY, "role": "star_chamber_secretary", "display_name": TEXT["secretary"]},
        session=session,
    )
    add_user(
        {"login": FRONT_DOOR, "role": "front_door_secretary", "display_name": TEXT["front_door"]},
        session=session,
    )


def _chamber_setup(session) -> str:
    t = TEXT
    set_establishment(
        {
            "business_group": "HG",
            "staff_group": "police_staff",
            "financial_year": "2011/12",
            "budgeted": 100,
            "strength": 90,
            "start_strength": 92,
            "target_vacancy_pct": 5,
            "as_of": "2011-06-01",
        },
        session=session,
    )
    person = add_displaced(
        {
            "name": t["displaced"],
            "grade": "C",
            "business_group": "HG",
            "skills": t["skills"],
            "listed_on": "2011-03-01",
        },
        session=session,
    ).reference
    add_displaced(
        {"name": t["listed"], "grade": "D", "business_group": "HG", "skills": t["skills"]},
        session=session,
    )
    add_meeting(
        {
            "held_on": MEETING,
            "chair": t["chair"],
            "attendees": t["attendees"],
            "union_reps": t["union"],
        },
        session=session,
    )
    add_scheme(
        {
            "phase": 1,
            "name": t["scheme"],
            "staff_groups": t["staff_groups"],
            "terms": t["terms"],
            "opens_on": "2011-04-01",
            "groups": [{"name": t["departure_group"], "offered": 3, "accepted": 1}],
        },
        session=session,
    )
    return person


def _request(session, **extra) -> str:
    t = TEXT
    data = {
        "business_group": "HG",
        "post": t["post"],
        "grade": "C",
        "fte": "1",
        "staff_type": "police_staff",
        "justification": t["justification"],
        "cost_centre": t["cost_centre"],
        "requested_by": t["requested_by"],
        "received_on": "2011-06-01",
        **extra,
    }
    return add_request(data, session=session).reference


def _star_chamber(store: Store) -> None:
    t = TEXT
    with store.writing() as session:
        person = _chamber_setup(session)
    with store.writing() as session, acting_as(session, Identity.of_person(SECRETARY)):
        decided = _request(session)
        waiting = _request(session, staff_type="temporary_worker", max_weeks=12)
    with store.writing() as session:
        for reference in (decided, waiting):
            add_to_agenda({"meeting": MEETING, "reference": reference}, session=session)
        decide(
            {
                "reference": decided,
                "meeting": MEETING,
                "outcome": "approved_with_conditions",
                "reason": t["reason"],
                "conditions": t["conditions"],
                "posted": person,
            },
            session=session,
        )
        start_engagement(
            {
                "worker": t["worker"],
                "start_on": "2011-06-01",
                "business_group": "HG",
                "post": t["post"],
                "grade": "C",
                "staff_type": "agency",
                "approved_max_end": "2011-07-01",
            },
            session=session,
        )


def _front_door(store: Store) -> None:
    t = TEXT
    with store.writing() as session, acting_as(session, Identity.of_person(FRONT_DOOR)):
        reference = front_door.add_proposal(
            {
                "title": t["title"],
                "business_group": "HG",
                "sponsor": t["sponsor"],
                "problem": t["problem"],
                "intended_outcome": t["outcome"],
                "non_cash_benefit": t["non_cash"],
                "cost": "1000",
                "received_on": "2011-05-01",
            },
            session=session,
        ).reference
        front_door.add_proposal(
            {
                "title": t["title"] + "2",
                "business_group": "HG",
                "sponsor": t["sponsor"],
                "problem": t["problem"],
                "received_on": "2011-05-02",
            },
            session=session,
        )
    with store.writing() as session:
        front_door.triage_proposal(
            {
                "reference": reference,
                "desirable": 4,
                "deliverable": 3,
                "affordable": 4,
                "complexity": "medium",
                "override_tier": "transformational",
                "override_reason": t["override"],
            },
            session=session,
        )
        front_door.decide_proposal(
            {
                "reference": reference,
                "outcome": "rejected",
                "rationale": t["decision"],
                "decided_on": "2011-05-20",
            },
            session=session,
        )


def _recommendations(session) -> None:
    t = TEXT
    add_recommendation(
        {
            "number": 1,
            "heading": "Leadership",
            "text": t["recommendation"],
            "owner": t["rec_owner"],
        },
        session=session,
    )
    record_progress(
        {"number": 1, "status": "in_progress", "percent_complete": 40, "note": t["note"]},
        session=session,
    )


def hostile_world(store: Store) -> None:
    """Write the whole hostile world through the store services."""
    with store.writing() as session:
        _users(session)
        _portfolio(session)
        _programme(session)
        _recommendations(session)
    _star_chamber(store)
    _front_door(store)
