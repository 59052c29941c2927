"""A second RAG for the same criterion and period replaces the first: the editor can
read the one in force, history says which replaced which, and every count takes the
correction once."""

from __future__ import annotations

import pytest

from store.portfolio.queries import (
    PortfolioQuery,
    assessment_in_period,
    initiative_detail,
    portfolio_summary,
)
from store.portfolio.read_models import replacement_note
from store.portfolio.services import record_assessment
from store.reports.pack import build_pack
from tests.support.factories import small_portfolio


@pytest.fixture
def portfolio(store, frozen_clock):
    small_portfolio(store)
    return store


def _record(store, rag: str, rationale: str):
    data = {"code": "TPD", "criterion": "Overall status", "rag": rag, "rationale": rationale}
    with store.writing() as session:
        return record_assessment(data, session=session)


def test_a_second_rag_this_period_replaces_the_first_and_history_says_so(portfolio):
    with portfolio.reading() as connection:
        first = assessment_in_period(connection, "TPD", "Overall status", "2011-Q1")
    assert first is not None and first.rag == "G" and first.replaced_by is None
    second = _record(portfolio, "A", "Contractor slipped a month.")
    assert second.replaces == first.id
    with portfolio.reading() as connection:
        now = assessment_in_period(connection, "TPD", "Overall status", "2011-Q1")
        history = initiative_detail(connection, "TPD").history
    assert now.id == second.id and now.replaces == first.id
    old = next(a for a in history if a.id == first.id)
    new = next(a for a in history if a.id == second.id)
    assert old.replaced_by == second.id and new.replaces == first.id
    assert replacement_note(old, history) == f"replaced by {new.recorded}"
    assert replacement_note(new, history) == f"replaces the RAG by {old.recorded}"
    earlier = next(a for a in history if a.period == "2010-Q4")
    assert replacement_note(earlier, history) == ""


def test_a_correction_is_counted_once_in_the_list_and_the_pack(portfolio):
    with portfolio.reading() as connection:
        before = portfolio_summary(connection, PortfolioQuery())
    _record(portfolio, "R", "Funding withdrawn.")
    with portfolio.reading() as connection:
        after = portfolio_summary(connection, PortfolioQuery())
    assert (after.total, after.unrated) == (before.total, before.unrated)
    assert (after.green, after.red) == (before.green - 1, before.red + 1)
    pack = build_pack(portfolio, "2011-Q1")
    block = pack.sections[0].blocks[0]
    assert block.totals[0][2:] == (1, 0, 0, 1)  # one Red, rated once
