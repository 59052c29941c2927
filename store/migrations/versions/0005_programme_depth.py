"""Programme depth: risks, milestones, dependencies, the savings plan, and an audit index.

Revision ID: 0005_programme_depth
Revises: 0004_front_door
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_programme_depth"
down_revision = "0004_front_door"
branch_labels = None
depends_on = None


def _entered() -> list[sa.Column]:
    return [
        sa.Column("entered_by", sa.String(), nullable=False),
        sa.Column("entered_at", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    ]


def upgrade() -> None:
    """Create the programme-depth tables and index the audit log by entity."""
    op.create_table(
        "risk",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("cause", sa.String(), nullable=False, server_default=""),
        sa.Column("effect", sa.String(), nullable=False, server_default=""),
        sa.Column("likelihood", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("proximity", sa.Date(), nullable=True),
        sa.Column("owner", sa.String(), nullable=False, server_default=""),
        sa.Column("mitigation", sa.String(), nullable=False, server_default=""),
        sa.Column("status", sa.String(), nullable=False, server_default="open"),
        sa.Column("roam", sa.String(), nullable=True),
        sa.Column("raised_by", sa.String(), nullable=False),
        sa.Column("raised_at", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint("likelihood BETWEEN 1 AND 5", name="ck_risk_likelihood"),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name="ck_risk_impact"),
        sa.CheckConstraint("status IN ('open','closed')", name="ck_risk_status"),
        sa.CheckConstraint(
            "roam IS NULL OR roam IN ('resolved','owned','accepted','mitigated')",
            name="ck_risk_roam",
        ),
        sa.CheckConstraint("length(trim(description)) > 0", name="ck_risk_description"),
    )
    op.create_index("ix_risk_initiative", "risk", ["initiative_id"])
    op.create_index("ix_risk_grid", "risk", ["status", "likelihood", "impact"])

    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("baseline", sa.Date(), nullable=False),
        sa.Column("forecast", sa.Date(), nullable=True),
        sa.Column("actual", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False, server_default="planned"),
        *_entered(),
        sa.CheckConstraint(
            "status IN ('planned','in_progress','done','cancelled')", name="ck_milestone_status"
        ),
        sa.CheckConstraint(
            "(status = 'done') = (actual IS NOT NULL)", name="ck_milestone_done_has_actual"
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name="ck_milestone_name"),
        sa.UniqueConstraint("initiative_id", "name", name="uq_milestone_initiative_name"),
    )
    op.create_index("ix_milestone_initiative_status", "milestone", ["initiative_id", "status"])

    op.create_table(
        "dependency",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "from_initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=False
        ),
        sa.Column("to_initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=False),
        sa.Column("needed", sa.String(), nullable=False),
        sa.Column("needed_by", sa.Date(), nullable=False),
        sa.Column("importance", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False, server_default="open"),
        sa.Column("milestone_id", sa.Integer(), sa.ForeignKey("milestone.id"), nullable=True),
        *_entered(),
        sa.CheckConstraint("from_initiative_id <> to_initiative_id", name="ck_dependency_not_self"),
        sa.CheckConstraint(
            "importance IN ('high','medium','low')", name="ck_dependency_importance"
        ),
        sa.CheckConstraint(
            "status IN ('open','agreed','delivered','cancelled')", name="ck_dependency_status"
        ),
        sa.CheckConstraint("length(trim(needed)) > 0", name="ck_dependency_needed"),
    )
    op.create_index("ix_dependency_from", "dependency", ["from_initiative_id"])
    op.create_index("ix_dependency_to", "dependency", ["to_initiative_id"])

    op.create_table(
        "savings_year",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("financial_year", sa.String(7), nullable=False, unique=True),
        sa.Column("budget_requirement_tenths", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint(
            "budget_requirement_tenths IS NULL OR budget_requirement_tenths >= 0",
            name="ck_savings_year_requirement",
        ),
        sa.CheckConstraint(
            "financial_year GLOB '[12][0-9][0-9][0-9]/[0-9][0-9]'",
            name="ck_savings_year_format",
        ),
    )
    op.create_table(
        "savings_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False, unique=True),
        sa.Column(
            "business_group_id", sa.Integer(), sa.ForeignKey("business_group.id"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint("length(trim(name)) > 0", name="ck_savings_line_name"),
    )
    op.create_table(
        "savings_line_initiative",
        sa.Column("line_id", sa.Integer(), sa.ForeignKey("savings_line.id"), primary_key=True),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), primary_key=True),
    )
    op.create_index(
        "ix_savings_line_initiative_initiative", "savings_line_initiative", ["initiative_id"]
    )
    op.create_table(
        "savings_cell",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("line_id", sa.Integer(), sa.ForeignKey("savings_line.id"), nullable=False),
        sa.Column("year_id", sa.Integer(), sa.ForeignKey("savings_year.id"), nullable=False),
        sa.Column("gbp_m_tenths", sa.Integer(), nullable=True),
        sa.Column("police_officers", sa.Integer(), nullable=True),
        sa.Column("police_staff", sa.Integer(), nullable=True),
        sa.Column("pcsos", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.UniqueConstraint("line_id", "year_id", name="uq_savings_cell_line_year"),
    )
    op.create_index("ix_audit_event_entity", "audit_event", ["entity", "entity_id"])


def downgrade() -> None:
    """Drop the programme-depth tables and the audit index."""
    op.drop_index("ix_audit_event_entity", "audit_event")
    for table in (
        "savings_cell",
        "savings_line_initiative",
        "savings_line",
        "savings_year",
        "dependency",
        "milestone",
        "risk",
    ):
        op.drop_table(table)
