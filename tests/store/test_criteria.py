"""Managing RAG criteria: add, rename, describe, move, retire and reinstate. Each checks
the role, refuses bad input naming the field, records one audit event, keeps the active
criteria at positions 1..n, and never loses an assessment."""

from __future__ import annotations

import json

import pytest

from store.errors import InputError, NotFoundError, PermissionDenied, StaleVersionError
from store.handle import Store
from store.portfolio.criteria.queries import criteria_rows
from store.portfolio.criteria.services import (
    add_criterion,
    describe_criterion,
    move_criterion,
    reinstate_criterion,
    rename_criterion,
    retire_criterion,
)
from store.portfolio.queries import initiative_detail, list_criteria
from store.portfolio.services import record_assessment
from store.users.roles import Role
from tests.support import users_factories as users
from tests.support.factories import small_portfolio
from tests.support.reads import rows
from tests.support.writes import written

RISKS = "Risks & mitigations"


@pytest.fixture
def portfolio(store):
    small_portfolio(store)
    return store


def _order(store: Store) -> list[tuple[int, str]]:
    """(position, name) of every criterion, retired ones last at 0."""
    with store.reading() as connection:
        return [(row.position, row.name) for row in criteria_rows(connection)]


def _events(store: Store) -> list[tuple]:
    return rows(
        store,
        "SELECT entity, entity_id, action, before_json, after_json FROM audit_event ORDER BY id",
    )


def _one_more_event(store: Store, service, data: dict):
    """Run a change and return it with the one audit event it added."""
    before = len(_events(store))
    result = written(store, service, data)
    events = _events(store)
    assert len(events) == before + 1
    return result, events[-1]


def test_adding_puts_a_criterion_last_or_where_asked_and_renumbers(portfolio):
    added, event = _one_more_event(
        portfolio, add_criterion, {"name": "Benefits", "description": "Benefits on track."}
    )
    assert (added.position, added.name, added.version, added.assessments) == (3, "Benefits", 1, 0)
    entity, entity_id, action, _, after = event
    assert (entity, entity_id, action) == ("rag_criterion", str(added.id), "create")
    assert json.loads(after)["order"] == ["Overall status", RISKS, "Benefits"]

    written(portfolio, add_criterion, {"name": "Cost", "description": "Spend.", "position": "2"})
    assert _order(portfolio) == [(1, "Overall status"), (2, "Cost"), (3, RISKS), (4, "Benefits")]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"name": "overall STATUS", "description": "x"}, "name", "already exists"),
        ({"name": "Overall   status", "description": "x"}, "name", "already exists"),
        ({"name": "ＯＶＥＲＡＬＬ status", "description": "x"}, "name", "already exists"),
        ({"name": "Over\u200ball", "description": "x"}, "name", "invisible"),
        ({"name": "Over\u00a0all", "description": "x"}, "name", "U+00A0"),
        ({"name": "Over\x07all", "description": "x"}, "name", "control character"),
        ({"name": "x" * 41, "description": "x"}, "name", "at most 40"),
        ({"name": "  ", "description": "x"}, "name", "required"),
        ({"name": "Cost", "description": ""}, "description", "required"),
        ({"name": "Cost", "description": "a\u202eb"}, "description", "invisible"),
        ({"name": "Cost", "description": "x", "position": 0}, "position", "greater than"),
        ({"name": "Cost", "description": "x", "position": 4}, "position", "from 1 to 3"),
    ],
)
def test_bad_new_criteria_are_refused_naming_the_field(portfolio, data, field, words):
    before = _events(portfolio)
    with pytest.raises(InputError) as refused:
        written(portfolio, add_criterion, data)
    assert refused.value.field == field and words in refused.value.problem
    assert _events(portfolio) == before


