"""The list query: text filter, quick filters, sorting, counts and positions, all in SQL."""

from __future__ import annotations

import pytest

from store.portfolio.queries import (
    PortfolioQuery,
    portfolio_page,
    portfolio_summary,
    position_of,
)
from tests.support.factories import small_portfolio


@pytest.fixture
def connection(store):
    small_portfolio(store)
    with store.reading() as connection:
        yield connection


def codes(connection, **query) -> list[str]:
    return [row.code for row in portfolio_page(connection, PortfolioQuery(**query), limit=-1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("crib", ["TPD-CRIB"]),  # code
        ("neighbourhood", ["TPD-SNT"]),  # name
        ("dor", ["DRM"]),  # business group
        ("patel", ["TPD-SNT"]),  # SRO
        ("tp vale", ["TPD-CRIB", "TPD-RESP"]),  # every word must match something
        ("100%", []),  # LIKE wildcards are taken literally
        ("_", []),
    ],
)
def test_the_filter_matches_code_name_group_and_sro(connection, text, expected):
    assert codes(connection, text=text) == expected


def test_quick_filters_by_rag_including_no_rag(connection):
    assert codes(connection, rags=frozenset({"G"})) == ["TPD"]
    assert codes(connection, rags=frozenset({"R", "G"})) == ["DRM", "TPD"]
    assert codes(connection, rags=frozenset({"-"})) == ["TPD-CRIB", "TPD-RESP", "TPD-SNT"]


def test_quick_filter_by_tier(connection):
    assert codes(connection, tier="transformational") == ["DRM", "TPD"]


def test_sorting_by_rag_and_reversing(connection):
    assert codes(connection, sort="rag")[:2] == ["DRM", "TPD"]
    assert codes(connection, sort="rag", descending=True)[-2:] == ["TPD", "DRM"]
    assert codes(connection, sort="name")[0] == "TPD-CRIB"  # "Crime Recording..."


def test_summary_counts_the_filtered_rows(connection):
    summary = portfolio_summary(connection, PortfolioQuery())
    counts = (summary.total, summary.red, summary.amber, summary.green, summary.unrated)
    assert counts == (5, 1, 0, 1, 3)
    assert portfolio_summary(connection, PortfolioQuery(text="tpd")).total == 4


@pytest.mark.parametrize("where", ["small", "demo"])
def test_the_whole_registers_summary_is_what_counting_every_row_says(
    where, connection, demo_url, monkeypatch
):
    """With no filter the summary is counted off the indexes (`register_summary`); with
    every RAG and no RAG ticked it is counted row by row through the joins. The same
    register gives the same answer both ways, unrated initiatives and all."""
    import store.portfolio.queries as queries
    from store.handle import Store

    off_the_indexes = queries.register_summary
    used: list[int] = []
    monkeypatch.setattr(
        queries, "register_summary", lambda c, o: used.append(o) or off_the_indexes(c, o)
    )

    everything = PortfolioQuery(rags=frozenset({"R", "A", "G", "-"}))
    if where == "small":
        whole, counted = (portfolio_summary(connection, q) for q in (PortfolioQuery(), everything))
    else:
        with Store(demo_url, "tester") as demo, demo.reading() as on_demo:
            whole, counted = (portfolio_summary(on_demo, q) for q in (PortfolioQuery(), everything))
    assert whole == counted and whole.unrated > 0 and whole.red + whole.green > 0
    assert len(used) == 1  # the whole register only


def test_paging_returns_windows_in_order(connection):
    everything = codes(connection)
    window = portfolio_page(connection, PortfolioQuery(), offset=2, limit=3)
    assert [row.code for row in window] == everything[2:5]


def test_position_of_finds_a_row_in_the_current_order(connection):
    assert position_of(connection, PortfolioQuery(), "TPD-RESP") == 3
    assert position_of(connection, PortfolioQuery(sort="code", descending=True), "DRM") == 4
    assert position_of(connection, PortfolioQuery(text="crib"), "DRM") is None
