"""`portfolio criterion ...`: the RAG criteria every initiative is rated against. List
them (in order, the headline first), add one, rename it, change its description, move
it, retire it or reinstate it. The portfolio office and admins make the changes; anyone
may list them."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_OK, read, write
from tui.cli.options import (
    TABLE_CSV_JSON,
    add_command,
    add_format_option,
    add_group,
    from_args,
    whole_number,
)
from tui.cli.output import write_records

COLUMNS = ("position", "name", "headline", "assessments", "retired", "description")


def register(subcommands) -> None:
    """Add `portfolio criterion` and its actions."""
    actions = add_group(subcommands, "criterion", "the RAG criteria and their order")

    listing = add_command(actions, "list", "the criteria in order, the headline first", run_list)
    listing.add_argument("--all", action="store_true", help="include retired criteria")
    add_format_option(listing, TABLE_CSV_JSON)

    add = add_command(actions, "add", "add a criterion (last, or at --position)", run_add)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--description", required=True, metavar="TEXT", help="what it rates")
    add.add_argument("--position", type=whole_number, metavar="N", help="1: the headline")

    rename = add_command(actions, "rename", "rename a criterion (its RAGs go too)", run_rename)
    rename.add_argument("criterion", metavar="OLD")
    rename.add_argument("new_name", metavar="NEW")

    describe = add_command(actions, "describe", "change a criterion's description", run_describe)
    describe.add_argument("criterion", metavar="NAME")
    describe.add_argument("description", metavar="TEXT")

    move = add_command(actions, "move", "move a criterion; position 1 is the headline", run_move)
    move.add_argument("criterion", metavar="NAME")
    move.add_argument("--to", type=whole_number, required=True, metavar="N", help="new place")

    for name, help_text in (
        ("retire", "stop rating against a criterion (its RAGs are kept)"),
        ("reinstate", "rate against a retired criterion again"),
    ):
        standing = add_command(actions, name, help_text, run_standing)
        standing.add_argument("criterion", metavar="NAME")
        standing.set_defaults(service=f"{name}_criterion")


def _change(args: argparse.Namespace, service_name: str, data: dict):
    """Run one criteria service in a write transaction; returns what it saved."""
    from store.portfolio.criteria import services

    return write(args, getattr(services, service_name), data)


def _place(row) -> str:
    return "the headline" if row.headline else f"position {row.position}"


def run_list(args: argparse.Namespace) -> int:
    """Print the criteria in order; under a table, which is the headline and why."""
    from store.portfolio.criteria.queries import criteria_rows
    from store.portfolio.criteria.rules import HEADLINE_RULE

    rows = read(args, criteria_rows, retired=args.all)
    write_records([row.as_json() for row in rows], COLUMNS, args.format)
    if args.format == "table":
        headline = next((row.name for row in rows if row.headline), None)
        print(f"\nHeadline: {headline}. {HEADLINE_RULE}" if headline else "\nNo criteria yet.")
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    """Add a criterion."""
    row = _change(args, "add_criterion", from_args(args, ("name", "description", "position")))
    print(f"added {row.name} at {_place(row)}")
    return EXIT_OK


def run_rename(args: argparse.Namespace) -> int:
    """Rename a criterion."""
    row = _change(args, "rename_criterion", from_args(args, ("criterion", "new_name")))
    print(f"renamed {args.criterion} to {row.name}; its {row.assessments} assessments go with it")
    return EXIT_OK


def run_describe(args: argparse.Namespace) -> int:
    """Change a criterion's description."""
    row = _change(args, "describe_criterion", from_args(args, ("criterion", "description")))
    print(f"described {row.name}: {row.description}")
    return EXIT_OK


def run_move(args: argparse.Namespace) -> int:
    """Move a criterion to another position."""
    row = _change(args, "move_criterion", from_args(args, ("criterion", "to")))
    print(f"moved {row.name} to {_place(row)}")
    return EXIT_OK


def run_standing(args: argparse.Namespace) -> int:
    """Retire a criterion (its assessments are kept), or reinstate a retired one, last."""
    row = _change(args, args.service, from_args(args, ("criterion",)))
    if row.active:
        print(f"reinstated {row.name} at {_place(row)}")
    else:
        print(f"retired {row.name}; its {row.assessments} assessments are kept")
    return EXIT_OK
