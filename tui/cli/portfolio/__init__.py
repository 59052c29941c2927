"""Subcommands for the portfolio register: init, demo, list, show, rag, period,
criterion and check.

- `database`: `init` (create an empty database), `demo` (load the demo portfolio) and
  `check` (integrity and audit chain).
- `initiatives`: `list`, `show`, `rag` (record an assessment) and `period`.
- `criteria`: `criterion list|add|rename|describe|move|retire|reinstate`.
"""

from __future__ import annotations

from tui.cli.portfolio import criteria, database, initiatives


def register(subcommands) -> None:
    """Add this feature's subcommands to the parser, in the order `--help` lists them."""
    database.register_init(subcommands)
    database.register_demo(subcommands)
    initiatives.register(subcommands)
    criteria.register(subcommands)
    database.register_check(subcommands)
