"""`portfolio generate`: a deterministic synthetic portfolio for performance work."""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_OK, note, open_store, replace_database
from tui.cli.options import add_command


def register(subcommands) -> None:
    """Add the generate subcommand."""
    parser = add_command(
        subcommands, "generate", "write a synthetic portfolio (for benchmarks)", run_generate
    )
    parser.add_argument("--initiatives", type=int, default=10_000, metavar="N")
    parser.add_argument("--periods", type=int, default=40, metavar="P", help="quarters of RAG")
    parser.add_argument("--seed", type=int, default=2011, metavar="S")
    parser.add_argument(
        "--requests",
        type=int,
        metavar="R",
        help="Star Chamber requests (default 10 per initiative)",
    )
    parser.add_argument(
        "--proposals", type=int, metavar="F", help="front door proposals (default N/2)"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace a non-empty database (a backup is kept)"
    )


def run_generate(args: argparse.Namespace) -> int:
    """Generate into an empty database (or a replaced one, with --force)."""
    from store.generate import Plan, generate

    with open_store(args, create=True) as store:
        if args.force:
            replace_database(store)
        plan = Plan(
            initiatives=args.initiatives,
            periods=args.periods,
            seed=args.seed,
            requests=args.requests,
            proposals_wanted=args.proposals,
        )
        with store.writing() as session:
            summary = generate(session, plan)
    note(f"generated into {store.place}: {summary.describe()}")
    return EXIT_OK
