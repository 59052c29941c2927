"""`portfolio recommendations`: the review's recommendations and their progress."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_OK, read
from tui.cli.options import TABLE_CSV_JSON, add_command, add_format_option
from tui.cli.output import pick, write_records

RECOMMENDATION_COLUMNS = ("number", "heading", "text", "owner", "status", "percent_complete")


def register(subcommands) -> None:
    """Add `recommendations`."""
    recommendations = add_command(
        subcommands,
        "recommendations",
        "the review recommendations and their progress",
        run_recommendations,
    )
    add_format_option(recommendations, TABLE_CSV_JSON)


def run_recommendations(args: argparse.Namespace) -> int:
    """Print every recommendation with its owner, status and % complete."""
    from store.recommendations.queries import list_recommendations

    rows = read(args, list_recommendations)
    records = (pick(row, RECOMMENDATION_COLUMNS) for row in rows)
    write_records(records, RECOMMENDATION_COLUMNS, args.format)
    return EXIT_OK
