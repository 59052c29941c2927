"""`portfolio baseline`: the change baseline, live initiatives by tier and complexity
with the share that is data & digital."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_OK, read
from tui.cli.options import TABLE_JSON, add_command, add_format_option
from tui.cli.output import print_json


def register(subcommands) -> None:
    """Add `baseline`."""
    baseline = add_command(
        subcommands,
        "baseline",
        "live initiatives by tier and complexity (the change baseline)",
        run_baseline,
    )
    baseline.add_argument("--business-group", metavar="BG", help="one business group only")
    add_format_option(baseline, TABLE_JSON)


def run_baseline(args: argparse.Namespace) -> int:
    """Print the tier × complexity counts of live initiatives."""
    from store.baseline.queries import baseline

    matrix = read(args, baseline, args.business_group)
    if args.format == "json":
        print_json({"counts": matrix.counts(), "total": matrix.total})
    else:
        _print_baseline(matrix)
    return EXIT_OK


def _print_baseline(matrix) -> None:
    from store.baseline.read_models import COMPLEXITIES, TIERS
    from store.types import Tier

    def share(count: int, digital: int) -> str:
        """`  49 ( 39% D&D)`, or just the count when it is zero."""
        return f"{count:>4} ({round(100 * digital / count):>3}% D&D)" if count else f"{0:>4}"

    header = f"{'tier':<17}" + "".join(f"{c:>16}" for c in (*COMPLEXITIES, "total"))
    print(f"live initiatives, {matrix.business_group or 'all business groups'}")
    print(header)
    for tier in TIERS:
        cells = [
            share(matrix.cell(tier, c).count, matrix.cell(tier, c).digital) for c in COMPLEXITIES
        ]
        cells.append(share(matrix.tier_total(tier), matrix.tier_digital(tier)))
        print(f"{Tier(tier).label:<17}" + "".join(f"{cell:>16}" for cell in cells))
    totals = [share(matrix.complexity_total(c), matrix.complexity_digital(c)) for c in COMPLEXITIES]
    totals.append(share(matrix.total, matrix.digital))
    print(f"{'total':<17}" + "".join(f"{cell:>16}" for cell in totals))
    if matrix.unclassified:
        print(f"not placed: {matrix.unclassified} live initiatives without a tier or complexity")
