"""The Benefits tab of the programme detail screen: the initiative's benefits register
as at the reporting date (realised against planned, value and %, and a behind-profile
flag in words), the highlighted benefit's record, a text chart of planned against
actual, and its measurements. Each function builds or fills one part from read models."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import NamedTuple

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget

from store.benefits.queries import list_benefits, measurements
from store.benefits.read_models import BenefitRead, MeasurementRead
from store.benefits.types import BenefitKind
from store.benefits.values import format_value
from widgets.benefit_chart import plan_actual_chart
from widgets.plain_text import DataTable, Static
from widgets.rag import trend_mark

BEHIND = Text("behind !", style="bold #ff5252")

# The register's columns: the benefit's name narrows to fit 80 columns (its kind and
# unit are in the record below the table).
REGISTER_COLUMNS = (
    ("Benefit", 40),
    ("Planned", 8),
    ("Actual", 8),
    ("Realised", 8),
    ("%", 6),
    ("T", 1),
    ("Profile", 8),
)
MEASUREMENT_COLUMNS = (("Measured", 10), ("Value", 9), ("Note", 40), ("By", 12), ("", 14))


class BenefitsData(NamedTuple):
    """One initiative's benefits as at a day, with each one's measurements by id."""

    as_at: date
    benefits: list[BenefitRead]
    measured: dict[int, list[MeasurementRead]]


def read_benefits(connection: sqlite3.Connection, code: str, as_at: date) -> BenefitsData:
    """The initiative's benefits and their measurements (in a worker thread)."""
    found = list_benefits(connection, code, as_at=as_at)
    return BenefitsData(as_at, found, {b.id: measurements(connection, b.id) for b in found})


def benefits_widgets() -> list[Widget]:
    """The widgets the Benefits tab holds."""
    return [
        VerticalScroll(
            Static(id="benefits-as-at", classes="section-title"),
            DataTable(id="benefits-table", cursor_type="row", zebra_stripes=True),
            Static(id="benefit-text", classes="rationale"),
            Static(id="benefit-chart", classes="rationale"),
            Static("Measurements (oldest first)", classes="section-title"),
            DataTable(id="measurements-table", cursor_type="row", zebra_stripes=True),
            classes="tab-body",
        )
    ]


def kind_word(kind: str) -> str:
    """`non-cashable` for `non_cashable`."""
    return BenefitKind(kind).value.replace("_", "-")


def fill_register(table: DataTable, data: BenefitsData) -> None:
    """One row per benefit: planned and actual by the reporting date, realised (the change
    from the baseline) and its % of planned, the trend and whether it is behind."""
    table.clear()
    for item in data.benefits:
        state = item.realisation
        table.add_row(
            item.name,
            Text(format_value(state.planned), justify="right"),
            Text(format_value(state.actual, "—"), justify="right"),
            Text(format_value(state.realised, "—"), justify="right"),
            Text(f"{state.percent}%" if state.percent is not None else "—", justify="right"),
            trend_mark(state.trend),
            BEHIND if state.behind else "on track",
            key=str(item.id),
        )
    if not data.benefits:
        table.add_row("no benefits registered", *[""] * (len(REGISTER_COLUMNS) - 1))


def benefit_text(item: BenefitRead | None) -> Text:
    """The highlighted benefit's record in full, under the register."""
    if item is None:
        return Text("")
    state = item.realisation
    text = Text(f"Benefit {item.id}: ", style="bold")
    text.append(item.name)
    if item.description:
        text.append(f"\n{item.description}")
    text.append(f"\nKind: {kind_word(item.kind)}   Owner: {item.owner or '—'}")
    text.append(f"\nMeasure: {item.measure or '—'} ({item.unit or 'no unit'})")
    target = format_value(item.target_value, "—")
    text.append(f"\nBaseline {format_value(item.baseline_value)} on {item.baseline_on}; ")
    text.append(f"target {target} by {item.target_on or '—'}")
    if item.savings_line:
        text.append(f"; profile from the §19 savings line {item.savings_line}")
    text.append(f"\nAs at {state.as_at}: realised ", style="bold")
    text.append(f"{format_value(state.realised, 'nothing measured')} of ")
    text.append(f"{format_value(state.planned_change)} planned")
    if state.percent is not None:
        text.append(f" ({state.percent}%)")
    if state.behind:
        text.append("  behind profile !", style="bold #ff5252")
    return text


def live_points(rows: list[MeasurementRead]) -> list[tuple[date, int]]:
    """The measurements that count (none superseded by a correction), as (day, value)."""
    return [(row.measured_on, row.value) for row in rows if row.superseded_by is None]


def fill_measurements(table: DataTable, rows: list[MeasurementRead]) -> None:
    """Every measurement of the highlighted benefit; a corrected one says so."""
    table.clear()
    for row in rows:
        note = f"corrected by {row.superseded_by}" if row.superseded_by else ""
        table.add_row(
            str(row.measured_on),
            Text(format_value(row.value), justify="right"),
            row.note,
            row.entered_by,
            note,
            key=str(row.id),
        )
    if not rows:
        table.add_row("", "", "no measurements yet", "", "")


def show_benefit(screen: Widget, item: BenefitRead | None, rows: list[MeasurementRead]) -> None:
    """Show one benefit's record, chart and measurements under the register."""
    screen.query_one("#benefit-text", Static).update(benefit_text(item))
    chart = plan_actual_chart(item, live_points(rows)) if item is not None else Text("")
    screen.query_one("#benefit-chart", Static).update(chart)
    fill_measurements(screen.query_one("#measurements-table", DataTable), rows)
