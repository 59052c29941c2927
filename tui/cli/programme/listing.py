"""The shape the risks, dependencies and milestones commands share: a listing, all or
one initiative's (`--code`), with `add` and `update` actions under it."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from tui.cli.common import open_store
from tui.cli.options import TABLE_JSON, add_actions, add_command, add_format_option


def add_listing(
    subcommands,
    name: str,
    help_text: str,
    handler: Callable[[argparse.Namespace], int],
    *,
    code_help: str,
    flag: tuple[str, str],
):
    """Add the listing command `name` with --code, one on/off filter `flag` (option, help)
    and --format table|json; return its actions."""
    listing = add_command(subcommands, name, help_text, handler)
    listing.add_argument("--code", metavar="CODE", help=code_help)
    option, flag_help = flag
    listing.add_argument(option, action="store_true", help=flag_help)
    add_format_option(listing, TABLE_JSON)
    return add_actions(listing, required=False)


def read_for_initiative(args: argparse.Namespace, query, **options):
    """`query(connection, args.code, **options)`, or a NotFoundError when --code names no
    initiative."""
    from store.errors import NotFoundError
    from store.portfolio.queries import portfolio_row

    with open_store(args) as store, store.reading() as connection:
        if args.code and portfolio_row(connection, args.code) is None:
            raise NotFoundError("code", f"no initiative with code {args.code!r}")
        return query(connection, args.code, **options)
