"""Subcommands for programme depth: savings, risks, dependencies and milestones.

Each reading command prints a table or JSON with the keys the issue names; each editing
command goes through the same store service the TUI uses, exits 2 with one line on bad
input and writes nothing in that case.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tui.cli.common import EXIT_OK, add_common_options, add_format_option, open_store

SAVINGS_MEASURES = ("gbp_m", "police_officers", "police_staff", "pcsos")


def register(subcommands) -> None:
    """Add this feature's subcommands to the parser."""
    _register_savings(subcommands)
    _register_risks(subcommands)
    _register_dependencies(subcommands)
    _register_milestones(subcommands)


def _sub(parent, name: str, help_text: str, handler) -> argparse.ArgumentParser:
    parser = parent.add_parser(name, help=help_text, description=help_text)
    add_common_options(parser)
    parser.set_defaults(handler=handler)
    return parser


# ------------------------------------------------------------------- savings


def _register_savings(subcommands) -> None:
    savings = _sub(subcommands, "savings", "the §19 savings and headcount plan", run_savings)
    add_format_option(savings, ("table", "json"))
    actions = savings.add_subparsers(dest="savings_action", metavar="ACTION")

    cell = _sub(actions, "set", "set one line's figures for one year", run_savings_set)
    cell.add_argument("line", metavar="LINE", help="the line's name, e.g. Training")
    cell.add_argument("year", metavar="YEAR", help="a financial year of the plan, e.g. 2012/13")
    cell.add_argument("--gbp-m", metavar="X", help="£m to one decimal, e.g. -8.2 ('' clears)")
    for flag in ("--police-officers", "--police-staff", "--pcsos"):
        cell.add_argument(flag, metavar="N", help="a whole number, e.g. -24 ('' clears)")

    budget = _sub(actions, "budget", "set the saving a year's budget requires", run_savings_budget)
    budget.add_argument("year", metavar="YEAR")
    budget.add_argument("--gbp-m", metavar="X", required=True, help="£m, e.g. 246.3")

    year = _sub(actions, "add-year", "add a financial year to the plan", run_savings_add_year)
    year.add_argument("year", metavar="YEAR", help="e.g. 2014/15")
    year.add_argument("--budget-requirement", metavar="X", help="the saving needed, £m")

    line = _sub(actions, "add-line", "add a savings line", run_savings_add_line)
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

    store = open_store(args)
    try:
        with store.reading() as connection:
            plan = savings_plan(connection)
    finally:
        store.close()
    if args.format == "json":
        _print_json(savings_json(plan))
    else:
        _print_savings_table(plan)
    return EXIT_OK


def _print_savings_table(plan) -> None:
    from rich.console import Console
    from rich.table import Table

    from store.programme.savings.money import format_gbp_m, format_headcount
    from store.programme.types import Measure

    years = plan.year_names
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("line")
    table.add_column("BG")
    for measure in Measure:
        short = {"gbp_m": "£m", "police_officers": "officers", "police_staff": "staff"}
        for year in years:
            table.add_column(f"{short.get(measure.value, 'PCSOs')} {year}", justify="right")

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
    Console(file=sys.stdout, soft_wrap=False, width=240).print(table)


def run_savings_set(args: argparse.Namespace) -> int:
    """Set one cell; only the measures given change."""
    from store.programme.savings.money import format_gbp_m, format_headcount
    from store.programme.savings.services import set_savings_cell

    data: dict[str, Any] = {"line": args.line, "year": args.year}
    for name in SAVINGS_MEASURES:
        value = getattr(args, name)
        if value is not None:
            data[name] = value
    store = open_store(args)
    try:
        with store.writing() as session:
            saved = set_savings_cell(data, session=session)
    finally:
        store.close()
    figures = saved.figures
    print(
        f"set {saved.line} {saved.year}: £m {format_gbp_m(figures.gbp_m_tenths, '-')}, "
        f"police officers {format_headcount(figures.police_officers, '-')}, "
        f"police staff {format_headcount(figures.police_staff, '-')}, "
        f"PCSOs {format_headcount(figures.pcsos, '-')}"
    )
    return EXIT_OK


def run_savings_budget(args: argparse.Namespace) -> int:
    """Set the saving a year's budget requires."""
    from store.programme.savings.money import format_gbp_m
    from store.programme.savings.services import set_budget_requirement

    store = open_store(args)
    try:
        with store.writing() as session:
            year = set_budget_requirement(
                {"year": args.year, "budget_requirement": args.gbp_m}, session=session
            )
    finally:
        store.close()
    amount = format_gbp_m(year.budget_requirement_tenths, "blank")
    print(f"{year.financial_year} budget requirement: {amount} £m")
    return EXIT_OK


