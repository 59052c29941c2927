"""Programme depth: risks, milestones, dependencies, the savings plan, and an audit index.

Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from store.migrations.columns import entered, group, integer, key, refers, text, version
from store.migrations.dialect import either

revision = "0005_programme_depth"
down_revision = "0004_front_door"


def upgrade() -> None:
    """Create the programme-depth tables and index the audit log by entity."""
    op.create_table(
        "risk",
        key(),
        refers("initiative_id", "initiative"),
        text("description"),
        text("cause", default=""),
        text("effect", default=""),
        integer("likelihood"),
        integer("impact"),
        sa.Column("proximity", sa.Date(), nullable=True),
        text("owner", default=""),
        text("mitigation", default=""),
        text("status", default="open"),
        sa.Column("roam", sa.String(), nullable=True),
        text("raised_by"),
        text("raised_at"),
        version(),
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
        key(),
        refers("initiative_id", "initiative"),
        text("name"),
        sa.Column("baseline", sa.Date(), nullable=False),
        sa.Column("forecast", sa.Date(), nullable=True),
        sa.Column("actual", sa.Date(), nullable=True),
        text("status", default="planned"),
        *entered(),
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
        key(),
        refers("from_initiative_id", "initiative"),
        refers("to_initiative_id", "initiative"),
        text("needed"),
        sa.Column("needed_by", sa.Date(), nullable=False),
        text("importance"),
        text("status", default="open"),
        refers("milestone_id", "milestone", nullable=True),
        *entered(),
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
        key(),
        sa.Column("financial_year", sa.String(7), nullable=False, unique=True),
        sa.Column("budget_requirement_tenths", sa.Integer(), nullable=True),
        version(),
        sa.CheckConstraint(
            "budget_requirement_tenths IS NULL OR budget_requirement_tenths >= 0",
            name="ck_savings_year_requirement",
        ),
        sa.CheckConstraint(
            either(
                "financial_year GLOB '[12][0-9][0-9][0-9]/[0-9][0-9]'",
                "financial_year ~ '^[12][0-9]{3}/[0-9]{2}$'",
            ),
            name="ck_savings_year_format",
        ),
    )
    op.create_table(
        "savings_line",
        key(),
        sa.Column("name", sa.String(), nullable=False, unique=True),
        group(),
        integer("position", default="0"),
        version(),
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
        key(),
        refers("line_id", "savings_line"),
        refers("year_id", "savings_year"),
        sa.Column("gbp_m_tenths", sa.Integer(), nullable=True),
        sa.Column("police_officers", sa.Integer(), nullable=True),
        sa.Column("police_staff", sa.Integer(), nullable=True),
        sa.Column("pcsos", sa.Integer(), nullable=True),
        version(),
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
