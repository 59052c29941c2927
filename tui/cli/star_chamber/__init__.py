"""Subcommands for the Star Chamber: requests, agendas, decisions, minutes, the Posting
List, engagements, establishment figures and early departure schemes.

Listing:   vacancies, meetings, minutes, postings, engagements, establishment, departures
Recording: vacancy add|decide|correct|show, agenda add|build|remove, meeting add|close,
           posting add|left, engagement start|end, establishment set, departure set

- `requests`: `vacancies` and `vacancy add|show` (with `decisions`: `vacancy decide|correct`).
- `meetings`: `meetings`, `minutes`, `agenda ...` and `meeting ...`.
- `people`: the Posting List (`postings`, `posting ...`) and `engagements`, `engagement ...`.
- `figures`: `establishment [set]`, `departures` and `departure set`.
"""

from __future__ import annotations

from tui.cli.star_chamber import figures, meetings, people, requests


def register(subcommands) -> None:
    """Add this feature's subcommands to the parser, in the order `--help` lists them."""
    requests.register_listing(subcommands)
    meetings.register_listings(subcommands)
    figures.register_listing(subcommands)
    requests.register_actions(subcommands)
    meetings.register_actions(subcommands)
    people.register(subcommands)
    figures.register_actions(subcommands)