def run_savings_add_year(args: argparse.Namespace) -> int:
    """Add a financial year to the plan."""
    from store.programme.savings.services import create_savings_year

    store = open_store(args)
    try:
        with store.writing() as session:
            year = create_savings_year(
                {"financial_year": args.year, "budget_requirement": args.budget_requirement},
                session=session,
            )
    finally:
        store.close()
    print(f"added {year.financial_year} to the savings plan")
    return EXIT_OK


def run_savings_add_line(args: argparse.Namespace) -> int:
    """Add a savings line."""
    from store.programme.savings.services import create_savings_line

    store = open_store(args)
    try:
        with store.writing() as session:
            line = create_savings_line(
                {
                    "name": args.name,
                    "business_group": args.business_group,
                    "initiatives": tuple(args.initiative),
                },
                session=session,
            )
    finally:
        store.close()
    linked = f", linked to {', '.join(line.initiatives)}" if line.initiatives else ""
    print(f"added savings line {line.name!r} ({line.business_group}){linked}")
    return EXIT_OK


# --------------------------------------------------------------------- risks

RISK_COLUMNS = (
    "id",
    "code",
    "score",
    "likelihood",
    "impact",
    "status",
    "roam",
    "owner",
    "description",
)


def _register_risks(subcommands) -> None:
    risks = _sub(subcommands, "risks", "risks, highest score first", run_risks)
    risks.add_argument("--code", metavar="CODE", help="one initiative's risks")
    risks.add_argument("--open", action="store_true", help="leave out closed risks")
    add_format_option(risks, ("table", "json"))
    actions = risks.add_subparsers(dest="risks_action", metavar="ACTION")

    add = _sub(actions, "add", "record a risk to an initiative", run_risks_add)
    add.add_argument("code", metavar="CODE")
    add.add_argument("--description", required=True, metavar="TEXT")
    add.add_argument("--likelihood", required=True, metavar="1-5")
    add.add_argument("--impact", required=True, metavar="1-5")
    _risk_options(add)

    update = _sub(actions, "update", "change a risk (only what you give)", run_risks_update)
    update.add_argument("id", metavar="ID", type=_whole, help="the risk's id (see `risks`)")
    update.add_argument("--description", metavar="TEXT")
    update.add_argument("--likelihood", metavar="1-5")
    update.add_argument("--impact", metavar="1-5")
    _risk_options(update)


def _risk_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cause", metavar="TEXT")
    parser.add_argument("--effect", metavar="TEXT")
    parser.add_argument("--proximity", metavar="DATE", help="when it could strike, e.g. 2011-09-30")
    parser.add_argument("--owner", metavar="NAME")
    parser.add_argument("--mitigation", metavar="TEXT")
    parser.add_argument("--status", metavar="open|closed")
    parser.add_argument("--roam", metavar="R", help="resolved, owned, accepted or mitigated")


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def risk_json(risk) -> dict[str, Any]:
    """One risk for JSON output."""
    return {
        "id": risk.id,
        "code": risk.code,
        "description": risk.description,
        "cause": risk.cause,
        "effect": risk.effect,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "score": risk.score,
        "proximity": risk.proximity.isoformat() if risk.proximity else None,
        "owner": risk.owner,
        "mitigation": risk.mitigation,
        "status": risk.status,
        "roam": risk.roam,
        "raised_by": risk.raised_by,
        "version": risk.version,
    }


def run_risks(args: argparse.Namespace) -> int:
    """Print risks, all or one initiative's."""
    from store.errors import NotFoundError
    from store.portfolio.queries import portfolio_row
    from store.programme.risks.queries import list_risks

    store = open_store(args)
    try:
        with store.reading() as connection:
            if args.code and portfolio_row(connection, args.code) is None:
                raise NotFoundError("code", f"no initiative with code {args.code!r}")
            risks = list_risks(connection, args.code, include_closed=not args.open)
    finally:
        store.close()
    _write([risk_json(r) for r in risks], RISK_COLUMNS, args.format)
    return EXIT_OK


