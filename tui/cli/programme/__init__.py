"""Subcommands for programme depth: savings, risks, dependencies and milestones.

Each reading command prints a table or JSON with the keys the issue names; each editing
command goes through the same store service the TUI uses, exits 2 with one line on bad
input and writes nothing in that case.

- `savings`: `savings [set|budget|add-year|add-line]`, the §19 plan.
- `risks`, `dependencies`, `milestones`: `NAME [add|update]`, listed through `listing`.
"""

from __future__ import annotations

from tui.cli.programme import dependencies, milestones, risks, savings


def register(subcommands) -> None:
    """Add this feature's subcommands to the parser, in the order `--help` lists them."""
    savings.register(subcommands)
    risks.register(subcommands)
    dependencies.register(subcommands)
    milestones.register(subcommands)
