"""Roles: every write service checks permission, an unknown or disabled user is a viewer,
a denial is one audited event of its own, only admins manage users (never the last
one away), the first write makes the OS user admin, and whoever entered a vacancy
request or a proposal cannot decide it."""

from __future__ import annotations

import inspect
import json
import socket

import pytest

from store.audit import verify_chain
from store.errors import InputError, PermissionDenied
from store.handle import Store
from store.portfolio.services import record_assessment
from store.users.guard import FIRST_ADMIN_REASON, SERVICES
from store.users.queries import list_users, standing
from store.users.roles import GRANTS, Permission, Role
from store.users.services import add_user, set_active, set_role
from tests.support import front_door_factories as fd
from tests.support import star_chamber_world as world
from tests.support import users_factories as users
from tests.support.factories import small_portfolio
from tests.support.reads import rows
from tests.support.service_walk import store_services

# The table the issue asks for, written out by hand: a change to GRANTS must change it.
EXPECTED = {
    Role.PORTFOLIO_OFFICE: {
        "EDIT_REGISTER",
        "RECORD_RAG",
        "EDIT_RISKS",
        "EDIT_DEPENDENCIES",
        "EDIT_MILESTONES",
        "EDIT_SAVINGS",
        "EDIT_BENEFITS",
        "EDIT_RECOMMENDATIONS",
    },
    Role.STAR_CHAMBER_SECRETARY: {
        "LOG_VACANCY_REQUESTS",
        "MANAGE_ENGAGEMENTS",
        "MANAGE_POSTING_LIST",
        "SET_ESTABLISHMENT",
        "RUN_MEETINGS",
        "RECORD_SC_DECISIONS",
    },
    Role.FRONT_DOOR_SECRETARY: {
        "LOG_PROPOSALS",
        "TRIAGE_PROPOSALS",
        "RECORD_PROPOSAL_DECISIONS",
    },
    Role.VIEWER: set(),
    Role.ADMIN: {permission.name for permission in Permission},
}

RAG = {"code": "TPD", "criterion": "Overall status", "rag": "A", "rationale": "Slipping."}


def _audit(store: Store) -> list[tuple]:
    return rows(
        store,
        "SELECT id, actor, os_user, host, entity, entity_id, action, after_json, reason "
        "FROM audit_event ORDER BY id",
    )


@pytest.fixture
def portfolio(store):
    small_portfolio(store)
    return store


@pytest.fixture
def viewer(store_url, portfolio):
    handle = Store(store_url, "nobody")
    yield handle
    handle.close()


def test_the_role_table_is_the_one_the_issue_asks_for():
    assert {role: {p.name for p in GRANTS[role]} for role in Role} == EXPECTED


def test_every_write_service_is_guarded_and_refuses_a_viewer(viewer):
    services = sorted(store_services().items())
    assert len(services) >= 40
    unguarded = [name for name, _ in services if name not in SERVICES]
    assert unguarded == [], f"write services without a permission check: {unguarded}"
    for _name, service in services:
        positional = [
            p
            for p in inspect.signature(service).parameters.values()
            if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        ]
        with pytest.raises(PermissionDenied, match="nobody \\(viewer\\)"), viewer.writing() as s:
            service(*({} for _ in positional), session=s)
    denied = [row for row in _audit(viewer) if row[6] == "denied"]
    assert len(denied) == len(services)
    with viewer.reading() as connection:
        assert verify_chain(connection).ok


def test_generating_data_is_for_admins_only(store_url, portfolio):
    from store.generate import Plan, generate

    handle = Store(store_url, "nobody")
    with pytest.raises(PermissionDenied, match="load generated data"), handle.writing() as s:
        generate(s, Plan(initiatives=1, periods=1))
    handle.close()


def test_an_unknown_user_reads_everything_and_changes_nothing(viewer):
    with pytest.raises(PermissionDenied) as caught, viewer.writing() as session:
        record_assessment(RAG, session=session)
    assert str(caught.value) == (
        "permission denied: nobody (viewer) may not record a RAG assessment"
    )
    with viewer.reading() as connection:
        rags = connection.execute("SELECT COUNT(*) FROM rag_assessment").fetchone()[0]
        assert rags == 3
        assert standing(connection, "nobody", "tester").role is Role.VIEWER


