"""The date a screen is as at: the day the current reporting period's figures count to
(its last day, or today while it runs), and what the header says of it."""

from __future__ import annotations

from datetime import date

from store.periods import as_at, parse_period


def reporting_date_of(period: str) -> date:
    """The reporting date of `period` (written like `2011-Q1`), by the one rule
    `store.periods.as_at`: overdue milestones and stale RAGs count to that day."""
    return as_at(parse_period(period))


def period_as_at(period: str) -> str:
    """`period 2011-Q1, as at 2011-03-31`: the header of a screen whose
    figures are as at the reporting date of `period`."""
    return f"period {period}, as at {reporting_date_of(period)}"
