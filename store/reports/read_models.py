"""Plain read models of the board pack: sections of titled tables of plain cells.

A table names which of its columns hold a RAG letter, so each renderer can show
it as colour and letter together; a total row is kept apart so it can be set off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Block:
    """One table of a section: its headers, rows of cells (text or numbers, None for a
    blank), the columns that hold RAG letters, and the total rows set off below."""

    headers: tuple[str, ...]
    rows: tuple[tuple, ...]
    title: str | None = None
    rag_columns: tuple[int, ...] = ()
    numeric_columns: tuple[int, ...] = ()
    totals: tuple[tuple, ...] = ()
    empty: str = "None."


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered part of the pack: its title, a sentence or two, and its tables."""

    key: str
    title: str
    intro: str = ""
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class BoardPack:
    """The quarterly board pack for one period, as at one day."""

    period: str
    previous_period: str
    starts: date
    ends: date
    as_at: date
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def section(self, key: str) -> Section:
        """The section with this key."""
        return next(section for section in self.sections if section.key == key)

    @property
    def title(self) -> str:
        """The pack's heading."""
        return f"Change portfolio: quarterly board pack, {self.period}"

    @property
    def dates(self) -> str:
        """The line under the heading: the period, what it is compared with, and the day
        its figures (ages, overdue milestones) are as at."""
        return (
            f"Period {self.period} ({self.starts.isoformat()} to {self.ends.isoformat()}), "
            f"compared with {self.previous_period}; figures as at {self.as_at.isoformat()}."
        )
