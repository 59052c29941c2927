"""`portfolio savings [set|budget|add-year|add-line]`: the §19 savings and headcount
plan with its totals and remaining gap, and changing it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from store.programme.types import Measure
from tui.cli.common import EXIT_OK, read, write
from tui.cli.options import TABLE_JSON, add_actions, add_command, add_format_option, given
from tui.cli.output import print_json, print_table

SAVINGS_MEASURES = tuple(measure.value for measure in Measure)
SHORT_HEADINGS = {"gbp_m": "£m", "police_officers": "officers", "police_staff": "staff"}


def register(subcommands) -> None:
    """Add `savings` and its actions."""
    savings = add_command(subcommands, "savings", "the §19 savings and headcount plan", run_savings)
    add_format_option(savings, TABLE_JSON)
    actions = add_actions(savings, required=False)

    cell = add_command(actions, "set", "set one line's figures for one year", run_savings_set)
    cell.add_argument("line", metavar="LINE", help="the line's name, e.g. Training")
    cell.add_argument("year", metavar="YEAR", help="a financial year of the plan, e.g. 2012/13")
    cell.add_argument("--gbp-m", metavar="X", help="£m to one decimal, e.g. -8.2 ('' clears)")
    for measure in SAVINGS_MEASURES[1:]:
        cell.add_argument(
            f"--{measure.replace('_', '-')}",
            metavar="N",
            help="a whole number, e.g. -24 ('' clears)",
        )

    budget = add_command(
        actions, "budget", "set the saving a year's budget requires", run_savings_budget
    )
    budget.add_argument("year", metavar="YEAR")
    budget.add_argument("--gbp-m", metavar="X", required=True, help="£m, e.g. 246.3")

    year = add_command(
        actions, "add-year", "add a financial year to the plan", run_savings_add_year
    )
    year.add_argument("year", metavar="YEAR", help="e.g. 2014/15")
    year.add_argument("--budget-requirement", metavar="X", help="the saving needed, £m")

    line = add_command(actions, "add-line", "add a savings line", run_savings_add_line)
    line.add_argument("name", metavar="NAME")
    line.add_argument("--business-group", required=True, metavar="BG")
    line.add_argument(
        "--initiative", action="append", default=[], metavar="CODE", help="repeat for several"
    )


def _gbp(tenths: int | None) -> float | None:
    """£m for JSON. Tenths / 10 prints as the exact one-decimal text (e.g. -85.7)."""
    from store.programme.savings.money import tenths_to_decimal

    value = tenths_to_decimal(tenths)
    return None if value is None else float(value)


def _figures_json(figures) -> dict[str, Any]:
    return {
        "gbp_m": _gbp(figures.gbp_m_tenths),
        "police_officers": figures.police_officers,
        "police_staff": figures.police_staff,
        "pcsos": figures.pcsos,
    }


def savings_json(plan) -> dict[str, Any]:
    """The plan as the issue's JSON: years, lines, totals and remaining_gap."""
    years = plan.year_names
    return {
        "years": years,
        "lines": [
            {
                "name": line.name,
                "business_group": line.business_group,
                "values": {year: _figures_json(line.figures(year)) for year in years},
            }
            for line in plan.lines
        ],
        "totals": {year: _figures_json(plan.total(year)) for year in years},
        "remaining_gap": {year: _gbp(plan.remaining_gap(year)) for year in years},
    }


def run_savings(args: argparse.Namespace) -> int:
    """Print the savings plan with its totals and remaining gap."""
    from store.programme.savings.queries import savings_plan

    plan = read(args, savings_plan)
    if args.format == "json":
        print_json(savings_json(plan))
    else:
        _print_savings_table(plan)
    return EXIT_OK


def _print_savings_table(plan) -> None:
    from rich.table import Table

    from store.programme.savings.money import format_gbp_m, format_headcount

    years = plan.year_names
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("line")
    table.add_column("BG")
    for measure in Measure:
        for year in years:
            heading = SHORT_HEADINGS.get(measure.value, "PCSOs")
            table.add_column(f"{heading} {year}", justify="right")

    def cells(figures) -> list[str]:
        out = []
        for measure in Measure:
            for year in years:
                value = figures(year).get(measure)
                out.append(
                    format_gbp_m(value) if measure is Measure.GBP_M else format_headcount(value)
                )
        return out

    for line in plan.lines:
        table.add_row(line.name, line.business_group, *cells(line.figures))
    table.add_row("Total Service Improvement", "", *cells(plan.total), style="bold")
    blank = [""] * (len(years) * 3)
    table.add_row(
        "Budget requirement", "", *[format_gbp_m(plan.requirement(y)) for y in years], *blank
    )
    table.add_row(
        "Remaining budget gap",
        "",
        *[format_gbp_m(plan.remaining_gap(y)) for y in years],
        *blank,
        style="bold",
    )
    print_table(table, sys.stdout, width=240)


def run_savings_set(args: argparse.Namespace) -> int:
    """Set one cell; only the measures given change."""
    from store.programme.savings.money import cost_note, format_gbp_m, format_headcount
    from store.programme.savings.services import set_savings_cell

    data = {"line": args.line, "year": args.year, **given(args, SAVINGS_MEASURES)}
    saved = write(args, set_savings_cell, data)
    figures = saved.figures
    print(
        f"set {saved.line} {saved.year}: £m {format_gbp_m(figures.gbp_m_tenths, '-')}, "
        f"police officers {format_headcount(figures.police_officers, '-')}, "
        f"police staff {format_headcount(figures.police_staff, '-')}, "
        f"PCSOs {format_headcount(figures.pcsos, '-')}"
    )
    note = cost_note(figures.gbp_m_tenths) if args.gbp_m else ""
    if note:
        print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


def run_savings_budget(args: argparse.Namespace) -> int:
    """Set the saving a year's budget requires."""
    from store.programme.savings.money import format_gbp_m
    from store.programme.savings.services import set_budget_requirement

    data = {"year": args.year, "budget_requirement": args.gbp_m}
    year = write(args, set_budget_requirement, data)
    amount = format_gbp_m(year.budget_requirement_tenths, "blank")
    print(f"{year.financial_year} budget requirement: {amount} £m")
    return EXIT_OK


def run_savings_add_year(args: argparse.Namespace) -> int:
    """Add a financial year to the plan."""
    from store.programme.savings.services import create_savings_year

    data = {"financial_year": args.year, "budget_requirement": args.budget_requirement}
    print(f"added {write(args, create_savings_year, data).financial_year} to the savings plan")
    return EXIT_OK


def run_savings_add_line(args: argparse.Namespace) -> int:
    """Add a savings line."""
    from store.programme.savings.services import create_savings_line

    data = {
        "name": args.name,
        "business_group": args.business_group,
        "initiatives": tuple(args.initiative),
    }
    line = write(args, create_savings_line, data)
    linked = f", linked to {', '.join(line.initiatives)}" if line.initiatives else ""
    print(f"added savings line {line.name!r} ({line.business_group}){linked}")
    return EXIT_OK
