"""Subcommands for the portfolio register: demo, list, show, rag, period and check.

- `database`: `demo` (load the demo portfolio) and `check` (integrity and audit chain).
- `initiatives`: `list`, `show`, `rag` (record an assessment) and `period`.
"""

from __future__ import annotations

from tui.cli.portfolio import database, initiatives


def register(subcommands) -> None:
    """Add this feature's subcommands to the parser, in the order `--help` lists them."""
    database.register_demo(subcommands)
    initiatives.register(subcommands)
    database.register_check(subcommands)
