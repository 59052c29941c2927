"""Subcommands for the front door, the change baseline and the recommendations tracker:
`proposals`, `proposal add|triage|decide`, `baseline` and `recommendations`.

- `proposals`: listing, logging, triaging and deciding proposals.
- `baseline`: live initiatives by tier and complexity.
- `recommendations`: the review's recommendations and their progress.
"""

from __future__ import annotations

from tui.cli.front_door import baseline, proposals, recommendations


def register(subcommands) -> None:
    """Add this feature's subcommands to the parser, in the order `--help` lists them."""
    proposals.register(subcommands)
    baseline.register(subcommands)
    recommendations.register(subcommands)
