"""Readers and writers of the exchange formats: one module per format.

A reader turns a path into `RawTable`s (headers and rows of cells exactly as the
format holds them, each row with its row number) plus any problems with the file's
shape; a writer takes each table's header and typed rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.exchange.problems import Problem
from store.exchange.tables import Table
from store.limits import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS

FORMATS = ("json", "xlsx", "csv")

# One table to write: its registry entry and its rows as typed tuples in header order.
Outgoing = tuple[Table, Iterable[tuple]]
Tick = Callable[[int], None]


@dataclass
class RawTable:
    """One table as read from a file: where it came from, its header and its rows."""

    name: str
    where: str
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    estimate: int = 0


@dataclass
class RawFile:
    """Every table read from a file, and problems with the file's shape."""

    format: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    refused: bool = False

    def refuse(self, where: str, problem: str) -> RawFile:
        """Refuse the whole file (a limit is passed, or it cannot be read): nothing of it
        is checked further."""
        self.problems.append(Problem(where, None, None, problem))
        self.refused = True
        return self

    def within_size(self, where: str, size: int, what: str = "its size") -> bool:
        """True when `size` bytes are within `MAX_IMPORT_BYTES`; otherwise the file is
        refused, naming the limit."""
        if size <= MAX_IMPORT_BYTES.value():
            return True
        self.refuse(where, MAX_IMPORT_BYTES.over(size, what))
        return False

    def within_rows(self, where: str, rows: int) -> bool:
        """True when a table of `rows` rows is within `MAX_IMPORT_ROWS`; otherwise the file
        is refused, naming the limit."""
        if rows <= MAX_IMPORT_ROWS.value():
            return True
        self.refuse(where, MAX_IMPORT_ROWS.over(rows, "the table"))
        return False


def detect_format(path: Path) -> str:
    """The format of an import path: a folder is CSV; otherwise by its extension."""
    if path.is_dir():
        return "csv"
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("xlsx", "xlsm"):
        return "xlsx"
    if suffix == "json":
        return "json"
    if suffix == "csv":
        return "csv"
    return ""
