"""Foundation: business groups, initiatives, RAG criteria and assessments, settings, audit.

Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from store.migrations.columns import flag, group, integer, key, refers, text, version

revision = "0001_foundation"
down_revision = None


def upgrade() -> None:
    """Create the foundation tables."""
    op.create_table(
        "business_group",
        key(),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        text("name"),
        version(),
    )
    op.create_table(
        "initiative",
        key(),
        sa.Column("code", sa.String(24), nullable=False, unique=True),
        text("name"),
        text("description", default=""),
        text("kind"),
        refers("parent_id", "initiative", nullable=True),
        group(),
        sa.Column("tier", sa.String(), nullable=True),
        sa.Column("complexity", sa.String(), nullable=True),
        text("complexity_kinds", default=""),
        text("sro", default=""),
        text("programme_manager", default=""),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        text("lifecycle", default="delivery"),
        flag("data_digital", default=False),
        text("tree_path", default=""),
        integer("depth", default="0"),
        version(),
        text("created_at", default=""),
        sa.CheckConstraint(
            "kind IN ('programme','project','workstream')", name="ck_initiative_kind"
        ),
        sa.CheckConstraint(
            "tier IS NULL OR tier IN ('transformational','mandated','experimental','incremental')",
            name="ck_initiative_tier",
        ),
        sa.CheckConstraint(
            "complexity IS NULL OR complexity IN ('high','medium','low')",
            name="ck_initiative_complexity",
        ),
    )
    op.create_index("ix_initiative_tree_path", "initiative", ["tree_path"])
    op.create_index("ix_initiative_parent", "initiative", ["parent_id"])
    op.create_index("ix_initiative_group_tier", "initiative", ["business_group_id", "tier"])
    op.create_table(
        "rag_criterion",
        key(),
        sa.Column("name", sa.String(), nullable=False, unique=True),
        integer("position", default="0"),
        text("description", default=""),
        flag("active", default=True),
        version(),
    )
    op.create_table(
        "rag_assessment",
        key(),
        refers("initiative_id", "initiative"),
        refers("criterion_id", "rag_criterion"),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("rag", sa.String(1), nullable=False),
        text("rationale"),
        text("author"),
        text("recorded_at"),
        sa.CheckConstraint("rag IN ('R','A','G')", name="ck_rag_assessment_rag"),
        sa.CheckConstraint("length(trim(rationale)) > 0", name="ck_rag_assessment_rationale"),
    )
    op.create_index(
        "ix_rag_assessment_lookup",
        "rag_assessment",
        ["initiative_id", "criterion_id", "period", "id"],
    )
    op.create_index("ix_rag_assessment_period", "rag_assessment", ["period"])
    op.create_table(
        "setting",
        sa.Column("key", sa.String(), primary_key=True),
        text("value"),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        text("occurred_at"),
        text("actor"),
        text("os_user", default=""),
        text("host", default=""),
        text("entity"),
        text("entity_id"),
        text("action"),
        sa.Column("before_json", sa.String(), nullable=True),
        sa.Column("after_json", sa.String(), nullable=True),
        sa.Column("reason", sa.String(), nullable=True),
        text("prev_hash"),
        sa.Column("hash", sa.String(), nullable=False, unique=True),
    )


def downgrade() -> None:
    """Drop the foundation tables."""
    for table in (
        "audit_event",
        "setting",
        "rag_assessment",
        "rag_criterion",
        "initiative",
        "business_group",
    ):
        op.drop_table(table)
