"""Foundation: business groups, initiatives, RAG criteria and assessments, settings, audit.

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the foundation tables."""
    op.create_table(
        "business_group",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )
    op.create_table(
        "initiative",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(24), nullable=False, unique=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False, server_default=""),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=True),
        sa.Column(
            "business_group_id", sa.Integer(), sa.ForeignKey("business_group.id"), nullable=False
        ),
        sa.Column("tier", sa.String(), nullable=True),
        sa.Column("complexity", sa.String(), nullable=True),
        sa.Column("complexity_kinds", sa.String(), nullable=False, server_default=""),
        sa.Column("sro", sa.String(), nullable=False, server_default=""),
        sa.Column("programme_manager", sa.String(), nullable=False, server_default=""),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("lifecycle", sa.String(), nullable=False, server_default="delivery"),
        sa.Column("data_digital", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("tree_path", sa.String(), nullable=False, server_default=""),
        sa.Column("depth", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_at", sa.String(), nullable=False, server_default=""),
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
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False, unique=True),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("description", sa.String(), nullable=False, server_default=""),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )
    op.create_table(
        "rag_assessment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=False),
        sa.Column("criterion_id", sa.Integer(), sa.ForeignKey("rag_criterion.id"), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("rag", sa.String(1), nullable=False),
        sa.Column("rationale", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
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
        sa.Column("value", sa.String(), nullable=False),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("occurred_at", sa.String(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("os_user", sa.String(), nullable=False, server_default=""),
        sa.Column("host", sa.String(), nullable=False, server_default=""),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("before_json", sa.String(), nullable=True),
        sa.Column("after_json", sa.String(), nullable=True),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("prev_hash", sa.String(), nullable=False),
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
