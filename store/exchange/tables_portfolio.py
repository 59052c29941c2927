"""The exported tables of the portfolio register and programme depth: settings,
business groups, RAG criteria, initiatives and their assessments, risks, milestones,
dependencies and the savings plan. Each entity's editable fields come from its own
declaration (`store.programme.risks.editable` and the like)."""

from __future__ import annotations

from store.exchange.columns import (
    Column,
    Table,
    Type,
    group_column,
    id_column,
    initiative_column,
    stamp_columns,
    version_column,
)
from store.programme.dependencies import editable as dependencies
from store.programme.milestones import editable as milestones
from store.programme.risks import editable as risks
from store.programme.savings import editable as savings
from store.types import Complexity, Kind, Lifecycle, Rag, Tier

_LINE = Column("line", db="line_id", required=True, ref=("savings_lines", "name"))

PORTFOLIO_TABLES: tuple[Table, ...] = (
    Table(
        "settings",
        "setting",
        (Column.text("key", required=True, unique=True), Column.text("value")),
        key=("key",),
    ),
    Table(
        "business_groups",
        "business_group",
        (
            id_column(),
            Column.text("code", required=True, unique=True),
            Column.text("name", required=True),
            version_column(),
        ),
    ),
    Table(
        "rag_criteria",
        "rag_criterion",
        (
            id_column(),
            Column.text("name", required=True, unique=True),
            Column("position", Type.INT, blank=0),
            Column.text("description"),
            Column("active", Type.BOOL, blank=True),
            version_column(),
        ),
    ),
    Table(
        "initiatives",
        "initiative",
        (
            id_column(),
            Column.text("code", required=True, unique=True),
            Column.text("name", required=True),
            Column.text("description"),
            Column.choice("kind", Kind, required=True),
            initiative_column("parent", "parent_id", required=False),
            group_column(),
            Column.choice("tier", Tier),
            Column.choice("complexity", Complexity),
            Column.text("complexity_kinds"),
            Column.text("sro"),
            Column.text("programme_manager"),
            Column("start_date", Type.DATE),
            Column("end_date", Type.DATE),
            Column.choice("lifecycle", Lifecycle, required=True),
            Column("data_digital", Type.BOOL, blank=False),
            version_column(),
            Column.text("created_at"),
        ),
    ),
    Table(
        "assessments",
        "rag_assessment",
        (
            id_column(),
            initiative_column(),
            Column("criterion", db="criterion_id", required=True, ref=("rag_criteria", "name")),
            Column("period", required=True),
            Column.choice("rag", Rag, required=True),
            Column.text("rationale", required=True),
            *stamp_columns("author", "recorded_at"),
            Column("arrived_superseded", Type.BOOL, blank=False),
        ),
    ),
    Table(
        "risks",
        "risk",
        (
            id_column(),
            initiative_column(),
            *risks.EDITABLE,
            *stamp_columns("raised_by", "raised_at"),
            version_column(),
        ),
    ),
    Table(
        "milestones",
        "milestone",
        (
            id_column(),
            initiative_column(),
            *milestones.EDITABLE,
            *stamp_columns("entered_by", "entered_at"),
            version_column(),
        ),
    ),
    Table(
        "dependencies",
        "dependency",
        (
            id_column(),
            initiative_column("from_initiative", "from_initiative_id"),
            initiative_column("to_initiative", "to_initiative_id"),
            *dependencies.EDITABLE,
            Column("milestone_id", Type.INT, fk="milestones"),
            *stamp_columns("entered_by", "entered_at"),
            version_column(),
        ),
    ),
    Table(
        "savings_years",
        "savings_year",
        (
            id_column(),
            Column.text("financial_year", required=True, unique=True),
            Column(
                "budget_requirement_gbp_m", Type.DECIMAL, db="budget_requirement_tenths", scale=1
            ),
            version_column(),
        ),
    ),
    Table(
        "savings_lines",
        "savings_line",
        (
            id_column(),
            Column.text("name", required=True, unique=True),
            group_column(),
            Column("position", Type.INT, blank=0),
            version_column(),
        ),
    ),
    Table(
        "savings_line_initiatives",
        "savings_line_initiative",
        (_LINE, initiative_column()),
        key=("line", "initiative"),
    ),
    Table(
        "savings_cells",
        "savings_cell",
        (
            id_column(),
            _LINE,
            Column("year", db="year_id", required=True, ref=("savings_years", "financial_year")),
            *savings.EDITABLE,
            version_column(),
        ),
    ),
)
