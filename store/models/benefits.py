"""Tables for benefits realisation and delivery confidence.

Values are integer thousandths of the benefit's unit (`store.benefits.values`), never
float. A cashable benefit names its §19 savings line and stores no target or profile of
its own: its planned figures are the line's, read when needed, so the money is kept in
one place. Measurements and confidence ratings are never edited: a correction is a new
row (a measurement names the one it supersedes; a later rating for the same period
replaces the earlier), and both stay.
"""

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

KINDS = "kind IN ('cashable','non_cashable','non_financial','dis_benefit')"
RATINGS = "rating IN ('G','AG','A','AR','R')"


class Benefit(SQLModel, table=True):
    """One benefit (or dis-benefit) of one initiative, with its measure and profile."""

    __tablename__ = "benefit"
    __table_args__ = (
        CheckConstraint(KINDS, name="ck_benefit_kind"),
        CheckConstraint("length(trim(name)) > 0", name="ck_benefit_name"),
        CheckConstraint(
            "(kind = 'cashable') = (savings_line_id IS NOT NULL)", name="ck_benefit_cashable_line"
        ),
        UniqueConstraint("initiative_id", "name", name="uq_benefit_initiative_name"),
        UniqueConstraint("savings_line_id", name="uq_benefit_savings_line"),
    )

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id")
    name: str
    description: str = ""
    kind: str
    owner: str = ""
    measure: str = ""
    unit: str = ""
    baseline_value: int = Field(default=0, sa_type=BigInteger)
    baseline_on: date
    target_value: int | None = Field(default=None, sa_type=BigInteger)
    target_on: date | None = None
    profile: str = "[]"
    savings_line_id: int | None = Field(default=None, foreign_key="savings_line.id")
    entered_by: str
    entered_at: str
    version: int = 1


class BenefitMeasurement(SQLModel, table=True):
    """An actual value of a benefit's measure on a date. A correction is a new row that
    names the one it supersedes; the superseded one no longer counts."""

    __tablename__ = "benefit_measurement"
    __table_args__ = (
        UniqueConstraint("supersedes_id", name="uq_benefit_measurement_supersedes"),
        Index("ix_benefit_measurement_benefit", "benefit_id", "measured_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    benefit_id: int = Field(foreign_key="benefit.id")
    measured_on: date
    value: int = Field(sa_type=BigInteger)
    note: str = ""
    supersedes_id: int | None = Field(default=None, foreign_key="benefit_measurement.id")
    entered_by: str
    entered_at: str


class DeliveryConfidence(SQLModel, table=True):
    """A forward-looking delivery confidence rating of one initiative for one period: the
    team's own, or (`assurance`) an independent assurance rating beside it. A later one
    for the same initiative, period and source replaces it; both are kept."""

    __tablename__ = "delivery_confidence"
    __table_args__ = (
        CheckConstraint(RATINGS, name="ck_delivery_confidence_rating"),
        Index("ix_delivery_confidence_lookup", "initiative_id", "assurance", "period", "id"),
        Index("ix_delivery_confidence_period", "period"),
    )

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id")
    period: str = Field(max_length=7)
    rating: str = Field(max_length=2)
    rationale: str
    assurance: bool = False
    author: str
    recorded_at: str


class RedResponse(SQLModel, table=True):
    """The Response to Red of an initiative whose delivery confidence or overall RAG
    turned Red in a period: who owns it, the actions, when it is reviewed, the outcome."""

    __tablename__ = "red_response"
    __table_args__ = (
        CheckConstraint("source IN ('confidence','rag')", name="ck_red_response_source"),
        CheckConstraint("status IN ('open','closed')", name="ck_red_response_status"),
        CheckConstraint(
            "(status = 'closed') = (closed_on IS NOT NULL)", name="ck_red_response_closed_on"
        ),
        Index("ix_red_response_initiative", "initiative_id", "status"),
        Index("ix_red_response_period", "period"),
    )

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id")
    period: str = Field(max_length=7)
    source: str
    owner: str = ""
    actions: str = ""
    review_on: date | None = None
    outcome: str = ""
    status: str = "open"
    closed_on: date | None = None
    opened_by: str
    opened_at: str
    version: int = 1
