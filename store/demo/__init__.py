"""The demo portfolio: the 2011 change programmes and the 2021 examples from the seeds.

`is_empty` is a plain DB-API read, so checking whether to offer the demo costs no
SQLAlchemy import. `load_demo` brings in the services only when it is called, and
writes every record through them so each one gets its audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    from sqlmodel import Session

__all__ = ["DemoSummary", "is_empty", "load_demo"]


# Each part is a module with `load(session) -> dict[str, int]` (what it loaded, counted),
# run in this order. Features add their own part after the portfolio register; the users
# come first, as the other parts are written by them.
PARTS = [
    "store.demo.users",
    "store.demo.loader",
    "store.demo.star_chamber",
    "store.demo.front_door",
    "store.demo.programme_depth",
    "store.demo.benefits",
]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many records of each kind the demo loaded."""

    counts: dict[str, int]

    def describe(self) -> str:
        """`12 business groups, 86 initiatives, ...` for people."""
        return ", ".join(f"{count} {what}" for what, count in self.counts.items())


def is_empty(connection: sqlite3.Connection) -> bool:
    """True when the database holds no business groups and no initiatives."""
    row = connection.execute(
        "SELECT EXISTS (SELECT 1 FROM business_group) OR EXISTS (SELECT 1 FROM initiative)"
    ).fetchone()
    return not row[0]


def load_demo(session: Session) -> DemoSummary:
    """Load the whole demo portfolio in the caller's transaction, without committing.

    Refuses a database that already holds business groups or initiatives.
    """
    import importlib

    counts: dict[str, int] = {}
    for part in PARTS:
        counts.update(importlib.import_module(part).load(session))
    return DemoSummary(counts)
