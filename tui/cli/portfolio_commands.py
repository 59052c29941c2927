"""Subcommands for the portfolio register: demo, list, show, rag, period and check."""

from __future__ import annotations

import argparse
import json
import sys

from tui.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    add_common_options,
    add_format_option,
    fail,
    note,
    open_store,
)

LIST_COLUMNS = (
    "code",
    "name",
    "kind",
    "parent",
    "business_group",
    "tier",
    "complexity",
    "sro",
    "rag",
    "period",
)


def register(subcommands) -> None:
    """Add this feature's subcommands to the parser."""
    demo = subcommands.add_parser("demo", help="load the demo portfolio")
    add_common_options(demo)
    demo.add_argument(
        "--force", action="store_true", help="replace a non-empty database (a backup is kept)"
    )
    demo.add_argument(
        "--if-empty", action="store_true", help="load only if the database is empty; else no-op"
    )
    demo.set_defaults(handler=run_demo)

    listing = subcommands.add_parser("list", help="one row per initiative")
    add_common_options(listing)
    listing.add_argument("--filter", default="", metavar="TEXT", help="match code, name, BG, SRO")
    add_format_option(listing, ("table", "csv", "json"))
    listing.set_defaults(handler=run_list)

    show = subcommands.add_parser("show", help="one initiative with its RAG history")
    add_common_options(show)
    show.add_argument("code", metavar="CODE")
    add_format_option(show, ("text", "json"))
    show.set_defaults(handler=run_show)

    rag = subcommands.add_parser("rag", help="record a RAG assessment")
    add_common_options(rag)
    rag.add_argument("code", metavar="CODE")
    rag.add_argument("--criterion", required=True, metavar="NAME")
    rag.add_argument("--rag", required=True, metavar="R|A|G")
    rag.add_argument("--rationale", required=True, metavar="TEXT")
    rag.add_argument("--period", metavar="P", help="e.g. 2011-Q1 (default: the current period)")
    rag.set_defaults(handler=run_rag)

    period = subcommands.add_parser("period", help="show or set the current reporting period")
    add_common_options(period)
    period.add_argument("set_to", nargs="?", metavar="PERIOD", help="e.g. 2011-Q2")
    period.set_defaults(handler=run_period)

    check = subcommands.add_parser("check", help="integrity, foreign keys and the audit chain")
    add_common_options(check)
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
    check.set_defaults(handler=run_check)


def run_demo(args: argparse.Namespace) -> int:
    """Load the demo portfolio, refusing a non-empty database unless --force."""
    from store.demo import is_empty, load_demo

    store = open_store(args)
    try:
        with store.reading() as connection:
            empty = is_empty(connection)
        if not empty and args.if_empty:
            note(f"{store.path} already holds data; left as it is")
            return EXIT_OK
        if not empty and not args.force:
            fail(
                f"database: {store.path} already holds data; "
                "use --force to replace it (a backup is kept)"
            )
            return EXIT_BAD_INPUT
        if not empty:
            from store.db.reset import reset_sqlite

            store.close()
            backup = reset_sqlite(store.path)
            note(f"replaced {store.path}; the previous data was backed up to {backup}")
        with store.writing() as session:
            summary = load_demo(session)
        note(f"loaded the demo portfolio into {store.path}: {summary.describe()}")
        return EXIT_OK
    finally:
        store.close()


def _list_record(row) -> dict:
    return {
        "code": row.code,
        "name": row.name,
        "kind": row.kind,
        "parent": row.parent_code,
        "business_group": row.business_group,
        "tier": row.tier,
        "complexity": row.complexity,
        "sro": row.sro,
        "rag": row.rag,
        "period": row.rag_period,
    }


