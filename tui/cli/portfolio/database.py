"""`portfolio demo` (load the demo portfolio) and `portfolio check` (integrity, foreign
keys and the audit chain, optionally against a recorded anchor)."""

from __future__ import annotations

import argparse

from tui.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    database_path,
    fail,
    note,
    open_store,
    replace_database,
)
from tui.cli.options import add_command


def register_demo(subcommands) -> None:
    """Add `demo`."""
    demo = add_command(subcommands, "demo", "load the demo portfolio", run_demo)
    demo.add_argument(
        "--force", action="store_true", help="replace a non-empty database (a backup is kept)"
    )
    demo.add_argument(
        "--if-empty", action="store_true", help="load only if the database is empty; else no-op"
    )


def register_init(subcommands) -> None:
    """Add `init`."""
    add_command(
        subcommands,
        "init",
        "create an empty database (owner-only) at the current schema",
        run_init,
    )


def register_check(subcommands) -> None:
    """Add `check`."""
    check = add_command(
        subcommands,
        "check",
        "integrity, foreign keys, the audit chain, derived tables and audited rows",
        run_check,
    )
    check.add_argument(
        "--anchor",
        action="store_true",
        help="print only the latest audit hash, to record in the minutes (after every check)",
    )
    check.add_argument(
        "--expect",
        metavar="HASH",
        help="also check that the audit chain still holds the event with this hash",
    )


def run_demo(args: argparse.Namespace) -> int:
    """Load the demo portfolio, refusing a non-empty database unless --force."""
    from store.demo import is_empty, load_demo

    with open_store(args, create=True) as store:
        with store.reading() as connection:
            empty = is_empty(connection)
        if not empty and args.if_empty:
            note(f"{store.place} already holds data; left as it is")
            return EXIT_OK
        if not empty and not args.force:
            fail(
                f"database: {store.place} already holds data; "
                "use --force to replace it (a backup is kept)"
            )
            return EXIT_BAD_INPUT
        if not empty:
            replace_database(store)
        with store.writing() as session:
            summary = load_demo(session)
        note(f"loaded the demo portfolio into {store.place}: {summary.describe()}")
        return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    """Create the database the arguments name, or say it is there already."""
    from store.db.schema import SchemaStatus, inspect_url
    from store.paths import database_url

    path = database_path(args)
    if path is not None:
        existed = path.exists()
    else:  # a server's database is made by its DBA: init makes the schema in it
        existed = inspect_url(database_url(args.db)).status is not SchemaStatus.EMPTY
    with open_store(args, create=True) as store:
        pass
    note(f"{store.place} {'already exists; left as it is' if existed else 'created, empty'}")
    return EXIT_OK


def _anchor_hash(text: str) -> str:
    """A 64-hex-digit audit hash as `check --anchor` printed it, or an InputError."""
    from store.errors import InputError

    value = text.strip().lower()
    if len(value) != 64 or any(ch not in "0123456789abcdef" for ch in value):
        raise InputError("expect", "give the 64 hex digits that check --anchor printed")
    return value


SHOWN_PROBLEMS = 50


def _report_problems(path, report) -> None:
    """Each problem on its own line (the first `SHOWN_PROBLEMS`), then, when rows were
    changed behind the app's back, what to restore."""
    from store.check import restore_advice

    for problem in report.problems[:SHOWN_PROBLEMS]:
        fail(problem)
    if len(report.problems) > SHOWN_PROBLEMS:
        fail(f"... and {len(report.problems) - SHOWN_PROBLEMS} more problems")
    if report.tampered and path is not None:
        fail(restore_advice(path, report.tampered))


def run_check(args: argparse.Namespace) -> int:
    """Run integrity_check, foreign_key_check, verify the audit chain, recompute the
    derived tables and match every audited row to its audit event."""
    from store.check import check_url
    from store.paths import database_url

    path = database_path(args)
    if path is not None and not path.exists():
        fail(f"database: {path} does not exist")
        return EXIT_BAD_INPUT
    expect = _anchor_hash(args.expect) if args.expect is not None else None
    report = check_url(database_url(args.db), expect=expect)
    if not report.ok:
        _report_problems(path, report)
        return EXIT_FAILED
    chain = report.chain
    if args.anchor:
        print(chain.last_hash)
        note(f"audit anchor: the latest of {chain.events} events; record this hash")
        return EXIT_OK
    if path is None:  # a server keeps its own storage and foreign keys
        note("on PostgreSQL: the chain, its guards and the anchor are checked; not the rows")
    else:
        print("integrity_check: ok")
        print("foreign_key_check: ok")
    print(f"audit chain: ok ({chain.events} events, latest hash {chain.last_hash})")
    if report.anchor is not None:
        anchor = report.anchor
        print(f"anchor: ok (audit event {anchor.event_id} of {anchor.occurred_at})")
    if report.archives is not None and report.archives.archives:
        archives = report.archives
        print(
            f"offline archives: ok ({archives.archives} laptop chains, "
            f"{archives.events} offline events, each from its base hash to its final hash)"
        )
    return EXIT_OK
