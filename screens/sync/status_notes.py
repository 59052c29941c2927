"""What the title bar says about a replica: operations waiting to go to the server,
conflicts (when any) and when it last synced, in words, so it reads without colour.

`sync_notes(status, today)` gives a long note for a wide screen and a short one that
leaves room for the screen's own subtitle at 80 columns; none for a database that is
not a replica."""

from __future__ import annotations

from datetime import date

from store import clock
from store.sync.types import SyncStatus


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _short_time(stamp: str, today: date) -> str:
    """`09:14` for a sync today, else `12 Jun` (the day matters more than the hour)."""
    day = date.fromisoformat(stamp[:10])
    if day == today:
        return stamp[11:16]
    return f"{day.day} {day.strftime('%b')}"


def sync_notes(status: SyncStatus | None, today: date) -> tuple[str, ...]:
    """(long, short) notes for the title bar; () when the database is not a replica."""
    if status is None:
        return ()
    counts = [f"{status.pending} pending"]
    if status.conflicts:
        counts.append(_count(status.conflicts, "conflict"))
    if status.last_sync_at:
        long_when = f"last sync {clock.shown_time(status.last_sync_at)}"
        short_when = f"synced {_short_time(status.last_sync_at, today)}"
    else:
        long_when = short_when = "never synced"
    return (
        " · ".join(["Replica", *counts, long_when]),
        " · ".join([*counts, short_when]),
    )