def run_list(args: argparse.Namespace) -> int:
    """Print one row per initiative, optionally filtered."""
    from store.portfolio.queries import PortfolioQuery, portfolio_page

    store = open_store(args)
    try:
        with store.reading() as connection:
            rows = portfolio_page(connection, PortfolioQuery(text=args.filter), offset=0, limit=-1)
    finally:
        store.close()
    from tui.cli.common import write_records

    write_records((_list_record(row) for row in rows), LIST_COLUMNS, args.format)
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    """Print one initiative and its assessments, newest first."""
    from store.errors import NotFoundError
    from store.portfolio.queries import initiative_detail, portfolio_row

    store = open_store(args)
    try:
        with store.reading() as connection:
            detail = initiative_detail(connection, args.code.strip().upper())
            row = portfolio_row(connection, args.code)
            if detail is None or row is None:
                raise NotFoundError("code", f"no initiative with code {args.code!r}")
    finally:
        store.close()
    record = _list_record(row)
    record["assessments"] = [
        {
            "criterion": a.criterion,
            "period": a.period,
            "rag": a.rag,
            "rationale": a.rationale,
            "author": a.author,
            "recorded_at": a.recorded_at,
        }
        for a in detail.history
    ]
    if args.format == "json":
        json.dump(record, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_detail(detail, record)
    return EXIT_OK


def _print_detail(detail, record: dict) -> None:
    lines = [
        f"{detail.code}  {detail.name}",
        f"  kind: {detail.kind}   business group: {detail.business_group}"
        f"   parent: {detail.parent_code or '-'}",
        f"  tier: {detail.tier or '-'}   complexity: {detail.complexity or '-'}"
        + (f" ({', '.join(detail.complexity_kinds)})" if detail.complexity_kinds else ""),
        f"  SRO: {detail.sro or '-'}   programme manager: {detail.programme_manager or '-'}",
        f"  dates: {detail.start_date or '?'} to {detail.end_date or '?'}"
        f"   lifecycle: {detail.lifecycle}",
        "",
        "Current RAG:",
    ]
    for status in detail.criteria:
        lines.append(
            f"  {status.criterion}: {status.rag or '-'} ({status.period or 'never assessed'})"
        )
    lines.append("")
    lines.append("Assessments (newest first):")
    for a in record["assessments"]:
        lines.append(f"  {a['period']}  {a['rag']}  {a['criterion']}  by {a['author']}")
        lines.append(f"      {a['rationale']}")
    if not record["assessments"]:
        lines.append("  none yet")
    print("\n".join(lines))


def run_rag(args: argparse.Namespace) -> int:
    """Record one assessment through the same service the TUI uses."""
    from store.portfolio.services import record_assessment

    store = open_store(args)
    try:
        with store.writing() as session:
            saved = record_assessment(
                {
                    "code": args.code,
                    "criterion": args.criterion,
                    "rag": args.rag,
                    "rationale": args.rationale,
                    "period": args.period,
                },
                session=session,
            )
    finally:
        store.close()
    print(f"recorded {saved.initiative_code} {saved.criterion} {saved.period}: {saved.rag}")
    return EXIT_OK


def run_period(args: argparse.Namespace) -> int:
    """Print the current reporting period, or set it."""
    store = open_store(args)
    try:
        if args.set_to:
            from store.portfolio.services import set_current_period

            with store.writing() as session:
                value = set_current_period(args.set_to, session=session)
        else:
            from store.portfolio.queries import current_period

            with store.reading() as connection:
                value = current_period(connection)
    finally:
        store.close()
    print(value)
    return EXIT_OK


def _anchor_hash(text: str) -> str:
    """A 64-hex-digit audit hash as `check --anchor` printed it, or an InputError."""
    from store.errors import InputError

    value = text.strip().lower()
    if len(value) != 64 or any(ch not in "0123456789abcdef" for ch in value):
        raise InputError("expect", "give the 64 hex digits that check --anchor printed")
    return value


def run_check(args: argparse.Namespace) -> int:
    """Run integrity_check, foreign_key_check and verify the audit chain."""
    from store.check import check_database
    from store.paths import database_url, sqlite_path

    path = sqlite_path(database_url(args.db))
    if path is None or not path.exists():
        fail(f"database: {path or args.db} does not exist")
        return EXIT_BAD_INPUT
    expect = _anchor_hash(args.expect) if args.expect is not None else None
    report = check_database(path, expect=expect)
    if report.ok:
        chain = report.chain
        if args.anchor:
            print(chain.last_hash)
            note(f"audit anchor: the latest of {chain.events} events; record this hash")
            return EXIT_OK
        print("integrity_check: ok")
        print("foreign_key_check: ok")
        print(f"audit chain: ok ({chain.events} events, latest hash {chain.last_hash})")
        if report.anchor is not None:
            anchor = report.anchor
            print(f"anchor: ok (audit event {anchor.event_id} of {anchor.occurred_at})")
        return EXIT_OK
    for problem in report.problems:
        fail(problem)
    return EXIT_FAILED
