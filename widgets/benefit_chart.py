"""A text chart of one benefit: planned against actual at each date of its profile and
each measurement, as bars of the change from the baseline. The figures are printed
beside each bar and the rows say `plan` and `actual`, so it reads without colour."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from store.benefits.read_models import BenefitRead
from store.benefits.realisation import planned_at
from store.benefits.values import format_value
from widgets.bars import EMPTY, FULL

PLAN_STYLE, ACTUAL_STYLE = "#4fc3f7", "#43a047"


def _bar(change: int, largest: int, width: int, style: str) -> Text:
    filled = round(width * abs(change) / largest) if largest else 0
    if change and not filled:
        filled = 1
    bar = Text(FULL * filled, style=style)
    bar.append(EMPTY * (width - filled), style="#616161")
    return bar


def plan_actual_chart(
    benefit: BenefitRead, measured: list[tuple[date, int]], width: int = 24
) -> Text:
    """One line per date (plan points and live measurements, oldest first): the value
    planned by then and the latest actual by then, each with a bar of its change from
    the baseline (the longest change fills `width`)."""
    base = benefit.baseline_value
    days = sorted({p.on for p in benefit.plan} | {on for on, _ in measured})
    text = Text(f"Planned against actual, {benefit.unit or 'value'} ", style="bold")
    text.append(f"(baseline {format_value(base)} on {benefit.baseline_on})")
    if not days:
        text.append("\nNo profile or measurements yet.")
        return text
    rows = []
    for day in days:
        actual = [value for on, value in measured if on <= day]
        rows.append((day, planned_at(base, benefit.plan, day), actual[-1] if actual else None))
    changes = [abs(v - base) for _, p, a in rows for v in (p, a) if v is not None]
    largest = max(changes, default=0)
    for day, planned, actual in rows:
        text.append(f"\n{day}  plan   ")
        text.append_text(_bar(planned - base, largest, width, PLAN_STYLE))
        text.append(f" {format_value(planned):>8}")
        text.append("\n            actual ")
        if actual is None:
            text.append(" " * width + "  not measured")
        else:
            text.append_text(_bar(actual - base, largest, width, ACTUAL_STYLE))
            text.append(f" {format_value(actual):>8}")
    return text
