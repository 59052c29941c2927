"""Dependencies: the at-risk rule, incoming and outgoing, the matrix, and edits."""

from __future__ import annotations

import pytest

from store.errors import InputError
from store.portfolio.services import record_assessment
from store.programme.dependencies.queries import (
    dependencies_between,
    dependencies_of,
    dependency,
    dependency_matrix,
    list_dependencies,
)
from store.programme.dependencies.services import create_dependency, update_dependency
from store.programme.milestones.services import create_milestone, update_milestone
from tests.support.factories import small_portfolio
from tests.support.writes import written


@pytest.fixture
def small(store, frozen_clock):
    small_portfolio(store)
    with store.writing() as session:
        create_milestone(
            {"code": "TPD-SNT", "name": "Review done", "baseline": "2011-07-29"}, session=session
        )
    return store


def _depend(store, **fields):
    data = {
        "from_code": "TPD-SNT",
        "to_code": "DRM",
        "needed": "Where neighbourhood teams will sit",
        "needed_by": "2011-09-30",
        "importance": "high",
        **fields,
    }
    return written(store, create_dependency, data)


def test_not_at_risk_when_the_milestone_is_in_time_and_the_upstream_is_not_red(small):
    saved = _depend(small, milestone="review done")
    assert saved.milestone == "Review done" and not saved.at_risk
    assert saved.at_risk_reasons == ()


def test_at_risk_when_the_upstream_milestone_is_forecast_after_needed_by(small):
    saved = _depend(small, milestone="Review done")
    with small.writing() as session:
        update_milestone(
            {"code": "TPD-SNT", "name": "Review done", "forecast": "2011-10-03"}, session=session
        )
    with small.reading() as connection:
        found = dependency(connection, saved.id)
    assert found.at_risk
    assert found.at_risk_reasons == (
        "milestone 'Review done' is expected 2011-10-03, 3 days after it is needed",
    )
    # A forecast on the needed-by date itself is in time.
    with small.writing() as session:
        update_milestone(
            {"code": "TPD-SNT", "name": "Review done", "forecast": "2011-09-30"}, session=session
        )
    with small.reading() as connection:
        assert not dependency(connection, saved.id).at_risk


def test_at_risk_when_the_upstream_overall_rag_is_red(small):
    saved = _depend(small)
    assert not saved.at_risk
    with small.writing() as session:
        record_assessment(
            {
                "code": "TPD-SNT",
                "criterion": "Overall status",
                "rag": "R",
                "rationale": "Review team disbanded.",
            },
            session=session,
        )
    with small.reading() as connection:
        found = dependency(connection, saved.id)
    assert found.at_risk and found.upstream_rag == "R"
    assert found.at_risk_reasons == ("TPD-SNT's overall RAG is Red",)


def test_a_red_downstream_does_not_put_the_dependency_at_risk(small):
    saved = _depend(small)
    # DRM, the downstream, was Red in 2010-Q4 in the small portfolio.
    assert not saved.at_risk and saved.upstream_rag is None


def test_delivered_or_cancelled_dependencies_are_never_at_risk(small):
    saved = _depend(small, milestone="Review done")
    with small.writing() as session:
        update_milestone(
            {"code": "TPD-SNT", "name": "Review done", "forecast": "2011-12-01"}, session=session
        )
        late = update_dependency({"id": saved.id, "importance": "medium"}, session=session)
    assert late.at_risk
    with small.writing() as session:
        delivered = update_dependency({"id": saved.id, "status": "delivered"}, session=session)
    assert not delivered.at_risk and delivered.version == 3


def test_incoming_and_outgoing(small):
    _depend(small)
    _depend(small, from_code="DRM", to_code="TPD", needed="Estate disposals plan")
    with small.reading() as connection:
        drm_id = connection.execute("SELECT id FROM initiative WHERE code = 'DRM'").fetchone()[0]
        incoming, outgoing = dependencies_of(connection, drm_id)
        both = list_dependencies(connection, "drm")
    assert [d.from_code for d in incoming] == ["TPD-SNT"]
    assert [d.to_code for d in outgoing] == ["TPD"]
    assert len(both) == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"to_code": "TPD-SNT"}, "to_code"),
        ({"from_code": "NOPE"}, "from_code"),
        ({"to_code": "NOPE"}, "to_code"),
        ({"needed": " "}, "needed"),
        ({"needed_by": ""}, "needed_by"),
        ({"needed_by": "30/09/2011"}, "needed_by"),
        ({"importance": "urgent"}, "importance"),
        ({"status": "late"}, "status"),
        ({"milestone": "Not a milestone"}, "milestone"),
    ],
)
def test_bad_dependencies_are_refused_naming_the_field(small, fields, field):
    with pytest.raises(InputError) as caught:
        _depend(small, **fields)
    assert caught.value.field == field
    with small.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM dependency").fetchone() == (0,)


