"""Small helpers shared by the Star Chamber queries."""

from __future__ import annotations


def split_names(text: str) -> tuple[str, ...]:
    """People stored as `a; b; c`, as a tuple without blanks."""
    return tuple(name.strip() for name in text.split(";") if name.strip())
