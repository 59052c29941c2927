"""`portfolio copy-to TARGET`: copy the whole portfolio (`--db`), with its users and its
audit history, into an empty database: a laptop's file onto a PostgreSQL server, or a
server's database into a new file on a laptop (`store.move`)."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_FAILED, EXIT_OK, fail, note
from tui.cli.options import add_command

DESCRIPTION = (
    "copy the whole portfolio (--db), with its users and its audit history, into an empty "
    "database: a new SQLite file, or a PostgreSQL database with no rows (run as the schema "
    "owner: the copy sets its id sequences). The source must pass `check` and is only "
    "read; a target holding rows is refused. All is written in one transaction (a new "
    "file is renamed into place): a failure leaves the target empty. The copied audit "
    "chain is verified, so an anchor taken on the source passes `check --expect` on the "
    "target; one more event records the copy."
)


def register(subcommands) -> None:
    """Add `copy-to`."""
    command = add_command(subcommands, "copy-to", DESCRIPTION, run_copy_to)
    command.add_argument(
        "target",
        metavar="TARGET",
        help="a new SQLite file (path or sqlite:/// URL) or a postgresql+psycopg:// URL",
    )


def _report_copy(report) -> None:
    """What was copied, the chain head to compare with an anchor, and the target's check."""
    users = report.rows.get("app_user", 0)
    events = report.rows.get("audit_event", 0)
    note(
        f"copied {report.total} rows in {len(report.rows)} tables, "
        f"{users} users and {events} audit events among them"
    )
    print(f"source chain head: {report.source_head} ({report.source_events} events)")
    print(f"copy recorded as audit event {events + 1}: {report.event_hash}")
    check = report.target_check
    if check.ok:
        chain = check.chain
        print(f"target audit chain: ok ({chain.events} events, latest hash {chain.last_hash})")
        print(f"target anchor: ok (the source's head is audit event {check.anchor.event_id})")


def run_copy_to(args: argparse.Namespace) -> int:
    """Copy the database `--db` names into the empty database TARGET, then check it."""
    from store.move import copy_database, refuse_same
    from store.paths import database_url, resolve_actor

    source, target = database_url(args.db), database_url(args.target)
    refuse_same(source, target)
    report = copy_database(source, target, resolve_actor(args.user))
    _report_copy(report)
    if not report.target_check.ok:
        for problem in report.target_check.problems:
            fail(f"target: {problem}")
        return EXIT_FAILED
    return EXIT_OK
