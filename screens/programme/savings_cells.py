"""The savings table's cells: their keys and rows, how a figure is shown and checked,
which cells can be edited, and how one is written through the store (a line's cell, or
a year's budget requirement, each with the version it was read at)."""

from __future__ import annotations

from rich.text import Text
from sqlmodel import Session

from store.programme.savings.inputs import not_negative
from store.programme.savings.money import (
    cost_note,
    format_gbp_m,
    format_headcount,
    parse_gbp_m,
    parse_headcount,
)
from store.programme.savings.read_models import SavingsPlan
from store.programme.types import Measure

TOTAL = "__total__"
REQUIREMENT = "__requirement__"
GAP = "__gap__"
NAME_WIDTH = 34  # the Line column, wider where the screen has room for longer names
VALUE_WIDTH = 7
SHORT = {Measure.GBP_M: "£m", Measure.POLICE_OFFICERS: "officers", Measure.POLICE_STAFF: "staff"}


def column_key(measure: Measure, year: str) -> str:
    """The DataTable column key of one measure in one year."""
    return f"{measure.value}|{year}"


def split_key(key: str) -> tuple[Measure, str]:
    """(measure, year) from a column key."""
    measure, year = key.split("|")
    return Measure(measure), year


def show_value(measure: Measure, value: int | None) -> str:
    """A cell's value as the paper prints it; blank stays blank."""
    return format_gbp_m(value) if measure is Measure.GBP_M else format_headcount(value)


def parse_value(measure: Measure, text: str, row: str = "") -> int | None:
    """Check what was typed for a cell of `row` as the store will: £m to one decimal, a
    whole headcount, a budget requirement zero or more. A ValueError says why in the
    store's words (those the CLI prints)."""
    if measure is not Measure.GBP_M:
        return parse_headcount(text)
    value = parse_gbp_m(text)
    return not_negative(value) if row == REQUIREMENT else value


def value_note(row: str, measure: Measure, value: int | None) -> str:
    """A note on a good value: a positive £m on a line is a cost, not a saving."""
    if measure is not Measure.GBP_M or row in (TOTAL, REQUIREMENT, GAP):
        return ""
    return cost_note(value)


ROW_LABELS = {
    TOTAL: "Total Service Improvement",
    REQUIREMENT: "Budget requirement",
    GAP: "Remaining budget gap",
}


def row_label(row: str) -> str:
    """A row as people name it: a line's name, or the computed rows' labels."""
    return ROW_LABELS.get(row, row)


def plan_value(plan: SavingsPlan, row: str, measure: Measure, year: str) -> int | None:
    """The figure in one cell of the plan (None: blank)."""
    if row == TOTAL:
        return plan.total(year).get(measure)
    if row == REQUIREMENT:
        return plan.requirement(year) if measure is Measure.GBP_M else None
    if row == GAP:
        return plan.remaining_gap(year) if measure is Measure.GBP_M else None
    return plan.line(row).figures(year).get(measure)


def cell_text(plan: SavingsPlan, row: str, measure: Measure, year: str) -> str:
    """One cell's figure as the table shows it ('' when blank)."""
    return show_value(measure, plan_value(plan, row, measure, year))


def figure_cells(plan: SavingsPlan, figures, style: str = "") -> list[Text]:
    """A row's cells, every measure for every year, from `figures(year)`."""
    years = plan.year_names
    return [
        Text(show_value(m, figures(y).get(m)), style=style, justify="right")
        for m in Measure
        for y in years
    ]


def money_cells(plan: SavingsPlan, values, style: str = "") -> list[Text]:
    """A £m-only row's cells from `values(year)`; the headcount columns stay blank."""
    years = plan.year_names
    money = [Text(format_gbp_m(values(y)), style=style, justify="right") for y in years]
    return money + [Text("")] * (len(years) * (len(Measure) - 1))


def why_not_editable(row: str, column: str) -> str | None:
    """Why the cell cannot be edited, or None when it can."""
    if column == "line":
        return "Move to a figure to edit it."
    if row in (TOTAL, GAP):
        return "Totals and the gap are worked out from the lines; edit a line instead."
    if row == REQUIREMENT and split_key(column)[0] is not Measure.GBP_M:
        return "The budget requirement is in £m only."
    return None


def line_width(plan: SavingsPlan, room: int) -> int:
    """The Line column's width: the longest line's name if `room` (the cells the table
    has beside its figures) allows, and never under NAME_WIDTH."""
    longest = max((len(line.name) for line in plan.lines), default=0) + 1
    return max(NAME_WIDTH, min(longest, room))


def line_name(name: str, width: int) -> str:
    """A line's name for a Line column `width` cells wide: whole when it fits (the
    figures beside it are right-aligned, so they keep their distance), else cut with
    an ellipsis so the cut shows."""
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def cursor_text(plan: SavingsPlan, row: str, column: str, *, may_edit: bool) -> str:
    """What the line under the table says of the cell (`row`, `column`) under the cursor:
    a line's business group and initiatives, or a figure and whether it can be edited."""
    if column == "line":
        line = plan.line(row) if row not in (TOTAL, REQUIREMENT, GAP) else None
        if line is None:
            return ""
        linked = ", ".join(line.initiatives) or "no initiative linked"
        return f"{line.name} · {line.business_group} · delivered by {linked}"
    measure, year = split_key(column)
    shown = cell_text(plan, row, measure, year) or "blank"
    hint = why_not_editable(row, column) or ("enter or e to edit" if may_edit else "read only")
    return f"{row_label(row)} · {measure.label} {year}: {shown}   ({hint})"


def preview(plan: SavingsPlan, row: str, column: str, value: int | None) -> SavingsPlan:
    """The plan as it would be with `value` in the cell (`row`, `column`)."""
    measure, year = split_key(column)
    if row == REQUIREMENT:
        return plan.with_requirement(year, value)
    return plan.with_cell(row, year, measure, value)


def group_header(years: list[str], name_width: int = NAME_WIDTH) -> Text:
    """The line above the table naming each group of year columns."""
    line = Text(" " * name_width)
    span = VALUE_WIDTH * len(years)
    for measure in Measure:
        label = f" {measure.label} "
        line.append(label.center(span, "─")[:span], style="bold")
    return line


def write_cell(
    session: Session, plan: SavingsPlan, row: str, measure: Measure, year: str, text: str
) -> None:
    """Save what was typed for one cell through its store service, expecting the version
    the cell had in `plan` (a stale one is refused, not overwritten)."""
    from store.programme.savings.services import set_budget_requirement, set_savings_cell

    if row == REQUIREMENT:
        version = next(y.version for y in plan.years if y.financial_year == year)
        set_budget_requirement(
            {"year": year, "budget_requirement": text, "expected_version": version},
            session=session,
        )
        return
    set_savings_cell(
        {
            "line": row,
            "year": year,
            measure.value: text,
            "expected_version": plan.line(row).versions.get(year, 0),
        },
        session=session,
    )
