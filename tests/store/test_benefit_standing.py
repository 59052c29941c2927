"""The set-based read of where every benefit stands (`store.benefits.standing`, behind
the portfolio benefits view and the board pack's §11) gives the same answers as the one
rule a benefit at a time (`store.benefits.realisation`, behind the Benefits tab and the
CLI): on the demo at several reporting dates, and on a generated portfolio, on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from store.benefits.queries import list_benefits
from store.benefits.standing import standings
from store.generate import Plan, generate
from store.handle import Store

DATES = [
    date(2010, 3, 31),
    date(2011, 3, 31),
    date(2012, 3, 31),
    date(2013, 6, 30),
    date(2023, 1, 1),
]


def _agree(connection, as_at: date) -> int:
    """Assert each benefit's standing equals its realisation; how many are behind."""
    one_by_one = {item.id: item for item in list_benefits(connection, as_at=as_at)}
    found = standings(connection, as_at)
    assert [item.id for item in found] == list(one_by_one)  # register order
    for item in found:
        state = one_by_one[item.id].realisation
        expected = (state.planned, state.actual, state.behind, state.percent)
        assert (item.planned, item.actual, item.behind, item.percent) == expected, item
        if item.behind:  # the trend is read for those behind: the list shows it
            assert item.trend == state.trend, item
    return sum(item.behind for item in found)


@pytest.mark.parametrize("as_at", DATES)
def test_the_demo_stands_the_same_read_either_way(demo_store, as_at):
    with demo_store.reading() as connection:
        _agree(connection, as_at)


def test_a_generated_portfolio_stands_the_same_read_either_way(store_url):
    store, _ = Store.open(store_url, "tester")
    try:
        with store.writing() as session:
            generate(session, Plan(initiatives=60, periods=4, seed=5))
        with store.reading() as connection:
            behind = [_agree(connection, as_at) for as_at in (date(2019, 3, 31), date(2021, 3, 31))]
    finally:
        store.close()
    assert all(0 < count < 300 for count in behind), behind  # some behind, not all
