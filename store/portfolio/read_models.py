"""Plain read models for the portfolio register. No ORM objects ever leave the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date

from store.benefits.types import Confidence
from store.types import Trend


@dataclass(frozen=True, slots=True)
class BusinessGroupRead:
    """A business group."""

    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class CriterionRead:
    """A RAG criterion."""

    id: int
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """One initiative as the portfolio list shows it."""

    id: int
    code: str
    name: str
    kind: str
    depth: int
    parent_code: str | None
    business_group: str
    tier: str | None
    complexity: str | None
    sro: str
    rag: str | None
    previous_rag: str | None
    rag_period: str | None
    stale: bool
    overdue_milestones: int = 0
    # The team's own delivery confidence in force (None: never rated).
    confidence: Confidence | None = None

    @property
    def trend(self) -> Trend | None:
        """How the overall RAG moved against the previous assessed period."""
        return Trend.between(self.previous_rag, self.rag)

    @classmethod
    def from_values(cls, values: tuple) -> PortfolioRow:
        """The row whose fields are `values`, in order, the confidence as its letters:
        a tuple of plain values, which the garbage collector stops tracking, where a
        row object it would walk at every full collection (the list's in-memory index
        holds one for each of up to 100,000 initiatives: 30 ms a collection)."""
        *plain, letters = values
        return cls(*plain, Confidence(letters) if letters is not None else None)


ROW_FIELDS = tuple(item.name for item in fields(PortfolioRow))
# What `queries` works out beside the row's own columns comes last, in this order, and
# `from_values` takes the confidence as the last value.
assert ROW_FIELDS[-3:] == ("stale", "overdue_milestones", "confidence"), ROW_FIELDS


@dataclass(frozen=True, slots=True)
class PortfolioSummary:
    """Counts for the rows a list query matches."""

    total: int
    red: int
    amber: int
    green: int
    unrated: int


@dataclass(frozen=True, slots=True)
class AssessmentRead:
    """One recorded RAG assessment."""

    id: int
    initiative_code: str
    criterion: str
    period: str
    rag: str
    rationale: str
    author: str
    recorded_at: str
    # A second RAG for the same criterion and period replaces the first (ids).
    replaces: int | None = None
    replaced_by: int | None = None

    @property
    def recorded(self) -> str:
        """Who recorded it and when: `j.okafor, 2011-06-13 09:00`."""
        return f"{self.author}, {self.recorded_at[:16].replace('T', ' ')}"


def replacement_note(assessment: AssessmentRead, history: Sequence[AssessmentRead]) -> str:
    """How a history row stands to its corrections: `replaced by j.okafor, 2011-06-13
    09:00`, `replaces the RAG by k.osei, 2011-06-12 10:00`, both, or "" (neither)."""
    by_id = {other.id: other for other in history}
    notes = []
    if (earlier := by_id.get(assessment.replaces)) is not None:
        notes.append(f"replaces the RAG by {earlier.recorded}")
    if (later := by_id.get(assessment.replaced_by)) is not None:
        notes.append(f"replaced by {later.recorded}")
    return "; ".join(notes)


# What an initiative or criterion with no RAG at all is called, on every screen, the
# CLI and the board pack ("stale" is for one rated in an earlier period only).
NOT_YET_RATED = "not yet rated"


@dataclass(frozen=True, slots=True)
class CriterionStatus:
    """An initiative's current RAG for one criterion (rag is None when never assessed)."""

    criterion_id: int
    criterion: str
    rag: str | None = None
    period: str | None = None
    rationale: str = ""
    author: str = ""
    recorded_at: str = ""
    previous_rag: str | None = None

    @property
    def trend(self) -> Trend | None:
        """How this criterion's RAG moved against the previous assessed period."""
        return Trend.between(self.previous_rag, self.rag)


@dataclass(frozen=True, slots=True)
class ChildRow:
    """A child initiative as the detail screen lists it."""

    code: str
    name: str
    kind: str
    rag: str | None


@dataclass(frozen=True, slots=True)
class InitiativeDetail:
    """Everything the programme detail screen shows about one initiative."""

    id: int
    code: str
    name: str
    kind: str
    description: str
    business_group: str
    business_group_name: str
    tier: str | None
    complexity: str | None
    complexity_kinds: tuple[str, ...]
    sro: str
    programme_manager: str
    start_date: date | None
    end_date: date | None
    lifecycle: str
    data_digital: bool
    parent_code: str | None
    parent_name: str | None
    criteria: tuple[CriterionStatus, ...] = ()
    history: tuple[AssessmentRead, ...] = field(default=())
    children: tuple[ChildRow, ...] = ()
    # The team's own delivery confidence in force (None: never rated).
    confidence: Confidence | None = None

    def strip(self, criterion: str) -> list[tuple[str, str]]:
        """(period, rag) pairs for one criterion, oldest first: the latest RAG per period."""
        latest: dict[str, str] = {}
        for assessment in reversed(self.history):  # history is newest first
            if assessment.criterion == criterion:
                latest[assessment.period] = assessment.rag
        return sorted(latest.items())


@dataclass(frozen=True, slots=True)
class InitiativeRead:
    """An initiative as created or changed by a service."""

    id: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    business_group: str
    tier: str | None
    complexity: str | None