def test_renaming_keeps_every_assessment_and_the_current_rag(portfolio):
    renamed, event = _one_more_event(
        portfolio, rename_criterion, {"criterion": "overall status", "new_name": "Overall"}
    )
    assert (renamed.name, renamed.version, renamed.assessments) == ("Overall", 2, 3)
    before, after = json.loads(event[3]), json.loads(event[4])
    assert (before["name"], after["name"], event[2]) == ("Overall status", "Overall", "update")
    with portfolio.reading() as connection:
        detail = initiative_detail(connection, "TPD")
    assert [(a.period, a.criterion) for a in detail.history] == [
        ("2011-Q1", "Overall"),
        ("2010-Q4", "Overall"),
    ]
    assert (detail.criteria[0].criterion, detail.criteria[0].rag) == ("Overall", "G")
    with pytest.raises(NotFoundError):
        written(portfolio, record_assessment, _rag("Overall status"))
    assert written(portfolio, record_assessment, _rag("overall")).criterion == "Overall"


def _rag(criterion: str) -> dict:
    return {"code": "DRM", "criterion": criterion, "rag": "A", "rationale": "Exits agreed."}


def test_a_rename_may_change_case_but_not_take_another_name(portfolio):
    assert written(portfolio, rename_criterion, {"criterion": 2, "new_name": "RISKS & mitigations"})
    for new_name, words in (("overall status", "already exists"), ("RISKS & mitigations", "is al")):
        with pytest.raises(InputError, match=words):
            written(portfolio, rename_criterion, {"criterion": 2, "new_name": new_name})


def test_describing_changes_only_the_description(portfolio):
    described, event = _one_more_event(
        portfolio, describe_criterion, {"criterion": RISKS, "description": "Risks owned."}
    )
    assert (described.description, described.name, described.position) == (
        "Risks owned.",
        RISKS,
        2,
    )
    assert json.loads(event[4])["description"] == "Risks owned."
    with pytest.raises(InputError, match="nothing to change"):
        written(portfolio, describe_criterion, {"criterion": RISKS, "description": "Risks owned."})


def test_moving_keeps_positions_gapless_and_records_the_order(portfolio):
    for name in ("Benefits", "Cost", "People"):
        written(portfolio, add_criterion, {"name": name, "description": name})
    moved, event = _one_more_event(portfolio, move_criterion, {"criterion": "people", "to": 2})
    assert (moved.position, moved.version) == (2, 2)
    assert json.loads(event[3])["order"] == ["Overall status", RISKS, "Benefits", "Cost", "People"]
    assert json.loads(event[4])["order"] == ["Overall status", "People", RISKS, "Benefits", "Cost"]
    written(portfolio, move_criterion, {"criterion": "Overall status", "to": 5})
    assert _order(portfolio) == [
        (1, "People"),
        (2, RISKS),
        (3, "Benefits"),
        (4, "Cost"),
        (5, "Overall status"),
    ]
    with portfolio.reading() as connection:
        versions = {row.name: row.version for row in criteria_rows(connection)}
    assert versions == {"People": 2, RISKS: 1, "Benefits": 1, "Cost": 1, "Overall status": 2}


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"criterion": RISKS, "to": 2}, "to", "at position 2 already"),
        ({"criterion": RISKS, "to": 3}, "to", "from 1 to 2"),
        ({"criterion": RISKS, "to": 0}, "to", "greater than"),
        ({"criterion": "Benefits", "to": 1}, "criterion", "no RAG criterion"),
        ({"criterion": 99, "to": 1}, "criterion", "no RAG criterion"),
    ],
)
def test_bad_moves_are_refused_naming_the_field(portfolio, data, field, words):
    with pytest.raises(InputError) as refused:
        written(portfolio, move_criterion, data)
    assert refused.value.field == field and words in refused.value.problem


