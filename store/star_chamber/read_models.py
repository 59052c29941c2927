"""Plain read models of the Star Chamber. No ORM objects ever leave the store.

FTE figures travel as integer hundredths (`*_x100`) with Decimal properties for people;
money as integer thousands of pounds with a Decimal £m property.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from store.star_chamber.rules import (
    Figures,
    Impact,
    fte,
    planned_strength_x100,
    vacancy_pct,
    weeks_left,
)


@dataclass(frozen=True, slots=True)
class EstablishmentRow(Figures):
    """One business group's figures for one staff group and financial year, as the
    establishment list shows them: with the group's name, approvals since the count and
    the row's version."""

    business_group_name: str
    staff_group: str
    committed_x100: int = 0
    version: int = 1

    @property
    def projected_x100(self) -> int:
        """Recorded strength plus approvals since it was counted."""
        return self.strength_x100 + self.committed_x100

    @property
    def vacancy(self) -> Decimal | None:
        """The vacancy factor with approvals since the count."""
        return vacancy_pct(self.budgeted_x100, self.projected_x100)

    def plan_on(self, day: date) -> int:
        """Where the reduction plan says strength should be on `day` (hundredths)."""
        return planned_strength_x100(
            self.start_strength_x100, self.reduction_x100, self.financial_year, day
        )


@dataclass(frozen=True, slots=True)
class RequestRow:
    """A request as lists show it."""

    id: int
    reference: str
    business_group: str
    post: str
    grade: str
    staff_type: str
    fte_x100: int
    status: str
    outcome: str | None
    meeting: date | None
    decided_on: date | None
    requested_by: str
    received_on: date
    is_extension: bool = False
    entered_by: str = ""

    @property
    def fte(self) -> Decimal:
        """The FTE asked for."""
        return fte(self.fte_x100)


@dataclass(frozen=True, slots=True)
class DecisionRead:
    """A decision on a request, as the minutes and the request's history show it."""

    id: int
    reference: str
    meeting: date
    outcome: str
    reason: str
    conditions: str
    posting_step: str
    posted_reference: str | None
    posted_name: str | None
    none_suitable_reason: str
    override_reason: str
    warnings: tuple[str, ...]
    figures: tuple[str, ...]
    approved_weeks: int | None
    engagement_end_after: date | None
    supersedes_id: int | None
    correction_reason: str
    superseded_by_id: int | None
    decided_on: date
    recorded_by: str
    recorded_at: str

    @property
    def live(self) -> bool:
        """True unless a later decision superseded this one."""
        return self.superseded_by_id is None

    @property
    def posting_text(self) -> str:
        """The Posting List outcome in words."""
        if self.posting_step == "posted":
            return f"Posted {self.posted_reference} {self.posted_name}"
        if self.posting_step == "none_suitable":
            return f"No one on the list suitable: {self.none_suitable_reason}"
        return "Not applicable (not an approval)"


@dataclass(frozen=True, slots=True)
class RequestDetail:
    """Everything about one request, with its decisions oldest first."""

    row: RequestRow
    business_group_name: str
    funded: bool
    cost_centre: str
    route: str
    programme_code: str | None
    programme_name: str | None
    justification: str
    max_weeks: int | None
    engagement_reference: str | None
    engagement_worker: str | None
    engagement_max_end: date | None
    entered_at: str
    version: int
    decisions: tuple[DecisionRead, ...] = ()

    @property
    def live_decision(self) -> DecisionRead | None:
        """The decision in force, if any."""
        live = [decision for decision in self.decisions if decision.live]
        return live[-1] if live else None


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting as the Star Chamber screen lists it."""

    id: int
    held_on: date
    status: str
    chair: str
    items: int
    decided: int


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One request on a meeting's agenda, with the live decision taken there (if any)."""

    position: int
    carried_over: bool
    request: RequestRow
    decision: DecisionRead | None = None

    @property
    def decided(self) -> bool:
        """True when the item has a live decision at this meeting."""
        return self.decision is not None


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    """A meeting with its people and agenda in order."""

    id: int
    held_on: date
    status: str
    chair: str
    attendees: tuple[str, ...]
    union_reps: tuple[str, ...]
    closed_by: str | None
    closed_at: str | None
    version: int
    agenda: tuple[AgendaItem, ...] = ()

    @property
    def is_open(self) -> bool:
        """True while the meeting takes agenda items and decisions."""
        return self.status == "open"

    @property
    def undecided(self) -> tuple[AgendaItem, ...]:
        """Agenda items without a decision yet."""
        return tuple(item for item in self.agenda if not item.decided)


