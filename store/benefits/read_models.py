"""Plain read models for benefits, measurements, delivery confidence and Responses to Red.
Values are integer thousandths of the benefit's unit (`store.benefits.values`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from store.benefits.types import Confidence
from store.types import Trend


@dataclass(frozen=True, slots=True)
class PlanPoint:
    """The value a benefit's measure is planned to reach by a date."""

    on: date
    value: int


@dataclass(frozen=True, slots=True)
class Realisation:
    """A benefit as at a reporting date: the value planned by then (the latest point of
    its profile due on or before it, else the baseline), the latest actual measured on or
    before it, each as a change from the baseline, realised as a % of planned, the trend
    between its last two measurements (▲ better, ▼ worse) and whether it is behind."""

    as_at: date
    planned: int
    actual: int | None
    actual_on: date | None
    planned_change: int
    realised: int | None
    percent: Decimal | None
    trend: Trend | None
    behind: bool


@dataclass(frozen=True, slots=True)
class BenefitRead:
    """One benefit of one initiative, with its profile and where it stands."""

    id: int
    code: str
    initiative_name: str
    business_group: str
    tier: str | None
    name: str
    description: str
    kind: str
    owner: str
    measure: str
    unit: str
    baseline_value: int
    baseline_on: date
    target_value: int | None
    target_on: date | None
    savings_line: str | None
    plan: tuple[PlanPoint, ...]
    entered_by: str
    version: int
    realisation: Realisation


@dataclass(frozen=True, slots=True)
class MeasurementRead:
    """One measurement, and the one that superseded it (a correction), if any."""

    id: int
    benefit_id: int
    measured_on: date
    value: int
    note: str
    supersedes_id: int | None
    superseded_by: int | None
    entered_by: str
    entered_at: str


@dataclass(frozen=True, slots=True)
class ConfidenceRead:
    """A delivery confidence rating in force for one initiative and period."""

    id: int
    code: str
    period: str
    rating: Confidence
    rationale: str
    assurance: bool
    author: str
    recorded_at: str

    @property
    def word(self) -> str:
        """The rating in words: `Amber/Red`."""
        return self.rating.word


@dataclass(frozen=True, slots=True)
class ResponseRead:
    """One Response to Red."""

    id: int
    code: str
    initiative_name: str
    period: str
    source: str
    owner: str
    actions: str
    review_on: date | None
    outcome: str
    status: str
    closed_on: date | None
    opened_by: str
    opened_at: str
    version: int
