"""The `portfolio` command: opens the TUI, or runs a subcommand for scripts and checks.

Exit codes: 0 success, 1 a check failed or something unexpected broke, 2 bad input
(nothing was written), 3 permission denied (nothing was written; the denial is in the
audit log), 4 the database stayed busy. Users never see a traceback:
unexpected errors print one line and the details go to a log file.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import sys
from collections.abc import Sequence

from tui.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    OneLineErrorParser,
    add_common_options,
    fail,
    run_guarded,
)

# Each feature's module or package (under tui.cli) registers its subcommands, in the order `--help`
# lists them. They are imported only when a subcommand is parsed, so opening the app
# does not pay for them before its first paint.
FEATURE_COMMANDS = [
    "portfolio",
    "star_chamber",
    "front_door",
    "programme",
    "benefits",
    "generate",
    "exchange",
    "move",
    "reports",
    "users",
    "sync",
]


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered: built once per process and
    used for every command it runs (about 17 ms each time; the tests run hundreds of
    commands in one process). Parsing changes nothing in it: each command gets a new
    namespace, and help and errors go to the `sys.stdout` and `sys.stderr` of the time."""
    parser = OneLineErrorParser(
        prog="portfolio",
        description="Change portfolio office: run with no command to open the app.",
    )
    add_common_options(parser, top_level=True)
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in FEATURE_COMMANDS:
        importlib.import_module(f"tui.cli.{name}").register(subcommands)
    parser.set_defaults(handler=open_app)
    return parser


def open_app(args: argparse.Namespace) -> int:
    """Open the TUI on the chosen database; 1 if it stopped on an error (Textual has
    shown what went wrong)."""
    from tui.cli.common import open_store

    with open_store(args) as store:
        from store.first_read import FirstRead
        from store.portfolio.list_read import first_list_read

        first_read = FirstRead(store, first_list_read)  # beside the imports and layout
        from tui.app import PortfolioApp

        app = PortfolioApp(store, first_read=first_read)
        app.run()
    if app.return_code:
        fail("the app stopped after an unexpected error (shown above)")
        return EXIT_FAILED
    return EXIT_OK


class _QuietParser(argparse.ArgumentParser):
    """A parser that gives up silently, so the full parser can say what was wrong."""

    def error(self, message: str):  # type: ignore[override]
        """Stop without printing."""
        raise SystemExit(EXIT_BAD_INPUT)


def app_only_args(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The arguments when the command line only opens the app (`portfolio [--db D]
    [--user U]`), else None. Opening the app then skips building every subcommand's
    parser, which is time before the first paint."""
    quick = _QuietParser(prog="portfolio", add_help=False)
    add_common_options(quick, top_level=True)
    try:
        args, rest = quick.parse_known_args(argv)
    except SystemExit:
        return None  # let the full parser report the problem
    if rest:
        return None
    args.command, args.handler = None, open_app
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `portfolio` console script."""
    args = app_only_args(argv)
    if args is None:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:
            return int(exit_.code or 0)
    code = run_guarded(args.handler, args)
    if code == EXIT_BAD_INPUT and getattr(args, "command", None) is None:
        fail("run `portfolio --help` for usage")
    return code


if __name__ == "__main__":
    sys.exit(main())
