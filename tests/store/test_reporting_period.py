"""The current reporting period: one reader of it, the periods it may be set to (none
that has not begun), and the periods a board pack may be read for."""

from __future__ import annotations

import pytest

from store.errors import InputError
from store.portfolio import queries
from store.portfolio.services import set_current_period
from store.reports.pack import report_periods
from tests.support.factories import small_portfolio


@pytest.fixture
def portfolio(store, frozen_clock):
    small_portfolio(store)
    return store


def _set(store, period: str) -> str:
    with store.writing() as session:
        return set_current_period(period, session=session)


def test_a_period_that_has_not_begun_is_refused_and_nothing_changes(portfolio):
    # Today is 2011-06-13 (2011-Q2): 2011-Q3 has not begun.
    with pytest.raises(InputError) as refused:
        _set(portfolio, "2011-Q3")
    assert refused.value.field == "period"
    assert "2011-Q3 has not begun; choose 2011-Q2 or an earlier period" in str(refused.value)
    with portfolio.reading() as connection:
        assert queries.current_period(connection) == "2011-Q1"


def test_setting_the_period_writes_one_audit_event(portfolio):
    assert _set(portfolio, "2011-q2") == "2011-Q2"
    with portfolio.reading() as connection:
        assert queries.current_period(connection) == "2011-Q2"
        event = connection.execute(
            "SELECT entity, entity_id, action, before_json, after_json FROM audit_event "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert tuple(event)[:3] == ("setting", "current_period", "update")
    assert "2011-Q1" in event[3] and "2011-Q2" in event[4]


def test_the_choices_run_from_the_earliest_assessed_period_to_todays(portfolio):
    with portfolio.reading() as connection:
        assert queries.period_choices(connection) == ["2011-Q2", "2011-Q1", "2010-Q4"]


def test_the_pack_chooses_among_assessed_periods_up_to_the_current_one(portfolio):
    _set(portfolio, "2011-Q2")
    assert report_periods(portfolio) == (["2011-Q2", "2011-Q1", "2010-Q4"], "2011-Q2")
    _set(portfolio, "2010-Q4")
    # 2011-Q1 has assessments but is after the current period: no pack is read for it.
    assert report_periods(portfolio) == (["2010-Q4"], "2010-Q4")


def test_stale_and_overdue_count_to_the_reporting_period_not_the_wall_clock(
    demo_store, frozen_clock
):
    from datetime import date

    # Opened years later: the demo still reports on 2011-Q1, as at its last day.
    frozen_clock.day = date(2026, 12, 5)
    with demo_store.reading() as connection:
        assert queries.reporting_date(connection) == date(2011, 3, 31)
        train = queries.portfolio_row(connection, "TRAIN")
        assert (train.rag_period, train.stale) == ("2011-Q1", False)
        assert train.overdue_milestones == 0  # due 2012 and 2014: overdue by 2026
        unrated = queries.portfolio_row(connection, "COIP")
        assert unrated.rag_period is None
