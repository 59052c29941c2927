"""Delivery confidence on the five-point scale, kept apart from the RAG criteria, with an
optional independent assurance rating, and the Response to Red opened by the save that
turns an initiative Red (in the same transaction, with its own audit event)."""

from __future__ import annotations

from datetime import date

import pytest

from store.benefits.confidence import confidence_history
from store.benefits.confidence_services import record_confidence
from store.benefits.response_services import update_response
from store.benefits.responses import list_responses
from store.benefits.types import Confidence
from store.errors import InputError
from store.portfolio.services import record_assessment
from store.types import OVERALL_CRITERION, RISKS_CRITERION
from tests.support.factories import small_portfolio
from tests.support.writes import written


@pytest.fixture
def small(store, frozen_clock):
    small_portfolio(store)
    return store


def _rate(store, rating, period="2011-Q1", code="TPD", **more):
    data = {"code": code, "rating": rating, "rationale": f"{rating} because", "period": period}
    return written(store, record_confidence, {**data, **more})


def _responses(store, code="TPD", **options):
    """One initiative's Responses to Red."""
    with store.reading() as connection:
        return list_responses(connection, code, **options)


@pytest.mark.parametrize(
    ("typed", "rating"),
    [
        ("green", Confidence.GREEN),
        ("amber-green", Confidence.AMBER_GREEN),
        ("Amber/Green", Confidence.AMBER_GREEN),
        ("AR", Confidence.AMBER_RED),
        ("amber red", Confidence.AMBER_RED),
        ("RED", Confidence.RED),
    ],
)
def test_each_point_of_the_scale_reads_however_typed(small, typed, rating):
    saved = _rate(small, typed)
    assert saved.rating is rating and saved.word == rating.word and not saved.assurance


def test_history_keeps_the_latest_per_period_and_the_assurance_rating_beside_it(small):
    _rate(small, "amber", "2010-Q4")
    _rate(small, "amber-red", "2011-Q1")
    _rate(small, "amber-green", "2011-Q1")  # replaces the Amber/Red of the same period
    _rate(small, "amber", "2011-Q1", assurance=True)
    with small.reading() as connection:
        history = confidence_history(connection, "TPD")
    assert [(r.period, r.word, r.assurance) for r in history] == [
        ("2011-Q1", "Amber/Green", False),
        ("2011-Q1", "Amber", True),
        ("2010-Q4", "Amber", False),
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"period": "2011-Q2"}, "period"),
        ({"rating": "purple"}, "rating"),
        ({"rationale": "  "}, "rationale"),
        ({"code": "NOPE"}, "code"),
    ],
)
def test_bad_ratings_are_refused_naming_the_field(small, change, field):
    data = {"code": "TPD", "rating": "green", "rationale": "fine", **change}
    with pytest.raises(InputError) as caught:
        written(small, record_confidence, data)
    assert caught.value.field == field


def test_a_red_rating_opens_one_response_in_the_same_save(small):
    _rate(small, "amber", "2010-Q4")
    _rate(small, "red")
    (response,) = _responses(small)
    assert (response.code, response.period, response.source, response.status) == (
        "TPD",
        "2011-Q1",
        "confidence",
        "open",
    )
    assert response.owner == "AC Ruth Mallory"  # the SRO, until the office names another
    _rate(small, "red")  # still Red: no second response
    with small.reading() as connection:
        events = connection.execute(
            "SELECT entity, reason FROM audit_event ORDER BY id DESC LIMIT 3"
        ).fetchall()
    assert len(_responses(small)) == 1
    assert ("red_response", "delivery confidence turned Red") in [tuple(e) for e in events]


def test_a_red_recorded_for_an_earlier_period_is_history_and_opens_none(small):
    assert _responses(small, "DRM") == []  # the small portfolio's DRM is Red in 2010-Q4
    _rate(small, "red", "2010-Q4")
    assert _responses(small) == []


def test_a_headline_rag_turning_red_opens_a_response_but_another_criterion_does_not(small):
    rag = {"code": "TPD", "period": "2011-Q1", "rationale": "Off track", "rag": "R"}
    written(small, record_assessment, {**rag, "criterion": RISKS_CRITERION})
    assert _responses(small) == []
    written(small, record_assessment, {**rag, "criterion": OVERALL_CRITERION})
    (response,) = _responses(small)
    assert (response.source, response.period) == ("rag", "2011-Q1")


def test_a_response_refused_on_a_later_step_rolls_back_with_its_rating(small):
    with pytest.raises(InputError), small.writing() as session:
        record_confidence(
            {"code": "TPD", "rating": "red", "rationale": "x", "period": "2011-Q1"},
            session=session,
        )
        raise InputError("test", "a later step fails")
    assert _responses(small) == []


def test_a_response_is_worked_then_closed_with_an_outcome(small):
    _rate(small, "red")
    (opened,) = _responses(small)
    worked = written(
        small,
        update_response,
        {"id": opened.id, "actions": "Recovery plan to board", "review_on": "2011-07-01"},
    )
    assert worked.review_on == date(2011, 7, 1) and worked.version == 2
    with pytest.raises(InputError, match="outcome: say what the outcome was"):
        written(small, update_response, {"id": opened.id, "closed_on": "2011-06-10"})
    closed = written(
        small,
        update_response,
        {"id": opened.id, "outcome": "Back to Amber", "closed_on": "2011-06-10"},
    )
    assert (closed.status, closed.closed_on) == ("closed", date(2011, 6, 10))
    assert _responses(small, open_only=True) == []
    with pytest.raises(InputError, match="was closed on"):
        written(small, update_response, {"id": opened.id, "actions": "more"})
    _rate(small, "amber", "2011-Q1")
    _rate(small, "red", "2011-Q1")  # Red again after it was closed: a new response
    assert len(_responses(small, open_only=True)) == 1


def test_the_list_and_the_detail_read_the_teams_rating_in_force(small):
    """The portfolio list's Conf column and the detail title: the team's own rating for
    the current period or the latest earlier one (an assurance rating stands beside it
    on the Status tab, not instead of it); none for an initiative never rated."""
    from store.portfolio.queries import (
        PortfolioQuery,
        initiative_detail,
        portfolio_page,
        portfolio_row,
    )
    from store.portfolio.services import set_current_period

    _rate(small, "amber", "2010-Q4")
    _rate(small, "amber-red", "2011-Q1")
    _rate(small, "green", "2011-Q1", assurance=True)
    with small.reading() as connection:
        assert portfolio_row(connection, "TPD").confidence is Confidence.AMBER_RED
        assert initiative_detail(connection, "TPD").confidence is Confidence.AMBER_RED
        rows = {row.code: row.confidence for row in portfolio_page(connection, PortfolioQuery())}
    assert rows.pop("TPD") is Confidence.AMBER_RED
    assert set(rows.values()) == {None}
    with small.writing() as session:
        set_current_period("2010-Q4", session=session)
    with small.reading() as connection:  # as at 2010-Q4, the 2011-Q1 rating is not yet made
        assert portfolio_row(connection, "TPD").confidence is Confidence.AMBER
