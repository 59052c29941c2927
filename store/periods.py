"""Reporting periods, written `2011-Q1`: calendar year and quarter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from store import clock

_PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """A calendar quarter. Orders by time; prints as `2011-Q1`."""

    year: int
    quarter: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    def previous(self) -> Period:
        """The quarter before this one."""
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def next(self) -> Period:
        """The quarter after this one."""
        if self.quarter == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.quarter + 1)

    @property
    def starts(self) -> date:
        """The first day of the quarter."""
        return date(self.year, 3 * (self.quarter - 1) + 1, 1)

    @property
    def ends(self) -> date:
        """The last day of the quarter."""
        return self.next().starts - timedelta(days=1)


def parse_period(text: str) -> Period:
    """Read `YYYY-Qn`; raise ValueError with a readable message otherwise."""
    match = _PERIOD.match(text.strip().upper())
    if not match:
        raise ValueError(f"{text!r} is not a period; write it like 2011-Q1")
    year = int(match.group(1))
    if not 1900 <= year <= 2999:
        raise ValueError(f"{text!r} has an unlikely year")
    return Period(year, int(match.group(2)))


def is_period(text: str) -> bool:
    """True when `text` is written as a period (`2011-Q1`)."""
    return _PERIOD.match(text.strip().upper()) is not None


def period_of(day: date) -> Period:
    """The quarter a date falls in."""
    return Period(day.year, (day.month - 1) // 3 + 1)


def after_current(period: str, current: str) -> str | None:
    """Why `period` cannot be reported on while `current` is the reporting period (it is
    later); None when it may be. Both are written like `2011-Q1`."""
    if parse_period(period) <= parse_period(current):
        return None
    return (
        f"{period} is after the current reporting period ({current}); "
        f"choose {current} or an earlier period"
    )


def not_begun(period: str) -> str | None:
    """Why `period` cannot be made the reporting period (it has not begun: it is after
    the quarter today falls in); None when it may be."""
    today = period_of(clock.today())
    if parse_period(period) <= today:
        return None
    return f"{period} has not begun; choose {today} or an earlier period"


def quarters(first: Period, last: Period) -> list[str]:
    """Every quarter from `last` back to `first`, newest first."""
    found: list[str] = []
    while last >= first:
        found.append(str(last))
        last = last.previous()
    return found


def as_at(period: Period) -> date:
    """The date a report on `period` is as at: the period's last day, or today when the
    period has not ended yet. Ages, overdue dates, stale RAGs and every "days since"
    count to this day, never to the wall clock of a later year."""
    return min(period.ends, clock.today())


def age_text(day: date, as_at: date, *, brief: bool = False) -> str:
    """How old a record dated `day` is on the reporting date `as_at`, in words: `0 days`,
    `1 day`, `105 days`. The one rule for a record dated after `as_at` (a proposal received
    in 2021 read as at 2011-03-31): it has no age on that date, never a negative one, and
    reads `after 2011-03-31` (`brief`: just `after`, where a line nearby names the date).
    Every screen and command that shows an age says it this way."""
    if day > as_at:
        return "after" if brief else f"after {as_at.isoformat()}"
    days = (as_at - day).days
    return f"{days} day" if days == 1 else f"{days} days"
