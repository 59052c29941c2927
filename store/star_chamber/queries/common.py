"""Small helpers shared by the Star Chamber queries."""

from __future__ import annotations

from datetime import date


def as_date(value: str | date | None) -> date | None:
    """A date from SQLite's ISO text (or None)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def escape_like(term: str) -> str:
    """`term` with LIKE wildcards escaped (use with ESCAPE '\\')."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def split_names(text: str) -> tuple[str, ...]:
    """People stored as `a; b; c`, as a tuple without blanks."""
    return tuple(name.strip() for name in text.split(";") if name.strip())
