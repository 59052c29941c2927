"""`portfolio establishment [set]`, `departures` and `departure set`: each business
group's establishment figures, and the early departure schemes."""

from __future__ import annotations

import argparse

from store.star_chamber.types import StaffGroup
from tui.cli.common import EXIT_OK, read, read_as_at, write
from tui.cli.options import (
    TABLE_CSV_JSON,
    TABLE_JSON,
    add_actions,
    add_command,
    add_format_option,
    add_group,
    from_args,
    parse_day,
    values,
)
from tui.cli.output import number, pick, plain, print_json, write_records

ESTABLISHMENT_COLUMNS = (
    "business_group",
    "staff_group",
    "financial_year",
    "budgeted",
    "strength",
    "approved_since",
    "vacancy_pct",
    "target_vacancy_pct",
    "start_strength",
    "reduction",
    "plan_as_at",
    "as_of",
)
DEPARTURE_COLUMNS = ("phase", "group", "offered", "accepted", "uptake_pct", "cost_gbp_m")
DEPARTURE_GROUP_KEYS = ("name", "offered", "accepted", "cost_gbp_m", "uptake_pct")


def register_listing(subcommands) -> None:
    """Add `departures`."""
    departures = add_command(subcommands, "departures", "early departure schemes", run_departures)
    add_format_option(departures, TABLE_JSON)


def register_actions(subcommands) -> None:
    """Add `establishment [set]` and `departure set`."""
    establishment = add_command(
        subcommands, "establishment", "establishment figures per group", run_establishment
    )
    establishment.add_argument("--year", metavar="2011/12")
    add_format_option(establishment, TABLE_CSV_JSON)
    actions = add_actions(establishment, required=False, metavar="[set]")
    set_ = add_command(
        actions, "set", "a group's figures for a staff group and year", run_establishment_set
    )
    set_.add_argument("--business-group", required=True, metavar="BG")
    set_.add_argument("--staff-group", required=True, choices=values(StaffGroup))
    set_.add_argument("--year", required=True, metavar="2011/12")
    set_.add_argument("--budgeted", required=True, metavar="FTE")
    set_.add_argument("--strength", required=True, metavar="FTE")
    set_.add_argument("--target-vacancy-pct", required=True, metavar="PCT")
    set_.add_argument("--reduction", default="0", metavar="FTE")
    set_.add_argument("--start-strength", metavar="FTE")
    set_.add_argument("--as-of", metavar="DATE", help="when strength was counted (default today)")

    actions = add_group(subcommands, "departure", "record early departure figures")
    set_ = add_command(actions, "set", "a group's offered, accepted and cost", run_departure_set)
    set_.add_argument("--phase", required=True, type=int)
    set_.add_argument("--group", required=True, metavar="NAME")
    set_.add_argument("--offered", required=True, type=int)
    set_.add_argument("--accepted", required=True, type=int)
    set_.add_argument("--cost-gbp-m", required=True, metavar="£M")


def departure_record(scheme) -> dict:
    """A scheme as `departures --format json` prints it: its phase and its groups, each
    with cost in £m and uptake in per cent."""
    return {
        "phase": scheme.phase,
        "groups": [pick(group, DEPARTURE_GROUP_KEYS) for group in scheme.groups],
    }


def run_departures(args: argparse.Namespace) -> int:
    """Print each early departure scheme with its groups and uptake."""
    from store.star_chamber.queries.departures import schemes

    found = read(args, schemes)
    if args.format == "json":
        print_json([departure_record(scheme) for scheme in found])
        return EXIT_OK
    records = [
        {
            "phase": scheme.phase,
            "group": group.name,
            "offered": group.offered,
            "accepted": group.accepted,
            "uptake_pct": group.uptake_pct,
            "cost_gbp_m": group.cost_gbp_m,
        }
        for scheme in found
        for group in (*scheme.groups, scheme.total)
    ]
    write_records(records, DEPARTURE_COLUMNS, "table")
    return EXIT_OK


def _establishment_record(row, as_at, as_json: bool) -> dict:
    from store.star_chamber.rules import fte, pct_text, plain_fte

    def amount(x100: int):
        return number(fte(x100)) if as_json else plain_fte(x100)

    return {
        "business_group": row.business_group,
        "staff_group": row.staff_group,
        "financial_year": row.financial_year,
        "budgeted": amount(row.budgeted_x100),
        "strength": amount(row.strength_x100),
        "approved_since": amount(row.committed_x100),
        "vacancy_pct": number(row.vacancy) if as_json else pct_text(row.vacancy, 2),
        "target_vacancy_pct": number(row.target_pct) if as_json else pct_text(row.target_pct),
        "start_strength": amount(row.start_strength_x100),
        "reduction": amount(row.reduction_x100),
        "plan_as_at": amount(row.plan_on(as_at)),
        "as_of": plain(row.as_of),
    }


def run_establishment(args: argparse.Namespace) -> int:
    """Print each group's figures with vacancy factor and plan as at the reporting date."""
    from store.star_chamber.queries.establishment import establishment_rows

    as_at, rows = read_as_at(
        args, lambda connection, _as_at: establishment_rows(connection, args.year)
    )
    as_json = args.format == "json"
    records = (_establishment_record(row, as_at, as_json) for row in rows)
    write_records(records, ESTABLISHMENT_COLUMNS, args.format)
    return EXIT_OK


def run_establishment_set(args: argparse.Namespace) -> int:
    """Record or update one group's establishment figures."""
    from store.star_chamber.services.establishment import set_establishment

    names = ("business_group", "staff_group", "budgeted", "strength", "target_vacancy_pct")
    data = from_args(args, (*names, "reduction"), financial_year="year")
    if args.start_strength is not None:
        data["start_strength"] = args.start_strength
    if args.as_of:
        data["as_of"] = parse_day(args.as_of, "as_of")
    row = write(args, set_establishment, data)
    print(
        f"{row.business_group} {row.staff_group} {row.financial_year} recorded "
        f"(version {row.version})"
    )
    return EXIT_OK


def run_departure_set(args: argparse.Namespace) -> int:
    """Record a group's latest early departure figures."""
    from store.star_chamber.services.departures import set_departure_group

    data = from_args(args, ("offered", "accepted", "cost_gbp_m"), name="group")
    scheme = write(args, set_departure_group, args.phase, data)
    total = scheme.total
    print(
        f"phase {scheme.phase}: {total.offered} offered, {total.accepted} accepted "
        f"({total.uptake_pct if total.uptake_pct is not None else '-'}%), £{total.cost_gbp_m}m"
    )
    return EXIT_OK
