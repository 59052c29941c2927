"""The rules every part of the app shares about RAG criteria: which one is the headline,
and when two names are the same name.

The headline criterion is the active criterion at position 1, whatever it is called.
Its RAG is the one the portfolio list shows (and filters and counts by), the board
pack's RAG summary and changes use, and a dependency's at-risk check reads. The office
changes the headline by moving another criterion to position 1. The SQL that finds it
is `store.portfolio.queries.overall_criterion_id`; nothing decides it by name.
"""

from __future__ import annotations

import unicodedata

NAME_MAX = 40
DESCRIPTION_MAX = 300

HEADLINE_RULE = (
    "The criterion at position 1 is the headline: its RAG is the one the portfolio "
    "list shows and filters by, and the board pack and dependency risk use. Move another "
    "criterion to position 1 to make it the headline."
)


def name_key(name: str) -> str:
    """What makes two criterion names the same: case, compatibility forms (full-width
    letters) and runs of spaces do not count."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
