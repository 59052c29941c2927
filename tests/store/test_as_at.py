"""The one rule for an age shown as at a reporting date (`store.periods.age_text`), and
the Star Chamber's counts as at the reporting date rather than the wall clock."""

from __future__ import annotations

from datetime import date

from store.periods import age_text
from store.portfolio.queries import reporting_date
from store.star_chamber.queries.overview import overview

AS_AT = date(2011, 3, 31)


def test_an_age_is_a_number_of_days_that_says_days():
    assert age_text(date(2011, 3, 1), AS_AT) == "30 days"
    assert age_text(date(2011, 3, 30), AS_AT) == "1 day"
    assert age_text(AS_AT, AS_AT) == "0 days"


def test_a_record_dated_after_the_reporting_date_has_no_age_never_a_negative_one():
    assert age_text(date(2021, 5, 27), AS_AT) == "after 2011-03-31"
    assert age_text(date(2011, 4, 1), AS_AT, brief=True) == "after"


def test_the_star_chamber_overview_is_as_at_the_reporting_date(demo_store):
    """The demo reports on 2011-Q1: as at 2011-03-31 no engagement ends within four
    weeks (today, 13 June, two do); the overview says which date it is as at."""
    with demo_store.reading() as connection:
        as_at = reporting_date(connection)
        summary = overview(connection, as_at=as_at)
        today = overview(connection, as_at=date(2011, 6, 13))
    assert as_at == AS_AT
    assert (summary.as_at, summary.ending_soon) == (AS_AT, 0)
    assert today.ending_soon == 2
