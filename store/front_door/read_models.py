"""Plain read models for the front door. No ORM objects ever leave the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from store.front_door.types import Outcome, ProposalStatus
from store.periods import age_text


@dataclass(frozen=True, slots=True)
class ProposalRow:
    """One proposal as the queue and `portfolio proposals` show it.

    `status` is the effective status: a deferral whose date has come is back
    `in_triage`. `tier` is the tier in force: the decision's, else the triage
    override, else the suggestion. `age_days` counts from the date received to `as_at`,
    the reporting date the row was read as at (None when received after it); `age` says
    it in words by the one rule `store.periods.age_text`.
    """

    id: int
    reference: str
    title: str
    business_group: str
    sponsor: str
    status: str
    received_on: date
    age_days: int | None
    as_at: date
    desirable: int | None
    deliverable: int | None
    affordable: int | None
    score: int | None
    complexity: str | None
    suggested_tier: str | None
    tier: str | None
    outcome: str | None
    initiative: str | None
    deferred_until: date | None
    review_date: date | None
    decided_on: date | None
    data_digital: bool

    @property
    def age(self) -> str:
        """How long since it was received, as at `as_at`: `105 days`, or `after` (received
        after the reporting date; the queue's status line names it)."""
        return age_text(self.received_on, self.as_at, brief=True)

    @property
    def status_label(self) -> str:
        """`received`, `in triage` or `decided`."""
        return ProposalStatus(self.status).label

    @property
    def deferral_due(self) -> bool:
        """True for a deferred proposal whose date has come (it is back in the queue)."""
        return self.outcome == Outcome.DEFERRED and self.status == ProposalStatus.IN_TRIAGE


@dataclass(frozen=True, slots=True)
class QueueHeading:
    """The heading row above one status group in the queue."""

    status: str
    count: int

    @property
    def status_label(self) -> str:
        """`received`, `in triage` or `decided`."""
        return ProposalStatus(self.status).label


@dataclass(frozen=True, slots=True)
class QueueSummary:
    """How many proposals the queue's filter matches, by effective status."""

    received: int
    in_triage: int
    decided: int

    @property
    def total(self) -> int:
        """Every matching proposal."""
        return self.received + self.in_triage + self.decided


@dataclass(frozen=True, slots=True)
class TriageRead:
    """One triage of a proposal."""

    id: int
    desirable: int
    deliverable: int
    affordable: int
    complexity: str
    complexity_kinds: tuple[str, ...]
    cross_group: bool
    hypothesis: bool
    suggested_tier: str
    suggested_rule: int
    override_tier: str | None
    override_reason: str
    triaged_by: str
    triaged_at: str

    @property
    def score(self) -> int:
        """Desirable + deliverable + affordable: 3 to 15."""
        return self.desirable + self.deliverable + self.affordable

    @property
    def tier(self) -> str:
        """The tier this triage puts forward: the override if any, else the suggestion."""
        return self.override_tier or self.suggested_tier


@dataclass(frozen=True, slots=True)
class DecisionRead:
    """One decision of the panel, with the initiative it created, if any."""

    id: int
    reference: str
    outcome: str
    rationale: str
    tier: str | None
    deferred_until: date | None
    review_date: date | None
    decided_on: date
    initiative: str | None
    supersedes_id: int | None
    decided_by: str
    recorded_at: str

    @property
    def outcome_label(self) -> str:
        """The outcome in words."""
        return Outcome(self.outcome).label


@dataclass(frozen=True, slots=True)
class ProposalRead:
    """A proposal as created or changed by a service."""

    id: int
    reference: str
    title: str
    business_group: str
    status: str
    version: int


@dataclass(frozen=True, slots=True)
class TriageResult:
    """What recording a triage produced: the triage and the proposal's new status."""

    reference: str
    status: str
    triage: TriageRead


@dataclass(frozen=True, slots=True)
class ProposalDetail:
    """Everything the triage form shows about one proposal; `age_days` and `age` are as at
    `as_at`, the reporting date it was read as at (None when received after it)."""

    id: int
    reference: str
    title: str
    business_group: str
    business_group_name: str
    sponsor: str
    problem: str
    intended_outcome: str
    cost_pence: int | None
    yearly_benefit_pence: int | None
    non_cash_benefit: str
    data_digital: bool
    requested_tier: str | None
    received_on: date
    age_days: int | None
    as_at: date
    status: str
    stored_status: str
    initiative: str | None
    initiative_name: str | None
    entered_by: str
    version: int
    triage: TriageRead | None
    triage_count: int
    decisions: tuple[DecisionRead, ...]

    @property
    def decision(self) -> DecisionRead | None:
        """The decision in force: the latest one."""
        return self.decisions[0] if self.decisions else None

    @property
    def status_label(self) -> str:
        """`received`, `in triage` or `decided`."""
        return ProposalStatus(self.status).label

    @property
    def can_triage(self) -> bool:
        """False once a final decision (accepted, rejected, experiment) is in force."""
        return self.decision is None or not Outcome(self.decision.outcome).final

    @property
    def can_decide(self) -> bool:
        """True when triaged and awaiting the panel (including a deferral now due)."""
        return self.triage is not None and self.status == ProposalStatus.IN_TRIAGE


@dataclass(frozen=True, slots=True)
class ProposalLink:
    """The proposal an initiative came from, for the initiative's detail screen."""

    reference: str
    title: str
    outcome: str
    decided_on: date
    review_date: date | None

    @property
    def note(self) -> str:
        """The paragraph the initiative's description was given when it was created."""
        return origin_note(self.reference, self.decided_on, self.review_date)


def origin_note(reference: str, decided_on: date, review_date: date | None) -> str:
    """The paragraph ending the description of an initiative made from a proposal."""
    note = f"From front door proposal {reference}, decided {decided_on}."
    if review_date is not None:
        note += f" Experiment to be reviewed by {review_date}."
    return note
