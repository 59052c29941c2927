"""The store's idea of now and today, in one place so tests can pin them."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def utc_timestamp() -> str:
    """The current UTC time as ISO 8601 with microseconds and a trailing Z."""
    return utc_now().isoformat(timespec="microseconds").replace("+00:00", "Z")


def shown_time(stamp: str) -> str:
    """A stored UTC timestamp as people write it: `2011-06-13 09:00 UTC`."""
    return f"{stamp[:10]} {stamp[11:16]} UTC"


def today() -> date:
    """Today's date (local calendar)."""
    return date.today()
