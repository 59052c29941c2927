"""Realised against planned, as at a reporting date: the one rule every list, screen and
board pack uses. Pure arithmetic on integer thousandths; never the wall clock.

Which way is better follows the plan: a benefit planned to go down (8 systems to 1, a
saving written as a negative £m) is better lower; a dis-benefit is better the less of it
there is than planned, so the other way. A benefit planned not to move is never behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from store.benefits.read_models import PlanPoint, Realisation
from store.benefits.types import BenefitKind
from store.types import Trend


def planned_at(baseline: int, plan: Sequence[PlanPoint], as_at: date) -> int:
    """The value planned by `as_at`: the latest point due on or before it, else the baseline."""
    due = [point.value for point in plan if point.on <= as_at]
    return due[-1] if due else baseline


def better_way(kind: str, baseline: int, target: int | None) -> int:
    """+1 when a higher value is better, -1 when lower is, 0 when the plan stays put."""
    if target is None or target == baseline:
        return 0
    way = 1 if target > baseline else -1
    return -way if kind == BenefitKind.DIS_BENEFIT else way


def percent(part: int, whole: int) -> Decimal | None:
    """`part` as a % of `whole`, to one decimal place; None when `whole` is 0."""
    if whole == 0:
        return None
    found = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return found.copy_abs() if found == 0 else found  # nothing realised reads 0.0%, not -0.0%


def trend_between(previous: int | None, latest: int | None, way: int) -> Trend | None:
    """The trend from one measurement to the next (▲ better, the plan's way; up is
    better for a plan that stays put); None without two."""
    if previous is None or latest is None:
        return None
    step = (latest - previous) * (way or 1)
    return Trend.UP if step > 0 else Trend.DOWN if step < 0 else Trend.SAME


def realise(
    kind: str,
    baseline: int,
    target: int | None,
    plan: Sequence[PlanPoint],
    measured: Sequence[tuple[date, int]],
    as_at: date,
) -> Realisation:
    """Where a benefit stands on `as_at`, from its plan and its live measurements (each
    counted once: a superseded one is left out by the caller), oldest first."""
    planned = planned_at(baseline, plan, as_at)
    seen = [pair for pair in measured if pair[0] <= as_at]
    actual_on, actual = seen[-1] if seen else (None, None)
    way = better_way(kind, baseline, target)
    trend = trend_between(seen[-2][1], actual, way) if len(seen) > 1 else None
    planned_change = planned - baseline
    realised = None if actual is None else actual - baseline
    if way == 0 or planned_change == 0:
        behind = False
    else:
        behind = actual is None or (actual - planned) * way < 0
    return Realisation(
        as_at=as_at,
        planned=planned,
        actual=actual,
        actual_on=actual_on,
        planned_change=planned_change,
        realised=realised,
        percent=None if realised is None else percent(realised, planned_change),
        trend=trend,
        behind=behind,
    )
