"""`portfolio list`, `show`, `rag` and `period`: the initiatives, one with its RAG
history, recording an assessment, and the current reporting period."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_OK, read, write
from tui.cli.options import TABLE_CSV_JSON, TEXT_JSON, add_command, add_format_option, from_args
from tui.cli.output import pick, print_json, write_records

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
ASSESSMENT_KEYS = ("criterion", "period", "rag", "rationale", "author", "recorded_at")


def register(subcommands) -> None:
    """Add `list`, `show`, `rag` and `period`."""
    listing = add_command(subcommands, "list", "one row per initiative", run_list)
    listing.add_argument("--filter", default="", metavar="TEXT", help="match code, name, BG, SRO")
    add_format_option(listing, TABLE_CSV_JSON)

    show = add_command(subcommands, "show", "one initiative with its RAG history", run_show)
    show.add_argument("code", metavar="CODE")
    add_format_option(show, TEXT_JSON)

    rag = add_command(subcommands, "rag", "record a RAG assessment", run_rag)
    rag.add_argument("code", metavar="CODE")
    rag.add_argument("--criterion", required=True, metavar="NAME")
    rag.add_argument("--rag", required=True, metavar="R|A|G")
    rag.add_argument("--rationale", required=True, metavar="TEXT")
    rag.add_argument("--period", metavar="P", help="e.g. 2011-Q1 (default: the current period)")

    period = add_command(
        subcommands, "period", "show or set the current reporting period", run_period
    )
    period.add_argument("set_to", nargs="?", metavar="PERIOD", help="e.g. 2011-Q2")


def _list_record(row) -> dict:
    return pick(row, LIST_COLUMNS, parent=row.parent_code, period=row.rag_period)


def run_list(args: argparse.Namespace) -> int:
    """Print one row per initiative, optionally filtered."""
    from store.portfolio.queries import PortfolioQuery, portfolio_page

    query = PortfolioQuery(text=args.filter)
    rows = read(args, portfolio_page, query, offset=0, limit=-1)
    write_records((_list_record(row) for row in rows), LIST_COLUMNS, args.format)
    return EXIT_OK


def _initiative(connection, code: str):
    """The initiative's detail and list row, or a NotFoundError."""
    from store.errors import NotFoundError
    from store.portfolio.queries import initiative_detail, portfolio_row

    detail = initiative_detail(connection, code.strip().upper())
    row = portfolio_row(connection, code)
    if detail is None or row is None:
        raise NotFoundError("code", f"no initiative with code {code!r}")
    return detail, row


def run_show(args: argparse.Namespace) -> int:
    """Print one initiative and its assessments, newest first."""
    detail, row = read(args, _initiative, args.code)
    record = _list_record(row)
    record["assessments"] = [pick(a, ASSESSMENT_KEYS) for a in detail.history]
    if args.format == "json":
        print_json(record)
    else:
        _print_detail(detail, record)
    return EXIT_OK


def _print_detail(detail, record: dict) -> None:
    from store.types import Tier

    lines = [
        f"{detail.code}  {detail.name}",
        f"  kind: {detail.kind}   business group: {detail.business_group}"
        f"   parent: {detail.parent_code or '-'}",
        f"  tier: {Tier.words(detail.tier, '-')}   complexity: {detail.complexity or '-'}"
        + (f" ({', '.join(detail.complexity_kinds)})" if detail.complexity_kinds else ""),
        f"  SRO: {detail.sro or '-'}   programme manager: {detail.programme_manager or '-'}",
        f"  dates: {detail.start_date or '?'} to {detail.end_date or '?'}"
        f"   lifecycle: {detail.lifecycle}",
        "",
        "Current RAG:",
    ]
    from store.portfolio.read_models import NOT_YET_RATED

    for status in detail.criteria:
        lines.append(
            f"  {status.criterion}: {status.rag or '-'} ({status.period or NOT_YET_RATED})"
        )
    lines.append("")
    lines.append("Assessments (newest first):")
    for a, note in zip(record["assessments"], _notes(detail.history), strict=True):
        lines.append(f"  {a['period']}  {a['rag']}  {a['criterion']}  by {a['author']}{note}")
        lines.append(f"      {a['rationale']}")
    if not record["assessments"]:
        lines.append("  none yet")
    print("\n".join(lines))


def _notes(history) -> list[str]:
    """Each assessment's note on a correction (`  (replaced by …)`), or ""."""
    from store.portfolio.read_models import replacement_note

    notes = (replacement_note(a, history) for a in history)
    return [f"  ({note})" if note else "" for note in notes]


def run_rag(args: argparse.Namespace) -> int:
    """Record one assessment through the same service the TUI uses."""
    from store.portfolio.services import record_assessment

    data = from_args(args, ("code", "criterion", "rag", "rationale", "period"))
    saved = write(args, record_assessment, data)
    replaced = f" (replaces the RAG recorded before for {saved.period})" if saved.replaces else ""
    print(
        f"recorded {saved.initiative_code} {saved.criterion} {saved.period}: {saved.rag}{replaced}"
    )
    return EXIT_OK


def run_period(args: argparse.Namespace) -> int:
    """Print the current reporting period, or set it."""
    if args.set_to:
        from store.portfolio.services import set_current_period

        print(write(args, set_current_period, args.set_to))
    else:
        from store.portfolio.queries import current_period

        print(read(args, current_period))
    return EXIT_OK