def test_the_milestone_must_be_the_upstreams(small):
    with small.writing() as session:
        create_milestone(
            {"code": "DRM", "name": "Exits", "baseline": "2011-07-01"}, session=session
        )
    with pytest.raises(InputError, match="TPD-SNT has no milestone"):
        _depend(small, milestone="Exits")


def test_matrix_marks_highest_importance_and_counts_at_risk(demo_store):
    with demo_store.reading() as connection:
        matrix = dependency_matrix(connection)
        ids = {node.code: node.id for node in matrix.nodes}
        cell = matrix.cell(ids["TPD-PA"], ids["DRM-CRE"])
        between = dependencies_between(connection, ids["TPD-PA"], ids["DRM-CRE"])
    assert {"TPD", "DRM-CRE", "TPD-PA", "TPD-SNT", "TPD-DET", "THR", "TRAIN"} <= set(ids)
    assert cell.importance == "high" and cell.at_risk == 1 and cell.count == 1
    assert between[0].needed == "Decisions on which front counters stay open"
    assert matrix.cell(ids["DRM-CRE"], ids["TPD-PA"]) is None
    assert matrix.cell(ids["TPD"], ids["COIP"]).importance == "low"


def test_demo_holds_the_seeds_tp_and_estate_dependencies(demo_store):
    with demo_store.reading() as connection:
        rows = list_dependencies(connection)
    pairs = {(d.from_code, d.to_code) for d in rows}
    assert {("TPD-PA", "DRM-CRE"), ("TPD-SNT", "DRM-CRE"), ("TPD-DET", "DRM-CRE")} <= pairs
    assert ("DRM-CRE", "TPD") in pairs  # and the other way round
    enabling = {d.from_code for d in rows}
    assert {"THR", "TRAIN", "HR-SHIFT"} & enabling  # HR
    assert {"ITCOST", "THIN"} <= enabling  # ICT
    assert [d.to_code for d in rows if d.at_risk] == ["DRM-CRE"]


def test_either_end_can_move_to_another_initiative(small):
    saved = _depend(small)
    with small.writing() as session:
        moved = update_dependency(
            {"id": saved.id, "from_code": "tpd-crib", "expected_version": 1}, session=session
        )
    assert (moved.from_code, moved.to_code, moved.version) == ("TPD-CRIB", "DRM", 2)
    with small.writing() as session:
        swapped = update_dependency(
            {"id": saved.id, "from_code": "DRM", "to_code": "TPD-CRIB"}, session=session
        )
    assert (swapped.from_code, swapped.to_code) == ("DRM", "TPD-CRIB")
    with small.reading() as connection:
        events = connection.execute(
            "SELECT COUNT(*) FROM audit_event WHERE entity = 'dependency' AND action = 'update'"
        ).fetchone()
    assert events == (2,)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"to_code": "TPD-SNT"}, "to_code", "cannot depend on itself"),
        ({"from_code": "DRM"}, "from_code", "cannot depend on itself"),
        ({"from_code": "NOPE"}, "from_code", "NOPE"),
        ({"from_code": "TPD-CRIB"}, "milestone", "one of TPD-SNT's"),
        ({"from_code": "TPD-CRIB", "milestone": "Review done"}, "milestone", "TPD-CRIB has no"),
        ({"needed": "x", "expected_version": 7}, "version", "changed by someone else"),
    ],
)
def test_bad_moves_and_stale_edits_are_refused(small, fields, field, words):
    saved = _depend(small, milestone="Review done")
    with pytest.raises(InputError) as caught, small.writing() as session:
        update_dependency({"id": saved.id, **fields}, session=session)
    assert caught.value.field == field and words in caught.value.problem
    with small.reading() as connection:
        assert dependency(connection, saved.id) == saved


def test_moving_the_upstream_with_its_own_milestone_or_none(small):
    saved = _depend(small, milestone="Review done")
    with small.writing() as session:
        create_milestone(
            {"code": "TPD-CRIB", "name": "Bureau live", "baseline": "2011-10-31"}, session=session
        )
        moved = update_dependency(
            {"id": saved.id, "from_code": "TPD-CRIB", "milestone": "bureau live"},
            session=session,
        )
    assert moved.milestone == "Bureau live" and moved.at_risk
    with small.writing() as session:
        unlinked = update_dependency(
            {"id": saved.id, "from_code": "TPD-SNT", "milestone": ""}, session=session
        )
    assert unlinked.milestone is None and not unlinked.at_risk
