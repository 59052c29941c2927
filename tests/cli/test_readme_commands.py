"""The README's command lines match the commands: each option a line shows is one the
command has, and each option the command requires is shown (issue 14: the README had
`meeting add DATE` where the command takes `--date`)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from tui.cli import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands() -> list[str]:
    """Every `portfolio ...` command shown in the README (several on a line split at `;`),
    without its trailing comment."""
    found = []
    for line in re.findall(r"^portfolio .*$", README.read_text(encoding="utf-8"), re.M):
        for command in line.split(";"):
            command = command.split("#")[0].strip()
            if command.startswith("portfolio"):
                found.append(command)
    return found


def _parser_for(command: str) -> argparse.ArgumentParser:
    """The (sub)parser the command's leading words name."""
    parser = build_parser()
    for word in command.split()[1:]:
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subparsers or word not in subparsers[0].choices:
            break
        parser = subparsers[0].choices[word]
    return parser


@pytest.mark.parametrize("command", _commands())
def test_a_readme_command_shows_the_options_the_command_has(command):
    parser = _parser_for(command)
    known = {name for action in parser._actions for name in action.option_strings}
    shown = set(re.findall(r"(?:^|[\s\[|])(--?[a-zA-Z][\w-]*)", command))
    assert shown <= known, f"{command!r}: the command has no {sorted(shown - known)}"
    for action in parser._actions:
        if action.required and action.option_strings:
            assert shown & set(action.option_strings), (
                f"{command!r}: the command requires {action.option_strings[0]}"
            )