@dataclass(frozen=True, slots=True)
class DisplacedRow:
    """A displaced member of staff on (or once on) the Posting List."""

    id: int
    reference: str
    name: str
    grade: str
    business_group: str
    skills: str
    listed_on: date
    status: str
    status_on: date | None
    posted_to: str | None
    left_reason: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class PostingMatch:
    """A displaced person who could fill a post: same band, or one band away."""

    person: DisplacedRow
    distance: int
    label: str


@dataclass(frozen=True, slots=True)
class EngagementRow:
    """A temporary or agency worker's engagement."""

    id: int
    reference: str
    worker: str
    staff_type: str
    business_group: str
    post: str
    grade: str
    start_on: date
    max_end_on: date
    status: str
    ended_on: date | None
    origin: str | None
    pending_extension: str | None
    version: int = 1

    def weeks_left(self, today: date) -> int:
        """Whole weeks from `today` to the approved maximum end date."""
        return weeks_left(today, self.max_end_on)


@dataclass(frozen=True, slots=True)
class DepartureGroupRead:
    """One group in an early departure scheme."""

    name: str
    offered: int
    accepted: int
    cost_gbp_k: int
    version: int = 1

    @property
    def cost_gbp_m(self) -> Decimal:
        """The cost in £m (to the nearest £1,000)."""
        return Decimal(self.cost_gbp_k) / 1000

    @property
    def uptake_pct(self) -> Decimal | None:
        """Accepted as a percentage of offered, to one decimal (None when none offered)."""
        if self.offered <= 0:
            return None
        return (Decimal(self.accepted) * 100 / Decimal(self.offered)).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )


@dataclass(frozen=True, slots=True)
class SchemeRead:
    """A phase of the early departure scheme with its groups."""

    id: int
    phase: int
    name: str
    staff_groups: str
    terms: str
    opens_on: date
    closes_on: date | None
    groups: tuple[DepartureGroupRead, ...] = field(default=())

    @property
    def total(self) -> DepartureGroupRead:
        """The scheme's groups added up."""
        return DepartureGroupRead(
            "Total",
            sum(group.offered for group in self.groups),
            sum(group.accepted for group in self.groups),
            sum(group.cost_gbp_k for group in self.groups),
        )


@dataclass(frozen=True, slots=True)
class MinutesItem:
    """One agenda item in the minutes: the request and every decision on it here."""

    position: int
    carried_over: bool
    request: RequestRow
    decisions: tuple[DecisionRead, ...]


@dataclass(frozen=True, slots=True)
class Minutes:
    """The decision log of one meeting."""

    meeting: MeetingDetail
    items: tuple[MinutesItem, ...]


@dataclass(frozen=True, slots=True)
class DecisionPreview:
    """What the screen shows before a decision: the check and the Posting List matches."""

    impact: Impact
    matches: tuple[PostingMatch, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    """The Star Chamber at a glance, as at the reporting date `as_at`."""

    next_meeting: date | None
    next_meeting_items: int
    next_meeting_decided: int
    received: int
    on_agenda: int
    decided: int
    on_posting_list: int
    ending_soon: int
    ending_within_weeks: int
    as_at: date