def test_retiring_keeps_assessments_and_history_but_takes_no_new_rags(portfolio):
    written(portfolio, record_assessment, {**_rag(RISKS), "code": "TPD"})
    written(portfolio, add_criterion, {"name": "Cost", "description": "Spend."})
    retired, event = _one_more_event(portfolio, retire_criterion, {"criterion": RISKS})
    assert (retired.active, retired.position, retired.assessments) == (False, 0, 1)
    assert (event[2], json.loads(event[4])["order"]) == ("retire", ["Overall status", "Cost"])
    assert _order(portfolio) == [(1, "Overall status"), (2, "Cost"), (0, RISKS)]
    with portfolio.reading() as connection:
        assert [c.name for c in list_criteria(connection)] == ["Overall status", "Cost"]
        detail = initiative_detail(connection, "TPD")
    assert RISKS in {a.criterion for a in detail.history}
    assert RISKS not in {status.criterion for status in detail.criteria}
    with pytest.raises(InputError, match="retired: it takes no new RAGs"):
        written(portfolio, record_assessment, _rag(RISKS))
    with pytest.raises(InputError, match="reinstate it first"):
        written(portfolio, move_criterion, {"criterion": RISKS, "to": 1})
    with pytest.raises(InputError, match="reinstate it instead"):
        written(portfolio, add_criterion, {"name": "risks & MITIGATIONS", "description": "x"})

    back = written(portfolio, reinstate_criterion, {"criterion": RISKS})
    assert (back.active, back.position, back.assessments) == (True, 3, 1)
    assert written(portfolio, record_assessment, _rag(RISKS)).criterion == RISKS


def test_the_headline_cannot_be_retired_until_another_takes_position_1(portfolio):
    with pytest.raises(InputError, match="headline criterion; move another to position 1"):
        written(portfolio, retire_criterion, {"criterion": "Overall status"})
    written(portfolio, move_criterion, {"criterion": RISKS, "to": 1})
    assert not written(portfolio, retire_criterion, {"criterion": "Overall status"}).active
    with pytest.raises(InputError, match="retired already"):
        written(portfolio, retire_criterion, {"criterion": "Overall status"})
    with pytest.raises(InputError, match="is not retired"):
        written(portfolio, reinstate_criterion, {"criterion": RISKS})


def test_a_stale_version_is_refused_for_every_change(portfolio):
    written(portfolio, describe_criterion, {"criterion": RISKS, "description": "Changed."})
    events = _events(portfolio)
    for service, data in (
        (rename_criterion, {"new_name": "Risk"}),
        (describe_criterion, {"description": "Mine."}),
        (move_criterion, {"to": 1}),
        (retire_criterion, {}),
    ):
        with pytest.raises(StaleVersionError, match="changed by someone else"):
            written(portfolio, service, {"criterion": RISKS, "expected_version": 1, **data})
    assert _events(portfolio) == events
    moved = written(portfolio, move_criterion, {"criterion": RISKS, "to": 1, "expected_version": 2})
    assert moved.headline


@pytest.mark.parametrize("role", [Role.PORTFOLIO_OFFICE, Role.ADMIN])
def test_the_portfolio_office_and_admins_manage_criteria(portfolio, store_url, role):
    users.add(portfolio, "someone", role)
    with Store(store_url, "someone") as handle:
        written(handle, add_criterion, {"name": "Cost", "description": "Spend."})
        written(handle, move_criterion, {"criterion": "Cost", "to": 1})
    assert _order(portfolio)[0] == (1, "Cost")


@pytest.mark.parametrize(
    "role", [Role.VIEWER, Role.STAR_CHAMBER_SECRETARY, Role.FRONT_DOOR_SECRETARY]
)
def test_other_roles_are_refused_and_the_refusal_is_audited(portfolio, store_url, role):
    users.add(portfolio, "someone", role)
    with (
        Store(store_url, "someone") as handle,
        pytest.raises(PermissionDenied, match="may not edit the portfolio register"),
    ):
        written(handle, rename_criterion, {"criterion": RISKS, "new_name": "Risk"})
    assert _events(portfolio)[-1][:3] == ("permission", "edit the portfolio register", "denied")
    assert _order(portfolio) == [(1, "Overall status"), (2, RISKS)]


def test_a_criterion_name_is_never_a_pattern(portfolio):
    """`%` once matched the first criterion by LIKE, recording a RAG against it."""
    with pytest.raises(NotFoundError, match="no RAG criterion called '%'"):
        written(portfolio, record_assessment, _rag("%"))
    with pytest.raises(NotFoundError):
        written(portfolio, rename_criterion, {"criterion": "Overall_status", "new_name": "X"})
