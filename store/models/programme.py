"""Tables for programme depth: risks, dependencies, milestones, and the savings plan.

Money is integer tenths of £m (`gbp_m_tenths`); headcounts are whole numbers. A blank
savings cell is NULL, which is not the same as 0. Scores, slippage, totals and the
remaining budget gap are derived when read and never stored.
"""

from datetime import date

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Risk(SQLModel, table=True):
    """A risk to one initiative: likelihood × impact gives its score (1 to 25)."""

    __tablename__ = "risk"
    __table_args__ = (
        CheckConstraint("likelihood BETWEEN 1 AND 5", name="ck_risk_likelihood"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="ck_risk_impact"),
        CheckConstraint("status IN ('open','closed')", name="ck_risk_status"),
        CheckConstraint(
            "roam IS NULL OR roam IN ('resolved','owned','accepted','mitigated')",
            name="ck_risk_roam",
        ),
        CheckConstraint("length(trim(description)) > 0", name="ck_risk_description"),
        Index("ix_risk_initiative", "initiative_id"),
        Index("ix_risk_grid", "status", "likelihood", "impact"),
    )

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id")
    description: str
    cause: str = ""
    effect: str = ""
    likelihood: int
    impact: int
    proximity: date | None = None
    owner: str = ""
    mitigation: str = ""
    status: str = "open"
    roam: str | None = None
    raised_by: str
    raised_at: str
    version: int = 1


class Milestone(SQLModel, table=True):
    """A dated point in an initiative's plan: baseline, forecast and actual dates."""

    __tablename__ = "milestone"
    __table_args__ = (
        CheckConstraint(
            "status IN ('planned','in_progress','done','cancelled')", name="ck_milestone_status"
        ),
        CheckConstraint(
            "(status = 'done') = (actual IS NOT NULL)", name="ck_milestone_done_has_actual"
        ),
        CheckConstraint("length(trim(name)) > 0", name="ck_milestone_name"),
        UniqueConstraint("initiative_id", "name", name="uq_milestone_initiative_name"),
        Index("ix_milestone_initiative_status", "initiative_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id")
    name: str
    baseline: date
    forecast: date | None = None
    actual: date | None = None
    status: str = "planned"
    entered_by: str
    entered_at: str
    version: int = 1


class Dependency(SQLModel, table=True):
    """Something one initiative (upstream, `from`) must deliver to another (`to`) by a date.

    It may name the upstream milestone that delivers it; it is at risk when that
    milestone is forecast after the needed-by date or the upstream's overall RAG is Red.
    """

    __tablename__ = "dependency"
    __table_args__ = (
        CheckConstraint("from_initiative_id <> to_initiative_id", name="ck_dependency_not_self"),
        CheckConstraint("importance IN ('high','medium','low')", name="ck_dependency_importance"),
        CheckConstraint(
            "status IN ('open','agreed','delivered','cancelled')", name="ck_dependency_status"
        ),
        CheckConstraint("length(trim(needed)) > 0", name="ck_dependency_needed"),
        Index("ix_dependency_from", "from_initiative_id"),
        Index("ix_dependency_to", "to_initiative_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    from_initiative_id: int = Field(foreign_key="initiative.id")
    to_initiative_id: int = Field(foreign_key="initiative.id")
    needed: str
    needed_by: date
    importance: str
    status: str = "open"
    milestone_id: int | None = Field(default=None, foreign_key="milestone.id")
    entered_by: str
    entered_at: str
    version: int = 1


class SavingsYear(SQLModel, table=True):
    """A financial year of the savings plan, with the savings the budget requires that year.

    `budget_requirement_tenths` is the saving (in tenths of £m, zero or more) the year's
    budget needs from the change programmes. The remaining budget gap is that
    requirement less the savings the lines deliver: requirement + total (totals are
    negative), so 85.7 required against −85.7 delivered leaves a gap of 0.0.
    """

    __tablename__ = "savings_year"
    __table_args__ = (
        CheckConstraint(
            "budget_requirement_tenths IS NULL OR budget_requirement_tenths >= 0",
            name="ck_savings_year_requirement",
        ),
        CheckConstraint(
            "financial_year GLOB '[12][0-9][0-9][0-9]/[0-9][0-9]'", name="ck_savings_year_format"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    financial_year: str = Field(unique=True, max_length=7)
    budget_requirement_tenths: int | None = None
    version: int = 1


class SavingsLine(SQLModel, table=True):
    """One savings initiative of the plan, e.g. Training, owned by a business group."""

    __tablename__ = "savings_line"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="ck_savings_line_name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    business_group_id: int = Field(foreign_key="business_group.id")
    position: int = 0
    version: int = 1


class SavingsLineInitiative(SQLModel, table=True):
    """Links a savings line to an initiative that delivers it."""

    __tablename__ = "savings_line_initiative"
    __table_args__ = (Index("ix_savings_line_initiative_initiative", "initiative_id"),)

    line_id: int = Field(foreign_key="savings_line.id", primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id", primary_key=True)


class SavingsCell(SQLModel, table=True):
    """One line's figures for one year: £m in tenths and headcount changes. NULL is blank."""

    __tablename__ = "savings_cell"
    __table_args__ = (UniqueConstraint("line_id", "year_id", name="uq_savings_cell_line_year"),)

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="savings_line.id")
    year_id: int = Field(foreign_key="savings_year.id")
    gbp_m_tenths: int | None = None
    police_officers: int | None = None
    police_staff: int | None = None
    pcsos: int | None = None
    version: int = 1
