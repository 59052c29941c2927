"""`portfolio dependencies [add|update]`: what one initiative needs from another, by
needed-by date, with those at risk flagged."""

from __future__ import annotations

import argparse
from typing import Any

from store.programme.dependencies.editable import NAMES as DEPENDENCY_NAMES
from store.programme.types import DependencyStatus, Importance
from tui.cli.common import EXIT_OK, write
from tui.cli.options import add_command, either, given, one_of, whole_number
from tui.cli.output import pick, write_records
from tui.cli.programme.listing import add_listing, read_for_initiative

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
DEPENDENCY_JSON_KEYS = ("from", "to", "needed", "needed_by", "importance", "status", "at_risk")
DEPENDENCY_FIELDS = (*DEPENDENCY_NAMES, "milestone")


def register(subcommands) -> None:
    """Add `dependencies`, `dependencies add` and `dependencies update`."""
    actions = add_listing(
        subcommands,
        "dependencies",
        "dependencies between initiatives",
        run_dependencies,
        code_help="only those to or from one initiative",
        flag=("--at-risk", "only those at risk"),
    )
    statuses = one_of(DependencyStatus)
    add = add_command(
        actions, "add", "record that TO needs something from FROM", run_dependencies_add
    )
    add.add_argument("from_code", metavar="FROM", help="the upstream initiative, which delivers")
    add.add_argument("to_code", metavar="TO", help="the initiative that needs it")
    add.add_argument("--needed", required=True, metavar="TEXT")
    add.add_argument("--needed-by", required=True, metavar="DATE")
    add.add_argument("--importance", required=True, metavar=either(Importance))
    add.add_argument("--status", metavar="S", help=f"{statuses} (default: open)")
    add.add_argument("--milestone", metavar="NAME", help="the upstream milestone that delivers it")

    update = add_command(actions, "update", "change a dependency", run_dependencies_update)
    update.add_argument(
        "id", metavar="ID", type=whole_number, help="the dependency's id (see table)"
    )
    update.add_argument("--from", dest="from_code", metavar="CODE", help="a new upstream")
    update.add_argument("--to", dest="to_code", metavar="CODE", help="a new downstream")
    update.add_argument("--needed", metavar="TEXT")
    update.add_argument("--needed-by", metavar="DATE")
    update.add_argument("--importance", metavar=either(Importance))
    update.add_argument("--status", metavar="S", help=statuses)
    update.add_argument("--milestone", metavar="NAME", help="'' unlinks the milestone")


def dependency_record(dependency, columns: tuple[str, ...] = DEPENDENCY_COLUMNS) -> dict[str, Any]:
    """One dependency as the table shows it (JSON keeps only the issue's keys)."""
    renamed = {"from": dependency.from_code, "to": dependency.to_code}
    return pick(dependency, columns, why="; ".join(dependency.at_risk_reasons), **renamed)


def run_dependencies(args: argparse.Namespace) -> int:
    """Print dependencies by needed-by date."""
    from store.programme.dependencies.queries import list_dependencies

    rows = read_for_initiative(args, list_dependencies, at_risk_only=args.at_risk)
    records = [dependency_record(d) for d in rows]
    write_records(records, DEPENDENCY_COLUMNS, args.format, json_keys=DEPENDENCY_JSON_KEYS)
    return EXIT_OK


def run_dependencies_add(args: argparse.Namespace) -> int:
    """Record a dependency."""
    from store.programme.dependencies.services import create_dependency

    data = {"from_code": args.from_code, "to_code": args.to_code}
    saved = write(args, create_dependency, {**data, **given(args, DEPENDENCY_FIELDS)})
    flag = " (at risk)" if saved.at_risk else ""
    print(
        f"added dependency {saved.id}: {saved.to_code} needs {saved.needed!r} "
        f"from {saved.from_code} by {saved.needed_by}{flag}"
    )
    return EXIT_OK


def run_dependencies_update(args: argparse.Namespace) -> int:
    """Change a dependency."""
    from store.programme.dependencies.services import update_dependency

    data = {"id": args.id, **given(args, ("from_code", "to_code", *DEPENDENCY_FIELDS))}
    saved = write(args, update_dependency, data)
    flag = "at risk" if saved.at_risk else "not at risk"
    print(f"dependency {saved.id} ({saved.from_code} → {saved.to_code}): {saved.status}, {flag}")
    return EXIT_OK
