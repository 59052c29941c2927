"""Risks: scores, ROAM, open and closed, the heat map and its drill-down."""

from __future__ import annotations

import pytest

from store.errors import InputError
from store.programme.risks.queries import heat_map, list_risks, risk, risks_in_cell, risks_of
from store.programme.risks.services import create_risk, update_risk
from tests.support.factories import small_portfolio
from tests.support.writes import written


@pytest.fixture
def small(store, frozen_clock):
    small_portfolio(store)
    return store


def _risk(store, **fields):
    data = {"code": "TPD", "description": "Selection takes longer", "likelihood": 3, "impact": 4}
    return written(store, create_risk, {**data, **fields})


def test_score_is_likelihood_times_impact_and_who_raised_it_is_kept(small):
    saved = _risk(
        small,
        cause="Each project runs its own selection",
        effect="Go-live moves right",
        proximity="2011-09-30",
        owner="Dan Okoro",
        mitigation="More HR resource",
    )
    assert saved.score == 12 and saved.status == "open" and saved.roam is None
    assert saved.raised_by == "tester" and saved.version == 1
    assert str(saved.proximity) == "2011-09-30"


@pytest.mark.parametrize("roam", ["resolved", "owned", "accepted", "mitigated", "Owned"])
def test_a_risk_can_be_marked_with_each_roam_response(small, roam):
    saved = _risk(small)
    with small.writing() as session:
        marked = update_risk({"id": saved.id, "roam": roam}, session=session)
    assert marked.roam == roam.lower() and marked.version == 2


def test_closing_rescoring_and_clearing_roam(small):
    saved = _risk(small, roam="owned")
    with small.writing() as session:
        changed = update_risk(
            {"id": saved.id, "likelihood": "5", "impact": 5, "status": "closed", "roam": ""},
            session=session,
        )
    assert (changed.score, changed.status, changed.roam) == (25, "closed", None)
    with pytest.raises(InputError, match="changed by someone else"), small.writing() as s:
        update_risk({"id": saved.id, "owner": "x", "expected_version": 1}, session=s)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"likelihood": 0}, "likelihood"),
        ({"likelihood": 6}, "likelihood"),
        ({"impact": "high"}, "impact"),
        ({"impact": "2.5"}, "impact"),
        ({"description": "  "}, "description"),
        ({"status": "pending"}, "status"),
        ({"roam": "ignored"}, "roam"),
        ({"proximity": "soon"}, "proximity"),
        ({"code": "NOPE"}, "code"),
    ],
)
def test_bad_risks_are_refused_naming_the_field(small, fields, field):
    with pytest.raises(InputError) as caught:
        _risk(small, **fields)
    assert caught.value.field == field
    with small.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM risk").fetchone() == (0,)


def test_unknown_risk_and_empty_change_are_refused(small):
    with pytest.raises(InputError, match="no risk with id 99"), small.writing() as s:
        update_risk({"id": 99, "owner": "x"}, session=s)
    saved = _risk(small)
    with pytest.raises(InputError, match="nothing to change"), small.writing() as s:
        update_risk({"id": saved.id, "likelihood": 3}, session=s)


def test_heat_map_counts_open_risks_and_drills_down(small):
    _risk(small)
    _risk(small, description="Second", code="DRM")
    _risk(small, description="Closed one", status="closed")
    _risk(small, description="Low", likelihood=1, impact=1)
    with small.reading() as connection:
        open_map = heat_map(connection)
        all_map = heat_map(connection, include_closed=True)
        cell = risks_in_cell(connection, 3, 4)
        cell_all = risks_in_cell(connection, 3, 4, include_closed=True)
    assert open_map.count(3, 4) == 2 and open_map.count(1, 1) == 1 and open_map.total == 3
    assert all_map.count(3, 4) == 3
    assert {r.description for r in cell} == {"Selection takes longer", "Second"}
    assert len(cell_all) == 3


def test_lists_put_the_highest_score_first_and_open_before_closed(small):
    _risk(small, description="Low", likelihood=1, impact=2)
    _risk(small, description="Closed high", likelihood=5, impact=5, status="closed")
    _risk(small, description="High", likelihood=4, impact=5)
    with small.reading() as connection:
        everything = [r.description for r in list_risks(connection)]
        open_only = [r.description for r in list_risks(connection, include_closed=False)]
        tpd_id = connection.execute("SELECT id FROM initiative WHERE code='TPD'").fetchone()[0]
        of_tpd = [r.description for r in risks_of(connection, tpd_id)]
        one = risk(connection, 1)
    assert everything == ["Closed high", "High", "Low"]
    assert open_only == ["High", "Low"]
    assert of_tpd == ["High", "Low", "Closed high"]
    assert one.description == "Low"


def test_demo_risks_follow_the_seeds_rag_tables(demo_store):
    with demo_store.reading() as connection:
        tpd = list_risks(connection, "TPD")
        grid = heat_map(connection)
    assert len(tpd) == 3 and {r.roam for r in tpd} == {"owned", "mitigated"}
    assert tpd[0].score == 20
    assert grid.total == 13 and grid.count(4, 4) == 2 and grid.count(3, 3) == 5


@pytest.mark.parametrize(
    ("value", "words"),
    [("6", "6 is not from 1 to 5"), (0, "0 is not from 1 to 5"), ("", "is required")],
)
def test_score_messages_say_what_is_allowed(small, value, words):
    with pytest.raises(InputError) as caught:
        _risk(small, likelihood=value)
    assert caught.value.field == "likelihood" and words in caught.value.problem