def _given(args: argparse.Namespace, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


RISK_FIELDS = (
    "description",
    "cause",
    "effect",
    "likelihood",
    "impact",
    "proximity",
    "owner",
    "mitigation",
    "status",
    "roam",
)


def run_risks_add(args: argparse.Namespace) -> int:
    """Record a risk."""
    from store.programme.risks.services import create_risk

    store = open_store(args)
    try:
        with store.writing() as session:
            risk = create_risk({"code": args.code, **_given(args, RISK_FIELDS)}, session=session)
    finally:
        store.close()
    print(
        f"added risk {risk.id} to {risk.code}: score {risk.score} ({risk.likelihood}×{risk.impact})"
    )
    return EXIT_OK


def run_risks_update(args: argparse.Namespace) -> int:
    """Change a risk."""
    from store.programme.risks.services import update_risk

    store = open_store(args)
    try:
        with store.writing() as session:
            risk = update_risk({"id": args.id, **_given(args, RISK_FIELDS)}, session=session)
    finally:
        store.close()
    roam = f", {risk.roam}" if risk.roam else ""
    print(f"risk {risk.id} ({risk.code}): score {risk.score}, {risk.status}{roam}")
    return EXIT_OK


# -------------------------------------------------------------- dependencies

DEPENDENCY_COLUMNS = (
    "id",
    "from",
    "to",
    "needed",
    "needed_by",
    "importance",
    "status",
    "at_risk",
    "why",
)
DEPENDENCY_FIELDS = ("needed", "needed_by", "importance", "status", "milestone")


def _register_dependencies(subcommands) -> None:
    deps = _sub(subcommands, "dependencies", "dependencies between initiatives", run_dependencies)
    deps.add_argument("--code", metavar="CODE", help="only those to or from one initiative")
    deps.add_argument("--at-risk", action="store_true", help="only those at risk")
    add_format_option(deps, ("table", "json"))
    actions = deps.add_subparsers(dest="dependencies_action", metavar="ACTION")

    add = _sub(actions, "add", "record that TO needs something from FROM", run_dependencies_add)
    add.add_argument("from_code", metavar="FROM", help="the upstream initiative, which delivers")
    add.add_argument("to_code", metavar="TO", help="the initiative that needs it")
    add.add_argument("--needed", required=True, metavar="TEXT")
    add.add_argument("--needed-by", required=True, metavar="DATE")
    add.add_argument("--importance", required=True, metavar="high|medium|low")
    add.add_argument("--status", metavar="S", help="open (default), agreed, delivered, cancelled")
    add.add_argument("--milestone", metavar="NAME", help="the upstream milestone that delivers it")

    update = _sub(actions, "update", "change a dependency", run_dependencies_update)
    update.add_argument("id", metavar="ID", type=_whole, help="the dependency's id (see table)")
    update.add_argument("--from", dest="from_code", metavar="CODE", help="a new upstream")
    update.add_argument("--to", dest="to_code", metavar="CODE", help="a new downstream")
    update.add_argument("--needed", metavar="TEXT")
    update.add_argument("--needed-by", metavar="DATE")
    update.add_argument("--importance", metavar="high|medium|low")
    update.add_argument("--status", metavar="S", help="open, agreed, delivered or cancelled")
    update.add_argument("--milestone", metavar="NAME", help="'' unlinks the milestone")


def dependency_json(dependency) -> dict[str, Any]:
    """One dependency with exactly the issue's keys."""
    return {
        "from": dependency.from_code,
        "to": dependency.to_code,
        "needed": dependency.needed,
        "needed_by": dependency.needed_by.isoformat(),
        "importance": dependency.importance,
        "status": dependency.status,
        "at_risk": dependency.at_risk,
    }


def run_dependencies(args: argparse.Namespace) -> int:
    """Print dependencies by needed-by date."""
    from store.errors import NotFoundError
    from store.portfolio.queries import portfolio_row
    from store.programme.dependencies.queries import list_dependencies

    store = open_store(args)
    try:
        with store.reading() as connection:
            if args.code and portfolio_row(connection, args.code) is None:
                raise NotFoundError("code", f"no initiative with code {args.code!r}")
            rows = list_dependencies(connection, args.code, at_risk_only=args.at_risk)
    finally:
        store.close()
    if args.format == "json":
        _print_json([dependency_json(d) for d in rows])
    else:
        records = [
            {**dependency_json(d), "id": d.id, "why": "; ".join(d.at_risk_reasons)} for d in rows
        ]
        _write(records, DEPENDENCY_COLUMNS, "table")
    return EXIT_OK


def run_dependencies_add(args: argparse.Namespace) -> int:
    """Record a dependency."""
    from store.programme.dependencies.services import create_dependency

    data = {"from_code": args.from_code, "to_code": args.to_code}
    store = open_store(args)
    try:
        with store.writing() as session:
            saved = create_dependency({**data, **_given(args, DEPENDENCY_FIELDS)}, session=session)
    finally:
        store.close()
    flag = " (at risk)" if saved.at_risk else ""
    print(
        f"added dependency {saved.id}: {saved.to_code} needs {saved.needed!r} "
        f"from {saved.from_code} by {saved.needed_by}{flag}"
    )
    return EXIT_OK


def run_dependencies_update(args: argparse.Namespace) -> int:
    """Change a dependency."""
    from store.programme.dependencies.services import update_dependency

    store = open_store(args)
    try:
        with store.writing() as session:
            saved = update_dependency(
                {"id": args.id, **_given(args, ("from_code", "to_code", *DEPENDENCY_FIELDS))},
                session=session,
            )
    finally:
        store.close()
    flag = "at risk" if saved.at_risk else "not at risk"
    print(f"dependency {saved.id} ({saved.from_code} → {saved.to_code}): {saved.status}, {flag}")
    return EXIT_OK


# ---------------------------------------------------------------- milestones

MILESTONE_COLUMNS = (
    "code",
    "name",
    "baseline",
    "forecast",
    "actual",
    "slip_days",
    "status",
    "overdue",
)
MILESTONE_FIELDS = ("baseline", "forecast", "actual", "status")


def _register_milestones(subcommands) -> None:
    milestones = _sub(subcommands, "milestones", "milestones with slippage", run_milestones)
    milestones.add_argument("--code", metavar="CODE", help="one initiative's milestones")
    milestones.add_argument("--overdue", action="store_true", help="only overdue ones")
    add_format_option(milestones, ("table", "json"))
    actions = milestones.add_subparsers(dest="milestones_action", metavar="ACTION")

    add = _sub(actions, "add", "add a milestone to an initiative", run_milestones_add)
    add.add_argument("code", metavar="CODE")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--baseline", required=True, metavar="DATE")
    add.add_argument("--forecast", metavar="DATE")
    add.add_argument("--actual", metavar="DATE", help="when it happened (makes it done)")
    add.add_argument("--status", metavar="S", help="planned, in_progress, done or cancelled")

    update = _sub(actions, "update", "change a milestone", run_milestones_update)
    update.add_argument("code", metavar="CODE")
    update.add_argument("name", metavar="NAME")
    update.add_argument("--new-name", metavar="NAME")
    update.add_argument("--baseline", metavar="DATE")
    update.add_argument("--forecast", metavar="DATE", help="'' clears it")
    update.add_argument("--actual", metavar="DATE", help="when it happened (makes it done)")
    update.add_argument("--status", metavar="S", help="planned, in_progress, done or cancelled")


def milestone_json(milestone) -> dict[str, Any]:
    """One milestone with exactly the issue's keys."""
    return {
        "code": milestone.code,
        "name": milestone.name,
        "baseline": milestone.baseline.isoformat(),
        "forecast": milestone.forecast.isoformat() if milestone.forecast else None,
        "actual": milestone.actual.isoformat() if milestone.actual else None,
        "slip_days": milestone.slip_days,
    }


def run_milestones(args: argparse.Namespace) -> int:
    """Print milestones with their slippage in days."""
    from store.errors import NotFoundError
    from store.portfolio.queries import portfolio_row
    from store.programme.milestones.queries import list_milestones

    store = open_store(args)
    try:
        with store.reading() as connection:
            if args.code and portfolio_row(connection, args.code) is None:
                raise NotFoundError("code", f"no initiative with code {args.code!r}")
            rows = list_milestones(connection, args.code, overdue_only=args.overdue)
    finally:
        store.close()
    if args.format == "json":
        _print_json([milestone_json(m) for m in rows])
    else:
        records = [{**milestone_json(m), "status": m.status, "overdue": m.overdue} for m in rows]
        _write(records, MILESTONE_COLUMNS, "table")
    return EXIT_OK


def run_milestones_add(args: argparse.Namespace) -> int:
    """Add a milestone."""
    from store.programme.milestones.services import create_milestone

    data = {"code": args.code, "name": args.name, **_given(args, MILESTONE_FIELDS)}
    store = open_store(args)
    try:
        with store.writing() as session:
            saved = create_milestone(data, session=session)
    finally:
        store.close()
    print(f"added milestone {saved.name!r} to {saved.code}: baseline {saved.baseline}")
    return EXIT_OK


def run_milestones_update(args: argparse.Namespace) -> int:
    """Change a milestone."""
    from store.programme.milestones.services import update_milestone

    data = {"code": args.code, "name": args.name, **_given(args, (*MILESTONE_FIELDS, "new_name"))}
    store = open_store(args)
    try:
        with store.writing() as session:
            saved = update_milestone(data, session=session)
    finally:
        store.close()
    print(f"{saved.code} {saved.name!r}: {saved.status}, slip {saved.slip_days} days")
    return EXIT_OK


# -------------------------------------------------------------------- output


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _write(records: list[dict[str, Any]], columns: tuple[str, ...], fmt: str) -> None:
    from tui.cli.common import write_records

    if fmt == "json":
        _print_json(records)
    else:
        write_records(records, columns, fmt)
