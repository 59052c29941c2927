"""Where every benefit stands as at a reporting date, worked out by the database in one
set-based read: for the portfolio benefits view and the board pack's benefits section,
where a benefit at a time (`store.benefits.queries.list_benefits`) took seconds at
10,000 initiatives with 50,000 benefits.

The rule is `store.benefits.realisation`'s, each piece written here once in SQL:
planned is the latest point of the profile due by then (a cashable benefit's is its §19
savings line's £m at each financial year's end), else the baseline; actual the latest
live measurement by then; better follows the plan (a dis-benefit the other way); behind
is worse than planned or nothing measured, never for a plan that stays put. The
percentage and trend come from the same Python functions as a single benefit's.
`tests/store/test_benefit_standing.py` holds the two reads to the same answers.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from store.benefits.realisation import percent, trend_between
from store.benefits.values import TENTHS_TO_MILLI
from store.db.dialect import SQLITE, dialect_of
from store.types import Trend

_LIVE = "NOT EXISTS (SELECT 1 FROM benefit_measurement AS c WHERE c.supersedes_id = m.id)"
_MEASURED = f"""(SELECT m.value FROM benefit_measurement AS m
    WHERE m.benefit_id = {{owner}}.id AND m.measured_on <= :as_at AND {_LIVE}
    ORDER BY m.measured_on DESC, m.id DESC LIMIT 1 OFFSET {{skip}})"""
# A savings line's cells with a figure, latest financial year first.
_LINE = f"""(SELECT c.gbp_m_tenths * {TENTHS_TO_MILLI} FROM savings_cell AS c
    JOIN savings_year AS y ON y.id = c.year_id
    WHERE c.line_id = b.savings_line_id AND c.gbp_m_tenths IS NOT NULL {{due}}
    ORDER BY y.financial_year DESC LIMIT 1)"""
_DUE_YEAR = "AND CAST(substr(y.financial_year, 1, 4) AS INTEGER) <= :last_year"


def _profile_point(connection: sqlite3.Connection) -> str:
    """SQL: the value of the latest point of `b.profile` (`[["2012-03-31", 5000], ...]`)
    due by :as_at_text (the date as text: PostgreSQL types a parameter by its first use),
    or NULL. The points are stored oldest first (`values.profile_json`),
    so the last due is the one furthest along the array: cheaper than sorting by date."""
    if dialect_of(connection) == SQLITE:
        # Each point comes back from json_each as minified text, `["2012-03-31",5000]`,
        # so its date compares as text: below `["<as_at>"-` ('-' sorts after the ','
        # that follows the date) is due by then. Only the last due point's value is
        # read: half the time of reading the date and value out of every point.
        return """json_extract(b.profile, '$[' || (SELECT max(p.key) FROM json_each(b.profile)
            AS p WHERE p.value < '["' || :as_at_text || '"-') || '][1]')"""
    return """(SELECT CAST(p.value ->> 1 AS BIGINT)
            FROM jsonb_array_elements(CAST(b.profile AS jsonb)) WITH ORDINALITY AS p(value, n)
            WHERE (p.value ->> 0) <= :as_at_text ORDER BY p.n DESC LIMIT 1)"""


def _judged(connection: sqlite3.Connection) -> str:
    """SQL for a CTE `judged`: every benefit with its baseline, target, planned and
    actual as at :as_at, which way is better, and whether it is behind."""
    cashable = "b.savings_line_id IS NOT NULL"
    return f"""
