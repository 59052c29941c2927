"""Laptop replicas: `portfolio replica create SERVER FILE`, `portfolio sync`,
`portfolio conflicts [--format json]` and `portfolio conflicts resolve ID
--reapply|--theirs|--drop` (`store.sync`)."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_FAILED, EXIT_OK, note, open_store
from tui.cli.options import TABLE_JSON, add_actions, add_command, add_format_option, add_group
from tui.cli.output import print_json, write_records

CREATE = (
    "make a laptop replica of the shared register (SERVER: a PostgreSQL URL or a central "
    "SQLite file) in the new owner-only file FILE, for the login running this; open it "
    "with `portfolio --db FILE`, work offline, then `portfolio sync --db FILE`"
)
SYNC = (
    "send the replica's offline operations to its server, in order and each exactly once "
    "(an interrupted sync run again sends nothing twice), then take the server's register; "
    "refused operations are kept as conflicts (`portfolio conflicts`)"
)
CONFLICTS = "list the replica's operations the server refused, with the reason and its values"
CONFLICT_COLUMNS = ("op", "what", "reason", "their_by", "their_at", "at")


def register(subcommands) -> None:
    """Add `replica create`, `sync` and `conflicts`."""
    replica = add_group(subcommands, "replica", "laptop replicas of the shared register")
    create = add_command(replica, "create", CREATE, run_create)
    create.add_argument("server", metavar="SERVER", help="the server's URL or central file")
    create.add_argument("file", metavar="FILE", help="the new replica file")
    sync = add_command(subcommands, "sync", SYNC, run_sync)
    sync.add_argument(
        "--server", metavar="URL", help="connect with this URL (with a password, say) instead"
    )
    conflicts = add_command(subcommands, "conflicts", CONFLICTS, run_list)
    add_format_option(conflicts, TABLE_JSON)
    actions = add_actions(conflicts, required=False)
    resolve = add_command(actions, "resolve", "settle one conflict", run_resolve)
    resolve.add_argument("op", metavar="ID", help="the operation's id (its first characters do)")
    how = resolve.add_mutually_exclusive_group(required=True)
    for option, value, text in (
        ("--reapply", "reapply", "send mine again at the next sync, over the server's values"),
        ("--theirs", "theirs", "keep the server's values; mine is set aside"),
        ("--drop", "drop", "drop mine"),
    ):
        how.add_argument(option, dest="how", action="store_const", const=value, help=text)


def run_create(args: argparse.Namespace) -> int:
    """Make a replica of SERVER in FILE."""
    from pathlib import Path

    from store.sync.replica import create_replica

    server_args = argparse.Namespace(db=args.server, user=getattr(args, "user", None))
    with open_store(server_args) as server:
        state = create_replica(server, Path(args.file))
    print(
        f"made replica {args.file} of {state.server} for {state.login} "
        f"(schema {state.schema_version}, {state.server_event_id} audit events)"
    )
    return EXIT_OK


def run_sync(args: argparse.Namespace) -> int:
    """Sync the replica `--db` names with its server."""
    from store.sync.run import sync
    from tui.cli.progress import progress_bar

    with open_store(args) as store, progress_bar("syncing") as update:
        result = sync(
            store, progress=lambda done, total, _: update(done, total), server_url=args.server
        )
    print(
        f"sent {result.pushed} operations: {result.applied} applied, {result.already} "
        f"already on the server, {result.conflicts} in conflict; pulled at {result.pulled_at}"
    )
    if result.conflicts:
        note("see them with `portfolio conflicts`")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    """List the conflicts (or resolve one, with the `resolve` action)."""
    from store.sync.conflicts import list_conflicts

    with open_store(args) as store:
        found = list_conflicts(store)
    if args.format == "json":
        print_json([conflict.as_json() for conflict in found])
        return EXIT_OK
    rows = [{"op": c.op_id[:8], **c.as_json()} for c in found]
    write_records(rows, CONFLICT_COLUMNS, "table")
    return EXIT_OK


def run_resolve(args: argparse.Namespace) -> int:
    """Settle one conflict."""
    from store.sync.conflicts import resolve_conflict

    with open_store(args) as store:
        op_id = resolve_conflict(store, args.op, args.how)
    done = {"reapply": "will be sent again at the next sync", "theirs": "theirs kept"}
    print(f"{op_id[:8]}: {done.get(args.how, 'dropped')}")
    return EXIT_OK if op_id else EXIT_FAILED
