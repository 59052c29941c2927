"""The portfolio list in memory answers every query it covers exactly as SQL does."""

from __future__ import annotations

import itertools

import pytest

from store.benefits.confidence_services import record_confidence
from store.handle import Store
from store.portfolio.list_index import PortfolioIndex, load_index
from store.portfolio.queries import PortfolioQuery, portfolio_page, portfolio_summary, position_of
from store.types import OVERALL_CRITERION
from tests.support.factories import small_portfolio
from tests.support.hostile_text import hostile_world

# One letter (a character's mask), words tested on the rows holding all their letters
# ("lat", "ll": letters present, words maybe not), several words, and hostile text.
TEXTS = ["", "a", "crib", "TP vale", "dor", "PATEL", "100%", "_", "\\", "é", "É", "zzz", "-"]
TEXTS += ["ll", "lat", "tal", "a e r", "Éé", "\n"]
RAGS = [frozenset(), frozenset("R"), frozenset({"-", "G"})]
TIERS = [None, "mandated"]


def queries():
    for text, rags, tier, descending in itertools.product(TEXTS, RAGS, TIERS, (False, True)):
        yield PortfolioQuery(text=text, rags=rags, tier=tier, descending=descending)


def assert_same_as_sql(store: Store) -> None:
    with store.reading() as connection:
        index = load_index(connection)
        everything = index.select(PortfolioQuery())
        everyone = everything[:1] + everything[-1:]
        for query in queries():
            rows = index.select(query)
            assert rows == portfolio_page(connection, query, limit=-1), query
            for start, count in ((0, 2), (1, 3), (len(rows) - 1, 5)):
                window = portfolio_page(connection, query, offset=max(start, 0), limit=count)
                assert index.window(query, max(start, 0), count) == window, (query, start)
            assert index.summary(query) == portfolio_summary(connection, query), query
            codes = [row.code for row in rows[:2] + rows[-2:] + everyone] + ["NO-SUCH-CODE"]
            for code in codes:
                assert index.position(query, code) == position_of(connection, query, code)


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


def test_the_kept_index_is_read_again_only_when_the_data_changes(store):
    """Coming back to the list reads nothing while nothing was saved; a save, and a new
    reporting period, each give a fresh index showing it."""
    from store.portfolio.list_index import kept_index
    from store.portfolio.services import record_assessment, set_current_period

    small_portfolio(store)
    with store.reading() as connection:
        first = kept_index(store.kept, connection)
    with store.reading() as connection:
        assert kept_index(store.kept, connection) is first

    with store.writing() as session:
        record_assessment(
            {"code": "DRM", "criterion": OVERALL_CRITERION, "rag": "G", "rationale": "Back."},
            session=session,
        )
    with store.reading() as connection:
        saved = kept_index(store.kept, connection)
    assert saved is not first
    assert [row.rag for row in saved.select(PortfolioQuery()) if row.code == "DRM"] == ["G"]

    with store.writing() as session:
        set_current_period("2010-Q4", session=session)
    with store.reading() as connection:
        assert kept_index(store.kept, connection).period == "2010-Q4"


def test_the_index_holds_values_the_garbage_collector_does_not_walk(store):
    """Row objects would be walked at every full collection: 30 ms at 100,000
    initiatives, in the middle of whatever key it falls on."""
    import gc

    small_portfolio(store)
    with store.writing() as session:
        record_confidence(
            {"code": "TPD", "rating": "AG", "rationale": "On track."}, session=session
        )
    with store.reading() as connection:
        index = load_index(connection)
    gc.collect()
    assert index.values and not any(map(gc.is_tracked, index.values))
    rated = [row.confidence for row in index.select(PortfolioQuery()) if row.code == "TPD"]
    assert rated == ["AG"]
