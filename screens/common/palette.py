"""How the command palette ranks a record found by its code: typed exactly, the record
comes first; otherwise it ranks by the fuzzy match, a little below screens and actions."""

from __future__ import annotations

from textual.fuzzy import Matcher

EXACT = 1_000_000.0  # above any fuzzy score (they grow with the length of the match)


def record_score(matcher: Matcher, query: str, code: str, label: str) -> float:
    """The score of the palette entry `label` for the record `code`."""
    if query.strip().casefold() == code.casefold():
        return EXACT
    return matcher.match(label) * 0.9