def test_a_denial_is_one_audit_event_of_its_own_naming_user_os_user_and_host(viewer):
    before = _audit(viewer)
    with pytest.raises(PermissionDenied), viewer.writing() as session:
        record_assessment(RAG, session=session)
    after = _audit(viewer)
    assert len(after) == len(before) + 1
    _, actor, os_user, host, entity, entity_id, action, after_json, reason = after[-1]
    assert (actor, os_user, host) == ("nobody", "tester", socket.gethostname())
    assert (entity, entity_id, action) == ("permission", "record a RAG assessment", "denied")
    assert json.loads(after_json) == {
        "user": "nobody",
        "role": "viewer",
        "action": "record a RAG assessment",
    }
    assert reason.startswith("permission denied: nobody (viewer)")
    with viewer.reading() as connection:
        assert verify_chain(connection).ok


def test_a_denial_caught_inside_the_transaction_is_still_audited(viewer):
    with viewer.writing() as session, pytest.raises(PermissionDenied):
        record_assessment(RAG, session=session)
    assert _audit(viewer)[-1][6] == "denied"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMIN, {"rag", "vacancy", "proposal", "risk"}),
        (Role.PORTFOLIO_OFFICE, {"rag", "risk"}),
        (Role.STAR_CHAMBER_SECRETARY, {"vacancy"}),
        (Role.FRONT_DOOR_SECRETARY, {"proposal"}),
        (Role.VIEWER, set()),
    ],
)
def test_each_role_makes_only_its_own_changes(store, store_url, role, allowed):
    world.build(store)
    fd.business_groups(store)
    small_portfolio_groups_free(store)
    users.add(store, "someone", role)
    handle = Store(store_url, "someone")
    from store.front_door.services import add_proposal
    from store.programme.risks.services import create_risk
    from store.star_chamber.services.requests import add_request

    attempts = {
        "rag": lambda s: record_assessment(RAG, session=s),
        "risk": lambda s: create_risk(
            {"code": "TPD", "description": "Late kit", "likelihood": 2, "impact": 3}, session=s
        ),
        "vacancy": lambda s: add_request(
            {
                "business_group": "TP",
                "post": "Clerk",
                "grade": "C",
                "fte": "1",
                "staff_type": "police_staff",
                "justification": "Busy.",
                "received_on": "2011-06-01",
            },
            session=s,
        ),
        "proposal": lambda s: add_proposal(
            {
                "title": "Body cameras",
                "business_group": "MO",
                "sponsor": "Supt Wells",
                "problem": "Evidence is lost.",
                "received_on": "2021-04-01",
            },
            session=s,
        ),
    }
    done = set()
    for what, attempt in attempts.items():
        try:
            with handle.writing() as session:
                attempt(session)
            done.add(what)
        except PermissionDenied as denied:
            assert denied.role == role.value and denied.user == "someone"
    handle.close()
    assert done == allowed


def small_portfolio_groups_free(store: Store) -> None:
    """The small portfolio's criteria and initiatives, over the world's TP and DoR."""
    from store.portfolio import services
    from store.portfolio.criteria.services import add_criterion

    with store.writing() as session:
        add_criterion({"name": "Overall status", "description": "Overall"}, session=session)
        services.create_initiative(
            {"code": "TPD", "name": "TP Development", "kind": "programme", "business_group": "TP"},
            session=session,
        )


def test_a_disabled_user_is_a_viewer(portfolio, store_url):
    users.add(portfolio, "j.okafor", Role.PORTFOLIO_OFFICE)
    handle = Store(store_url, "j.okafor")
    with handle.writing() as session:
        record_assessment(RAG, session=session)
    with portfolio.writing() as session:
        set_active({"login": "j.okafor", "active": False}, session=session)
    with pytest.raises(PermissionDenied, match=r"j.okafor \(viewer\)"), handle.writing() as s:
        record_assessment({**RAG, "rationale": "Again."}, session=s)
    with handle.reading() as connection:
        assert standing(connection, "j.okafor", "tester").describe == "j.okafor (viewer: disabled)"
    with portfolio.writing() as session:
        set_active({"login": "j.okafor", "active": True}, session=session)
    with handle.writing() as session:
        record_assessment({**RAG, "rationale": "Again."}, session=session)
    handle.close()


def test_only_admins_manage_users(portfolio, store_url):
    users.add(portfolio, "p.office", Role.PORTFOLIO_OFFICE)
    handle = Store(store_url, "p.office")
    for attempt in (
        lambda s: add_user({"login": "eve", "role": "admin"}, session=s),
        lambda s: set_role({"login": "p.office", "role": "admin"}, session=s),
        lambda s: set_active({"login": "tester", "active": False}, session=s),
    ):
        with pytest.raises(PermissionDenied, match="may not manage users"), handle.writing() as s:
            attempt(s)
    handle.close()
    with portfolio.reading() as connection:
        assert [(u.login, u.role) for u in list_users(connection)] == [
            ("p.office", "portfolio_office"),
            ("tester", "admin"),
        ]