WITH state AS MATERIALIZED (
    SELECT b.id, i.code, i.tree_path, b.name, b.unit, b.kind, bg.code AS business_group,
           i.tier, b.baseline_value AS baseline,
           CASE WHEN {cashable} THEN {_LINE.format(due="")} ELSE b.target_value END AS target,
           COALESCE(CASE WHEN {cashable} THEN {_LINE.format(due=_DUE_YEAR)}
                    ELSE {_profile_point(connection)} END, b.baseline_value) AS planned,
           {_MEASURED.format(skip=0, owner="b")} AS actual
    FROM benefit AS b
    JOIN initiative AS i ON i.id = b.initiative_id
    JOIN business_group AS bg ON bg.id = i.business_group_id
), ways AS NOT MATERIALIZED (
    SELECT s.*, CASE WHEN s.target IS NULL OR s.target = s.baseline THEN 0
                     WHEN (s.target > s.baseline) = (s.kind <> 'dis_benefit') THEN 1
                     ELSE -1 END AS way
    FROM state AS s
), judged AS NOT MATERIALIZED (
    SELECT w.*, CASE WHEN w.way = 0 OR w.planned = w.baseline THEN 0
                     WHEN w.actual IS NULL OR (w.actual - w.planned) * w.way < 0 THEN 1
                     ELSE 0 END AS behind
    FROM ways AS w
)"""


def _params(as_at: date) -> dict:
    """:as_at (for date columns) and :as_at_text (for a profile's dates, held as text),
    and :last_year: the first year of the latest financial year ended by then."""
    ended = as_at.year - 1 if as_at >= date(as_at.year, 3, 31) else as_at.year - 2
    return {"as_at": as_at.isoformat(), "as_at_text": as_at.isoformat(), "last_year": ended}


@dataclass(frozen=True, slots=True)
class Standing:
    """One benefit as at a reporting date: planned and actual values, the actual before
    that (read only for a benefit behind), which way is better (+1 higher, -1 lower, 0
    the plan stays put) and whether it is behind its profile."""

    id: int
    code: str
    name: str
    unit: str
    kind: str
    business_group: str
    tier: str | None
    baseline: int
    planned: int
    actual: int | None
    previous: int | None
    way: int
    behind: bool

    @property
    def percent(self) -> Decimal | None:
        """Realised as a % of planned, both changes from the baseline."""
        realised = None if self.actual is None else self.actual - self.baseline
        return None if realised is None else percent(realised, self.planned - self.baseline)

    @property
    def trend(self) -> Trend | None:
        """The trend between its last two measurements (▲ better)."""
        return trend_between(self.previous, self.actual, self.way)


_COLUMNS = "id, code, name, unit, kind, business_group, tier, baseline, planned, actual"


def standings(connection: sqlite3.Connection, as_at: date) -> list[Standing]:
    """Every benefit as at `as_at`, in register order."""
    # The measurement before the latest only for a benefit behind: the list shows its
    # trend, and reading it for every benefit took a sixth of the time.
    previous = f"CASE WHEN behind = 1 THEN {_MEASURED.format(skip=1, owner='judged')} END"
    sql = f"{_judged(connection)} SELECT {_COLUMNS}, {previous}, way, behind = 1 FROM judged"
    rows = connection.execute(sql + " ORDER BY tree_path, name, id", _params(as_at))
    # By position, in `Standing`'s field order: 50,000 rows read by name cost more than
    # the query itself.
    return [Standing(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class GroupTotal:
    """One business group and tier as at a reporting date: its benefits, how many are
    behind, and its cashable benefits' planned and realised changes from the baseline
    (realised counts only those measured)."""

    business_group: str
    tier: str | None
    benefits: int
    behind: int
    cash_planned: int
    cash_realised: int


_CASH = "CAST(sum(CASE WHEN kind = 'cashable' {also} THEN {change} ELSE 0 END) AS BIGINT)"
_GROUPS = f"""
SELECT 0 AS part, NULL AS tree_path, NULL AS sort_name, NULL AS sort_id,
       NULL, NULL, NULL, NULL, NULL, business_group, tier, NULL, NULL, NULL, NULL, NULL, NULL,
       count(*), CAST(sum(behind) AS BIGINT), {_CASH.format(also="", change="planned - baseline")},
       {_CASH.format(also="AND actual IS NOT NULL", change="actual - baseline")}
FROM judged GROUP BY business_group, tier"""
# The benefits behind, in register order, from `start` (`{window}`: LIMIT and OFFSET, or
# nothing for all); the measurement before the latest read only for those returned.
_BEHIND = f"""
SELECT 1 AS part, tree_path, name AS sort_name, id AS sort_id, {_COLUMNS},
       {_MEASURED.format(skip=1, owner="judged")}, way, behind = 1, NULL, NULL, NULL, NULL
FROM (SELECT * FROM judged WHERE behind = 1 ORDER BY tree_path, name, id {{window}}) AS judged"""
_ORDER = " ORDER BY part, tree_path, sort_name, sort_id"


def _window(count: int | None, start: int = 0) -> str:
    return "" if count is None else f"LIMIT {int(count)} OFFSET {int(start)}"


def overview(
    connection: sqlite3.Connection, as_at: date, first: int | None = None
) -> tuple[list[GroupTotal], list[Standing]]:
    """The totals by business group and tier, and the benefits behind their profile in
    register order (all, or the `first` so many), as at `as_at`: `standings` summed up by
    the database in one statement, so 50,000 benefits come back as a few hundred totals
    and those behind."""
    sql = f"{_judged(connection)} {_GROUPS} UNION ALL {_BEHIND.format(window=_window(first))}"
    groups, behind = [], []
    for row in connection.execute(sql + _ORDER, _params(as_at)):
        if row[0]:
            behind.append(Standing(*row[4:17]))
        else:
            groups.append(GroupTotal(row[9], row[10], *row[17:]))
    return groups, behind


def behind_window(
    connection: sqlite3.Connection, as_at: date, start: int, count: int
) -> list[Standing]:
    """`count` of the benefits behind their profile as at `as_at`, from the `start`th in
    register order: the rest of `overview`'s list, a window at a time."""
    sql = _judged(connection) + _BEHIND.format(window=_window(count, start))
    rows = connection.execute(sql + " ORDER BY tree_path, sort_name, sort_id", _params(as_at))
    return [Standing(*row[4:17]) for row in rows]
