"""Tables for the front door: proposals, their triage records and the panel's decisions.

Triage records and decisions are append-only. A proposal's current triage and
decision are its latest rows; a correction is a new decision naming the one it
supersedes. `proposal.status` and `proposal.initiative_id` are kept up to date in
the same transaction as each triage or decision.
"""

from datetime import date

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Proposal(SQLModel, table=True):
    """A proposal for new change, as the sponsor put it to the front door."""

    __tablename__ = "proposal"
    __table_args__ = (
        UniqueConstraint("received_year", "sequence", name="uq_proposal_year_sequence"),
        Index("ix_proposal_status_received", "status", "received_on"),
        Index("ix_proposal_group", "business_group_id"),
        Index("ix_proposal_initiative", "initiative_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=12)
    received_year: int
    sequence: int
    title: str
    sponsor: str
    business_group_id: int = Field(foreign_key="business_group.id")
    problem: str
    intended_outcome: str = ""
    cost_pence: int | None = None
    yearly_benefit_pence: int | None = None
    non_cash_benefit: str = ""
    data_digital: bool = False
    requested_tier: str | None = None
    received_on: date
    status: str = "received"
    initiative_id: int | None = Field(default=None, foreign_key="initiative.id")
    entered_by: str
    entered_at: str
    version: int = 1


class ProposalTriage(SQLModel, table=True):
    """One scoring and classification of a proposal. A re-triage adds a row."""

    __tablename__ = "proposal_triage"
    __table_args__ = (Index("ix_proposal_triage_proposal", "proposal_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id")
    desirable: int
    deliverable: int
    affordable: int
    complexity: str
    complexity_kinds: str = ""
    cross_group: bool = False
    hypothesis: bool = False
    suggested_tier: str
    suggested_rule: int
    override_tier: str | None = None
    override_reason: str = ""
    triaged_by: str
    triaged_at: str


class ProposalDecision(SQLModel, table=True):
    """The panel's decision on a proposal. Never edited: a correction supersedes it."""

    __tablename__ = "proposal_decision"
    __table_args__ = (
        Index("ix_proposal_decision_proposal", "proposal_id", "id"),
        Index("ix_proposal_decision_initiative", "initiative_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id")
    triage_id: int = Field(foreign_key="proposal_triage.id")
    outcome: str
    rationale: str
    tier: str | None = None
    deferred_until: date | None = None
    review_date: date | None = None
    decided_on: date
    initiative_id: int | None = Field(default=None, foreign_key="initiative.id")
    supersedes_id: int | None = Field(default=None, foreign_key="proposal_decision.id")
    decided_by: str
    recorded_at: str
