"""The portfolio benefits view's and board pack's totals and behind list, summed up by
the database (`store.benefits.standing.overview`), equal those added up from every
benefit's standing (`standings`, held to the one rule by test_benefit_standing), on the
demo at several reporting dates and on a generated portfolio, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from store.benefits.standing import GroupTotal, behind_window, overview, standings
from store.generate import Plan, generate
from store.handle import Store
from tests.store.test_benefit_standing import DATES


def _summed(connection, as_at: date) -> tuple[list[GroupTotal], list]:
    """The totals and behind list added up here from each benefit's standing."""
    found = standings(connection, as_at)
    totals: dict[tuple, list[int]] = {}
    for item in found:
        total = totals.setdefault((item.business_group, item.tier), [0, 0, 0, 0])
        total[0] += 1
        total[1] += item.behind
        if item.kind == "cashable":
            total[2] += item.planned - item.baseline
            total[3] += 0 if item.actual is None else item.actual - item.baseline
    groups = [GroupTotal(*key, *values) for key, values in totals.items()]
    return groups, [item for item in found if item.behind]


def _agree(connection, as_at: date) -> int:
    groups, behind = overview(connection, as_at)
    expected_groups, expected_behind = _summed(connection, as_at)
    key = lambda group: (group.business_group, group.tier or "")  # noqa: E731
    assert sorted(groups, key=key) == sorted(expected_groups, key=key)
    assert [item.id for item in behind] == [item.id for item in expected_behind]
    for item, expected in zip(behind, expected_behind, strict=True):
        assert (item.planned, item.actual, item.percent, item.trend) == (
            expected.planned,
            expected.actual,
            expected.percent,
            expected.trend,
        ), item
    first_groups, first = overview(connection, as_at, first=3)  # the rest a window at a time
    windows = [behind_window(connection, as_at, start, 2) for start in range(3, len(behind), 2)]
    assert first_groups == groups
    assert first + [item for window in windows for item in window] == behind
    return len(behind)


@pytest.mark.parametrize("as_at", DATES)
def test_the_demo_adds_up_the_same_either_way(demo_store, as_at):
    with demo_store.reading() as connection:
        _agree(connection, as_at)


@pytest.fixture
def generated(store_url):
    """A small generated portfolio: some benefits behind, not all."""
    store, _ = Store.open(store_url, "tester")
    with store.writing() as session:
        generate(session, Plan(initiatives=60, periods=4, seed=5))
    yield store
    store.close()


@pytest.mark.parametrize("as_at", [date(2019, 3, 31), date(2021, 3, 31)])
def test_a_generated_portfolio_adds_up_the_same_either_way(generated, as_at):
    with generated.reading() as connection:
        assert _agree(connection, as_at) > 0
