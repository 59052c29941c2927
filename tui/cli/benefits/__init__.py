"""Subcommands for benefits realisation and delivery confidence (issue 18).

- `benefits`: the register as at the reporting date, realised against planned.
- `benefit add|edit|measure|measurements`: one benefit and its measurements.
- `confidence CODE`: record a delivery confidence rating, or show its history.
- `responses [update|close]`: Responses to Red (each opened by the save that turned
  an initiative Red).
"""

from __future__ import annotations

from tui.cli.benefits import confidence, register_commands


def register(subcommands) -> None:
    """Add this feature's subcommands, in the order `--help` lists them."""
    register_commands.register(subcommands)
    confidence.register(subcommands)
