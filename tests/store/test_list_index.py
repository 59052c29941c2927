"""The portfolio list in memory answers every query it covers exactly as SQL does."""

from __future__ import annotations

import itertools

import pytest

from store.handle import Store
from store.portfolio.list_index import PortfolioIndex, load_index, position_in, summary_of
from store.portfolio.queries import PortfolioQuery, portfolio_page, portfolio_summary, position_of
from tests.support.factories import small_portfolio
from tests.support.hostile_text import hostile_world

TEXTS = ["", "a", "crib", "TP vale", "dor", "PATEL", "100%", "_", "\\", "é", "É", "zzz", "-"]
RAGS = [frozenset(), frozenset("R"), frozenset({"-", "G"})]
TIERS = [None, "mandated"]


def queries():
    for text, rags, tier, descending in itertools.product(TEXTS, RAGS, TIERS, (False, True)):
        yield PortfolioQuery(text=text, rags=rags, tier=tier, descending=descending)


def assert_same_as_sql(store: Store) -> None:
    with store.reading() as connection:
        index = load_index(connection)
        for query in queries():
            rows = index.select(query)
            assert rows == portfolio_page(connection, query, limit=-1), query
            assert summary_of(rows) == portfolio_summary(connection, query), query
            for row in rows[:3]:
                assert position_in(rows, row.code) == position_of(connection, query, row.code)


def test_the_index_answers_as_sql_does(store):
    small_portfolio(store)
    assert_same_as_sql(store)


def test_the_index_answers_as_sql_does_on_the_demo(demo_url):
    with Store(demo_url, "tester") as store:
        assert_same_as_sql(store)


def test_the_index_takes_hostile_text_literally(store):
    """Markup, wildcards, accents and control characters: found as SQL finds them."""
    hostile_world(store)
    assert_same_as_sql(store)


@pytest.mark.parametrize(
    ("query", "covered"),
    [
        (PortfolioQuery(text="x", rags=frozenset("R"), tier="mandated"), True),
        (PortfolioQuery(descending=True), True),
        (PortfolioQuery(sort="rag"), False),  # collations differ by engine: SQL sorts
        (PortfolioQuery(red_response=True), False),
    ],
)
def test_the_index_covers_the_hierarchy_order_only(query, covered):
    assert PortfolioIndex.covers(query) is covered


def test_an_empty_database_is_said_to_be_empty(store):
    with store.reading() as connection:
        index = load_index(connection)
    assert index.empty
    assert index.select(PortfolioQuery()) == []
