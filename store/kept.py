"""Whole-register reads kept until the register changes.

A few reads work out every record to say something short: the portfolio benefits view
judges all 50,000 benefits of a 10,000-initiative register to count those behind, a
third of a second of database time. `Kept.read` answers such a read from memory while
the data it was worked out from is unchanged, and works it out again once it is not.

The audit chain says whether it is: every change to the record adds an event to it
(`store.audit`), so the chain's head, its last event's id and hash, names the state of
the data. The head is read first, in the same read transaction as the work (one indexed
row), and a result is kept under the head it was read after: an answer is never older
than the data it is given for. A restored file brings its own head; the same head is
the same history, and so the same data.

The app reads again, off the event loop, a moment after each save, so that the next
open after someone's save is as quick as the first (`tui.kept_reads`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

MOST_KEPT = 8  # results kept at once; the least recently read goes first

_HEAD = "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1"


def chain_head(connection: Any) -> tuple | None:
    """The audit chain's last event as (id, hash), or None for an empty chain."""
    row = connection.execute(_HEAD).fetchone()
    return None if row is None else (row[0], row[1])


@dataclass(frozen=True, slots=True)
class _Result:
    head: tuple | None
    value: Any


class Kept:
    """Results of costly reads, each under a key, kept while the audit head is the same."""

    def __init__(self, most: int = MOST_KEPT) -> None:
        self.most = most
        self._lock = threading.Lock()
        self._results: dict[Hashable, _Result] = {}

    def read(self, connection: Any, key: Hashable, work: Callable[[Any], Any]) -> Any:
        """`work(connection)`, or what it gave last time under `key` if the data has not
        changed since. `key` is `(name, *parameters)`: the parameters are everything the
        answer depends on beyond the data (the reporting date, how many rows); one answer
        is kept for each name."""
        head = chain_head(connection)
        with self._lock:
            kept = self._results.pop(key, None)
            if kept is not None and kept.head == head:
                self._results[key] = kept  # most recently read last
                return kept.value
        value = work(connection)
        self._keep(key, _Result(head, value))
        return value

    def _keep(self, key: Hashable, result: _Result) -> None:
        """Keep `result` under `key`, in place of any kept under the same name (a tuple
        key's first part) for other parameters: yesterday's answer is not kept beside
        today's."""
        with self._lock:
            for other in [kept for kept in self._results if _name(kept) == _name(key)]:
                del self._results[other]
            self._results[key] = result
            while len(self._results) > self.most:
                del self._results[next(iter(self._results))]

    def holds(self, name: Hashable) -> bool:
        """Whether an answer is kept under `name`, for any parameters."""
        with self._lock:
            return any(_name(key) == name for key in self._results)

    def __len__(self) -> int:
        with self._lock:
            return len(self._results)


def _name(key: Hashable) -> Hashable:
    """What a key names (its first part), whatever its parameters."""
    return key[0] if isinstance(key, tuple) else key
