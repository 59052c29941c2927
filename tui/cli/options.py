"""Building subcommands and reading their arguments: one way to add a command, a group
of actions, a --format option or choices taken from the store's enums."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from tui.cli.common import add_common_options

TABLE_CSV_JSON = ("table", "csv", "json")
TABLE_JSON = ("table", "json")
TEXT_JSON = ("text", "json")


def add_command(
    parent, name: str, help_text: str, handler: Callable[[argparse.Namespace], int]
) -> argparse.ArgumentParser:
    """A subcommand with --db and --user that runs `handler`."""
    parser = parent.add_parser(name, help=help_text, description=help_text)
    add_common_options(parser)
    parser.set_defaults(handler=handler)
    return parser


def add_actions(parser: argparse.ArgumentParser, *, required: bool = True, metavar: str = "ACTION"):
    """The actions under a command (`portfolio vacancy add`, `portfolio risks update`)."""
    return parser.add_subparsers(dest="action", metavar=metavar, required=required)


def add_group(parent, name: str, help_text: str):
    """A command that only groups actions (`portfolio vacancy ACTION`); returns them."""
    parser = parent.add_parser(name, help=help_text, description=help_text)
    add_common_options(parser)
    return add_actions(parser)


def add_format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    """Add --format with the given choices; the first is the default."""
    parser.add_argument("--format", choices=list(choices), default=choices[0])


def values(enum: type[StrEnum], members: Iterable[StrEnum] | None = None) -> tuple[str, ...]:
    """The enum's values (or those of `members`), as argparse choices."""
    return tuple(member.value for member in (enum if members is None else members))


def either(enum: type[StrEnum]) -> str:
    """The values as a metavar: `high|medium|low`."""
    return "|".join(values(enum))


def one_of(enum: type[StrEnum]) -> str:
    """The values in words: `open, agreed, delivered or cancelled`."""
    *rest, last = values(enum)
    return f"{', '.join(rest)} or {last}"


def given(args: argparse.Namespace, names: Iterable[str]) -> dict[str, Any]:
    """The named options that were given on the command line."""
    return without_none({name: getattr(args, name, None) for name in names})


def whole_number(text: str) -> int:
    """An argparse type: a whole number, or a usage error."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def parse_day(text: str, field: str) -> date:
    """A YYYY-MM-DD date from the command line, or an InputError naming `field`."""
    from store.errors import InputError
    from store.fields import parse_date

    try:
        return parse_date(text)
    except ValueError as error:
        raise InputError(field, str(error)) from None


def without_none(data: dict[str, Any]) -> dict[str, Any]:
    """The entries whose value was given (is not None)."""
    return {key: value for key, value in data.items() if value is not None}


def from_args(args: argparse.Namespace, names: Iterable[str] = (), **renamed: str) -> dict:
    """A service's data from the arguments: each of `names` under its own name, then each
    key of `renamed` from the argument its value names (`rationale="reason"`)."""
    data = {name: getattr(args, name) for name in names}
    return data | {key: getattr(args, source) for key, source in renamed.items()}
