"""Small helpers the generator's parts share: weighted choices, people, dates, inserts."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cache

from store.db.dialect import bulk_insert, created_indexes

FIRST = ["Ann", "Ben", "Chloe", "Dev", "Ella", "Farid", "Grace", "Hugh", "Isla", "Jon", "Kemi"]
LAST = ["Archer", "Bose", "Carter", "Doyle", "Evans", "Fox", "Gill", "Hart", "Iqbal", "Jones"]
GENERATOR = "generator"


def weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    """One value from `(value, weight)` pairs."""
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def drawn(choices: list[tuple[str, int]]) -> list[str]:
    """`(value, weight)` pairs as a list holding each value `weight` times, for `pick`."""
    return [value for value, weight in choices for _ in range(weight)]


def pick(r: Callable[[], float], values: Sequence):
    """One of `values`, by one call of `r` (a `Random.random`): about half the cost of
    `Random.choice` or `randint` (90 against 150 and 275 ns), over millions of rows."""
    return values[int(r() * len(values))]


def between(r: Callable[[], float], low: int, high: int) -> int:
    """A whole number from `low` to `high`, both included, by one call of `r`."""
    return low + int(r() * (high - low + 1))


def person(rng: random.Random) -> str:
    """A made-up full name."""
    r = rng.random
    return f"{pick(r, FIRST)} {pick(r, LAST)}"


@cache
def iso(day: date) -> str:
    """`2011-05-31`: cached, since a few thousand days recur over 100,000s of rows."""
    return day.isoformat()


@cache
def stamp(day: date, hour: int = 9) -> str:
    """A stored UTC timestamp on `day`, in the format the services write."""
    return f"{day.isoformat()}T{hour:02d}:00:00.000000Z"


def days(day: date, count: int) -> date:
    """`day` moved by `count` days."""
    return day + timedelta(days=count)


def financial_year(day: date) -> str:
    """`2011/12` for any day from 1 April 2011 to 31 March 2012."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def insert(connection, table: str, columns: str, rows: list[tuple]) -> int:
    """Bulk insert `rows` into `table` as an import does (`bulk_insert`); returns how many."""
    if rows:
        names = [name.strip() for name in columns.split(",")]
        bulk_insert(connection.connection.driver_connection, table, names, rows)
    return len(rows)


def initiatives(connection) -> list[tuple]:
    """Every generated initiative: (id, code, kind, business_group_id, tier, start, end)."""
    return connection.exec_driver_sql(
        "SELECT id, code, kind, business_group_id, tier, start_date, end_date"
        " FROM initiative ORDER BY id"
    ).fetchall()


def as_of(last_period: str) -> date:
    """The last day of the plan's last reporting period: the generated data's "today"."""
    from store.periods import parse_period

    period = parse_period(last_period)
    next_start = date(period.year + (period.quarter == 4), 3 * (period.quarter % 4) + 1, 1)
    return next_start - timedelta(days=1)


class deferred_indexes:  # noqa: N801 - used as a context manager, like contextlib helpers
    """Drop the named tables' own indexes for a bulk load and build them again after.

    Building an index once over sorted rows is much faster than keeping it up to date
    row by row. Indexes SQLite makes for UNIQUE constraints stay (they cannot be
    dropped), so uniqueness is still enforced during the load.
    """

    def __init__(self, connection, tables: list[str]) -> None:
        self.connection = connection
        self.indexes = created_indexes(connection, tables)

    def __enter__(self) -> None:
        for name, _sql in self.indexes:
            self.connection.exec_driver_sql(f'DROP INDEX "{name}"')

    def __exit__(self, *exc) -> None:
        for _name, sql in self.indexes:
            self.connection.exec_driver_sql(sql)
