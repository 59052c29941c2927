"""Plain read models for milestones and the programme timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class MilestoneRead:
    """One milestone. `overdue` was worked out against `store.clock.today()` when read."""

    id: int
    code: str
    initiative_name: str
    name: str
    baseline: date
    forecast: date | None
    actual: date | None
    status: str
    overdue: bool
    version: int

    @property
    def expected(self) -> date:
        """When it happened, else when it is forecast, else its baseline."""
        return self.actual or self.forecast or self.baseline

    @property
    def slip_days(self) -> int:
        """Days late against the baseline (negative when early): forecast or actual − baseline."""
        return (self.expected - self.baseline).days


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """A milestone as the timeline draws it: in which quarter, and whether done or overdue."""

    name: str
    code: str
    on: date
    status: str
    overdue: bool


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One programme on the timeline: its dates, overall RAG and milestones (its own and
    its projects' and workstreams')."""

    id: int
    code: str
    name: str
    business_group: str
    start_date: date | None
    end_date: date | None
    rag: str | None
    marks: tuple[TimelineMark, ...] = ()

    @property
    def overdue(self) -> int:
        """How many of its milestones are overdue."""
        return sum(mark.overdue for mark in self.marks)