def test_the_last_active_admin_is_neither_demoted_nor_disabled(portfolio):
    for attempt, field in (
        (lambda s: set_role({"login": "tester", "role": "viewer"}, session=s), "role"),
        (lambda s: set_active({"login": "tester", "active": False}, session=s), "login"),
    ):
        with (
            pytest.raises(InputError, match="last active admin") as caught,
            portfolio.writing() as session,
        ):
            attempt(session)
        assert caught.value.field == field
    users.add(portfolio, "second", Role.ADMIN)
    with portfolio.writing() as session:
        set_role({"login": "second", "role": "viewer"}, session=session)
    users.add(portfolio, "third", Role.ADMIN)
    with portfolio.writing() as session:
        demoted = set_role({"login": "tester", "role": "portfolio_office"}, session=session)
    assert demoted.role == "portfolio_office" and demoted.version == 2


def test_user_input_is_checked_field_by_field(portfolio):
    for data, field in (
        ({"login": "has space", "role": "viewer"}, "login"),
        ({"login": "", "role": "viewer"}, "login"),
        ({"login": "zed", "role": "boss"}, "role"),
        ({"login": "tester", "role": "viewer"}, "login"),
    ):
        with pytest.raises(InputError) as caught, portfolio.writing() as session:
            add_user(data, session=session)
        assert caught.value.field == field
    with pytest.raises(InputError, match="no user called 'ghost'"), portfolio.writing() as s:
        set_role({"login": "ghost", "role": "viewer"}, session=s)


def test_the_first_write_makes_the_os_user_admin(store_url):
    handle, _ = Store.open(store_url, "tester")
    with handle.reading() as connection:
        assert list_users(connection) == []
        assert standing(connection, "tester", "tester").role is Role.ADMIN
    small_portfolio(handle)
    first = _audit(handle)[0]
    assert first[1:7] == ("tester", "tester", socket.gethostname(), "app_user", "1", "create")
    assert first[8] == FIRST_ADMIN_REASON
    with handle.reading() as connection:
        (user,) = list_users(connection)
    assert (user.login, user.role, user.active) == ("tester", "admin", True)
    handle.close()


def test_a_first_write_by_someone_else_still_makes_the_os_user_admin(store_url):
    handle, _ = Store.open(store_url, "alice")
    with pytest.raises(PermissionDenied, match="alice \\(viewer\\)"):
        small_portfolio(handle)
    events = _audit(handle)
    assert [(e[4], e[6]) for e in events] == [("app_user", "create"), ("permission", "denied")]
    with handle.reading() as connection:
        assert [(u.login, u.role) for u in list_users(connection)] == [("tester", "admin")]
        assert verify_chain(connection).ok
    handle.close()


def test_whoever_entered_a_vacancy_request_cannot_decide_or_correct_it(store, store_url):
    from store.star_chamber.services.decisions import correct, decide

    world.build(store)
    reference = world.request(store)
    decision = {
        "reference": reference,
        "meeting": world.MEETING,
        "outcome": "deferred",
        "reason": "More detail needed.",
    }
    with pytest.raises(PermissionDenied) as caught, users.writing_as(store, "entrant") as s:
        decide(decision, session=s)
    assert str(caught.value) == (
        "permission denied: entrant (star chamber secretary) may not record Star Chamber "
        f"decisions: entrant entered {reference}, so someone else must decide it"
    )
    with store.writing() as session:
        decide(decision, session=session)
    correction = {
        "reference": reference,
        "outcome": "rejected",
        "reason": "Not needed.",
        "why": "Minuted wrongly.",
    }
    with (
        pytest.raises(PermissionDenied, match="entrant entered"),
        users.writing_as(store, "entrant") as session,
    ):
        correct(correction, session=session)
    with store.reading() as connection:
        decided = connection.execute("SELECT COUNT(*) FROM sc_decision").fetchone()[0]
        denials = connection.execute(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'denied' AND actor = 'entrant'"
        ).fetchone()[0]
    assert (decided, denials) == (1, 2)


def test_whoever_entered_a_proposal_cannot_record_its_decision_even_as_admin(store):
    fd.business_groups(store)
    with store.writing() as session:
        from store.front_door.services import add_proposal

        mine = add_proposal(
            {
                "title": "Own idea",
                "business_group": "MO",
                "sponsor": "Supt Wells",
                "problem": "A problem.",
                "received_on": "2021-04-01",
            },
            session=session,
        ).reference
    fd.triage(store, mine)
    with pytest.raises(PermissionDenied, match=f"tester entered {mine}"):
        fd.decide(store, mine, "rejected")
    theirs = fd.add(store)
    fd.triage(store, theirs)
    assert fd.decide(store, theirs, "rejected").outcome == "rejected"
