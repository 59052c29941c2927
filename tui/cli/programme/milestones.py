"""`portfolio milestones [add|update]`: milestones with their slippage in days."""

from __future__ import annotations

import argparse

from store.programme.milestones.editable import NAMES as MILESTONE_NAMES
from store.programme.types import MilestoneStatus
from tui.cli.common import EXIT_OK, write
from tui.cli.options import add_command, given, one_of
from tui.cli.output import pick, write_records
from tui.cli.programme.listing import add_listing, read_for_initiative

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
MILESTONE_JSON_KEYS = ("code", "name", "baseline", "forecast", "actual", "slip_days")
MILESTONE_FIELDS = tuple(name for name in MILESTONE_NAMES if name != "name")  # NAME is an argument


def register(subcommands) -> None:
    """Add `milestones`, `milestones add` and `milestones update`."""
    actions = add_listing(
        subcommands,
        "milestones",
        "milestones with slippage",
        run_milestones,
        code_help="one initiative's milestones",
        flag=("--overdue", "only overdue ones"),
    )
    statuses = one_of(MilestoneStatus)
    add = add_command(actions, "add", "add a milestone to an initiative", run_milestones_add)
    add.add_argument("code", metavar="CODE")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--baseline", required=True, metavar="DATE")
    add.add_argument("--forecast", metavar="DATE")
    add.add_argument("--actual", metavar="DATE", help="when it happened (makes it done)")
    add.add_argument("--status", metavar="S", help=statuses)

    update = add_command(actions, "update", "change a milestone", run_milestones_update)
    update.add_argument("code", metavar="CODE")
    update.add_argument("name", metavar="NAME")
    update.add_argument("--new-name", metavar="NAME")
    update.add_argument("--baseline", metavar="DATE")
    update.add_argument("--forecast", metavar="DATE", help="'' clears it")
    update.add_argument("--actual", metavar="DATE", help="when it happened (makes it done)")
    update.add_argument("--status", metavar="S", help=statuses)


def run_milestones(args: argparse.Namespace) -> int:
    """Print milestones with their slippage in days (JSON keeps only the issue's keys)."""
    from store.programme.milestones.queries import list_milestones

    rows = read_for_initiative(args, list_milestones, overdue_only=args.overdue)
    records = [pick(m, MILESTONE_COLUMNS) for m in rows]
    write_records(records, MILESTONE_COLUMNS, args.format, json_keys=MILESTONE_JSON_KEYS)
    return EXIT_OK


def run_milestones_add(args: argparse.Namespace) -> int:
    """Add a milestone."""
    from store.programme.milestones.services import create_milestone

    data = {"code": args.code, "name": args.name, **given(args, MILESTONE_FIELDS)}
    saved = write(args, create_milestone, data)
    print(f"added milestone {saved.name!r} to {saved.code}: baseline {saved.baseline}")
    return EXIT_OK


def run_milestones_update(args: argparse.Namespace) -> int:
    """Change a milestone."""
    from store.programme.milestones.services import update_milestone

    data = {"code": args.code, "name": args.name, **given(args, (*MILESTONE_FIELDS, "new_name"))}
    saved = write(args, update_milestone, data)
    print(f"{saved.code} {saved.name!r}: {saved.status}, slip {saved.slip_days} days")
    return EXIT_OK
