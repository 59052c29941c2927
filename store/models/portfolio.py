"""Tables for the portfolio register: business groups, initiatives and their RAGs."""

from datetime import date

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class BusinessGroup(SQLModel, table=True):
    """A business group of the force, e.g. TP (Territorial Policing)."""

    __tablename__ = "business_group"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=12)
    name: str
    version: int = 1


class Initiative(SQLModel, table=True):
    """A programme, project or workstream, in a parent–child hierarchy.

    `tree_path` and `depth` place the row in hierarchy order so lists can page in SQL.
    """

    __tablename__ = "initiative"
    __table_args__ = (
        Index("ix_initiative_tree_path", "tree_path"),
        Index("ix_initiative_parent", "parent_id"),
        Index("ix_initiative_group_tier", "business_group_id", "tier"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=24)
    name: str
    description: str = ""
    kind: str
    parent_id: int | None = Field(default=None, foreign_key="initiative.id")
    business_group_id: int = Field(foreign_key="business_group.id")
    tier: str | None = None
    complexity: str | None = None
    complexity_kinds: str = ""
    sro: str = ""
    programme_manager: str = ""
    start_date: date | None = None
    end_date: date | None = None
    lifecycle: str = "delivery"
    data_digital: bool = False
    tree_path: str = ""
    depth: int = 0
    version: int = 1
    created_at: str = ""


class RagCriterion(SQLModel, table=True):
    """Something each initiative is RAG-rated against every period."""

    __tablename__ = "rag_criterion"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    position: int = 0
    description: str = ""
    active: bool = True
    version: int = 1


class RagAssessment(SQLModel, table=True):
    """One RAG for one criterion of one initiative in one period. Never overwritten:
    a later assessment for the same period supersedes it and both are kept."""

    __tablename__ = "rag_assessment"
    __table_args__ = (
        Index("ix_rag_assessment_lookup", "initiative_id", "criterion_id", "period", "id"),
        Index("ix_rag_assessment_period", "period"),
    )

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id")
    criterion_id: int = Field(foreign_key="rag_criterion.id")
    period: str = Field(max_length=7)
    rag: str = Field(max_length=1)
    rationale: str
    author: str
    recorded_at: str
    # An offline RAG synced after a later one for its period was recorded (by its
    # assessed time): kept in the history, never the one in force (issue 17).
    arrived_superseded: bool = False


class CurrentRag(SQLModel, table=True):
    """The latest RAG per initiative and criterion, with the one from the period before.

    Derived from `rag_assessment` and rewritten in the same transaction as each new
    assessment, so lists can filter and sort by RAG without scanning history.
    """

    __tablename__ = "current_rag"
    __table_args__ = (
        UniqueConstraint("initiative_id", "criterion_id"),
        Index("ix_current_rag_criterion_rag", "criterion_id", "rag"),
    )

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id")
    criterion_id: int = Field(foreign_key="rag_criterion.id")
    assessment_id: int = Field(foreign_key="rag_assessment.id")
    period: str
    rag: str
    previous_period: str | None = None
    previous_rag: str | None = None


class Setting(SQLModel, table=True):
    """A named setting of this database, e.g. the current reporting period."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str
