"""The command palette's records: read once per opening, and ranked by code.

`RecordsProvider` reads the records a palette offers (initiatives, proposals) in a worker
as the palette opens, and each search waits for that one read. Each key typed cancels
the search before it; the read is shielded from that (it used to be cancelled with the
first search, and the palette then offered no record at all).

A record whose code was typed exactly comes first; otherwise it ranks by the fuzzy
match, a little below screens and actions.
"""

from __future__ import annotations

import asyncio
from abc import abstractmethod
from typing import Any

from textual.command import Provider
from textual.fuzzy import Matcher
from textual.worker import WorkerCancelled, WorkerFailed

EXACT = 1_000_000.0  # above any fuzzy score (they grow with the length of the match)


def record_score(matcher: Matcher, query: str, code: str, label: str) -> float:
    """The score of the palette entry `label` for the record `code`."""
    if query.strip().casefold() == code.casefold():
        return EXACT
    return matcher.match(label) * 0.9


class RecordsProvider(Provider):
    """A palette provider over records read from the store once per opening."""

    @abstractmethod
    def read(self, connection: Any) -> list[tuple[str, str]]:
        """(code, label) of every record (in a worker thread)."""

    async def startup(self) -> None:
        """Start reading the records off the event loop, in a worker (so that waiting
        for the app's work, a test's or quitting, waits for it too)."""

        def load() -> list[tuple[str, str]]:
            with self.app.store.reading() as connection:
                return self.read(connection)

        self._reading = self.app.run_worker(load, thread=True, group="palette", exit_on_error=False)

    async def records(self) -> list[tuple[str, str]]:
        """The records, once read; none if the read failed (the rest is still offered)."""
        try:
            return await asyncio.shield(self._reading.wait())
        except (WorkerFailed, WorkerCancelled):
            return []
