"""One row that `portfolio check` found tampered with, and how it is named."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """A row that is not what the app wrote: its table, which row (a key a person can
    look up), what is wrong, and `since`: a UTC timestamp by which the row was still
    as the app wrote it (None when unknown), so a backup taken before it is clean."""

    table: str
    row: str
    problem: str
    since: str | None = None

    def describe(self) -> str:
        """`rag_assessment 812: has no audit event ...`, for one line of output."""
        return f"{self.table} {self.row}: {self.problem}"
