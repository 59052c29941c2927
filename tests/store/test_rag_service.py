"""Recording RAG assessments: validation, history kept, the word-for-word rule, trends."""

from __future__ import annotations

import pytest

from store.errors import InputError, NotFoundError
from store.portfolio.queries import initiative_detail, portfolio_row
from store.portfolio.services import record_assessment
from tests.support.factories import small_portfolio
from tests.support.reads import value
from tests.support.writes import written


@pytest.fixture
def portfolio(store):
    small_portfolio(store)
    return store


def _count(store, table: str) -> int:
    return value(store, f"SELECT COUNT(*) FROM {table}")


def _record(store, **fields):
    data = {"code": "TPD", "criterion": "Overall status", "rag": "R", "rationale": "x"}
    data.update(fields)
    return written(store, record_assessment, data)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"rationale": ""}, "rationale", "required"),
        ({"rationale": "   \n  "}, "rationale", "required"),
        ({"rationale": "\x00"}, "rationale", "control character (U+0000)"),
        ({"rationale": "on track\x1b[31m"}, "rationale", "control character (U+001B)"),
        ({"rag": "X"}, "rag", "not a RAG"),
        ({"rag": ""}, "rag", "not a RAG"),
        ({"period": "2011Q1"}, "period", "2011-Q1"),
        ({"period": "2011-Q5"}, "period", "not a period"),
        ({"period": "2999-Q1"}, "period", "after the current reporting period"),
        ({"code": "NOPE"}, "code", "no initiative"),
        ({"criterion": "Budget"}, "criterion", "no RAG criterion"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(portfolio, fields, field, words):
    assessments, events = _count(portfolio, "rag_assessment"), _count(portfolio, "audit_event")
    with pytest.raises(InputError) as raised:
        _record(portfolio, **fields)
    assert raised.value.field == field
    assert words in str(raised.value)
    assert _count(portfolio, "rag_assessment") == assessments
    assert _count(portfolio, "audit_event") == events


def test_tabs_and_line_breaks_are_kept_in_a_rationale(portfolio):
    saved = _record(portfolio, rationale="Two points:\n\t1. slipping\r\n\t2. funded")
    assert saved.rationale == "Two points:\n\t1. slipping\r\n\t2. funded"


def test_unknown_code_is_a_not_found_error(portfolio):
    with pytest.raises(NotFoundError):
        _record(portfolio, code="ZZZ")


def test_letters_and_words_in_any_case_are_accepted(portfolio):
    assert _record(portfolio, rag="amber", rationale="a").rag == "A"
    assert _record(portfolio, rag="g", rationale="b", criterion="risks & MITIGATIONS").rag == "G"


def test_the_period_defaults_to_the_current_one(portfolio):
    assert _record(portfolio, rationale="now").period == "2011-Q1"


def test_history_is_never_overwritten_and_the_latest_wins(portfolio):
    first = _record(portfolio, rag="A", rationale="first view")
    second = _record(portfolio, rag="R", rationale="second view, same period")
    with portfolio.reading() as connection:
        detail = initiative_detail(connection, "TPD")
    same_period = [a for a in detail.history if a.period == "2011-Q1"]
    assert [a.id for a in same_period][:2] == [second.id, first.id]
    assert detail.criteria[0].rag == "R"
    assert detail.criteria[0].rationale == "second view, same period"


def test_a_changed_colour_may_not_repeat_last_periods_rationale(portfolio):
    # TPD was Amber in 2010-Q4 with this text; now Green in 2011-Q1 (see factories).
    with pytest.raises(InputError) as raised:
        _record(
            portfolio,
            rag="G",
            rationale="  Business cases for   three projects are late. ",
            period="2011-Q1",
        )
    assert raised.value.field == "rationale"
    assert "word for word" in str(raised.value)


def test_the_same_colour_may_keep_last_periods_words(portfolio):
    saved = _record(
        portfolio,
        rag="A",
        rationale="Business cases for three projects are late.",
        period="2011-Q1",
    )
    assert saved.rag == "A"


def test_recording_an_older_period_does_not_change_the_current_rag(portfolio):
    _record(portfolio, rag="R", rationale="backfilled", period="2010-Q3")
    with portfolio.reading() as connection:
        row = portfolio_row(connection, "TPD")
    assert (row.rag, row.rag_period, row.previous_rag) == ("G", "2011-Q1", "A")


def test_trend_and_stale_flag_follow_the_latest_two_periods(portfolio):
    with portfolio.reading() as connection:
        tpd, drm = portfolio_row(connection, "TPD"), portfolio_row(connection, "DRM")
    assert (tpd.rag, tpd.previous_rag, tpd.trend.value, tpd.stale) == ("G", "A", "▲", False)
    assert (drm.rag, drm.rag_period, drm.trend, drm.stale) == ("R", "2010-Q4", None, True)
    _record(portfolio, code="DRM", rag="A", rationale="exits recovering")
    with portfolio.reading() as connection:
        drm = portfolio_row(connection, "DRM")
    assert (drm.rag, drm.previous_rag, drm.trend.value, drm.stale) == ("A", "R", "▲", False)


def test_the_author_is_the_acting_user(portfolio):
    assert _record(portfolio, rationale="mine").author == "tester"
