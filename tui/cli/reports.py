"""`portfolio report`: the quarterly board pack as Markdown or HTML, to a file or stdout."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tui.cli.common import EXIT_OK, add_force_option, open_store
from tui.cli.options import add_command


def register(subcommands) -> None:
    """Add the report subcommand."""
    report = add_command(subcommands, "report", "the quarterly board pack (md or html)", run_report)
    report.add_argument(
        "--period",
        default=None,
        metavar="YYYY-Qn",
        help="the reporting period (default: the current period)",
    )
    report.add_argument("--format", choices=["md", "html"], default="md")
    report.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="FILE",
        help="write to FILE (a folder gets board-pack-PERIOD.FORMAT); default: print it",
    )
    add_force_option(report)


def run_report(args: argparse.Namespace) -> int:
    """Build the pack for the period and print or write it."""
    from store.reports.pack import build_pack, render, write_report
    from tui.cli.progress import progress_bar

    with open_store(args) as store, progress_bar("reading the pack") as on_progress:
        pack = build_pack(store, args.period, on_progress=on_progress)
    if args.output is None:
        sys.stdout.write(render(pack, args.format))
        return EXIT_OK
    path = write_report(
        Path(args.output), pack, args.format, force=args.force, protect=(store.path,)
    )
    print(json.dumps({"path": str(path), "period": pack.period, "format": args.format}))
    return EXIT_OK
