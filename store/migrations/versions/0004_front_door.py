"""Front door: proposals, triage records, panel decisions; review recommendations.

Revision ID: 0004_front_door
Revises: 0003_star_chamber
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_front_door"
down_revision = "0003_star_chamber"
branch_labels = None
depends_on = None

TIERS = "('transformational','mandated','experimental','incremental')"
COMPLEXITIES = "('high','medium','low')"


def upgrade() -> None:
    """Create the front door and recommendations tables."""
    op.create_table(
        "proposal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(12), nullable=False, unique=True),
        sa.Column("received_year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("sponsor", sa.String(), nullable=False),
        sa.Column(
            "business_group_id", sa.Integer(), sa.ForeignKey("business_group.id"), nullable=False
        ),
        sa.Column("problem", sa.String(), nullable=False),
        sa.Column("intended_outcome", sa.String(), nullable=False, server_default=""),
        sa.Column("cost_pence", sa.Integer(), nullable=True),
        sa.Column("yearly_benefit_pence", sa.Integer(), nullable=True),
        sa.Column("non_cash_benefit", sa.String(), nullable=False, server_default=""),
        sa.Column("data_digital", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("requested_tier", sa.String(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False, server_default="received"),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=True),
        sa.Column("entered_by", sa.String(), nullable=False),
        sa.Column("entered_at", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.UniqueConstraint("received_year", "sequence", name="uq_proposal_year_sequence"),
        sa.CheckConstraint(
            "status IN ('received','in_triage','decided')", name="ck_proposal_status"
        ),
        sa.CheckConstraint(
            f"requested_tier IS NULL OR requested_tier IN {TIERS}", name="ck_proposal_tier"
        ),
        sa.CheckConstraint("sequence BETWEEN 1 AND 9999", name="ck_proposal_sequence"),
        sa.CheckConstraint(
            "reference = printf('FD-%04d-%04d', received_year, sequence)",
            name="ck_proposal_reference",
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name="ck_proposal_title"),
        sa.CheckConstraint("length(trim(sponsor)) > 0", name="ck_proposal_sponsor"),
        sa.CheckConstraint("length(trim(problem)) > 0", name="ck_proposal_problem"),
        sa.CheckConstraint("cost_pence IS NULL OR cost_pence >= 0", name="ck_proposal_cost"),
        sa.CheckConstraint(
            "yearly_benefit_pence IS NULL OR yearly_benefit_pence >= 0",
            name="ck_proposal_benefit",
        ),
    )
    op.create_index("ix_proposal_status_received", "proposal", ["status", "received_on"])
    op.create_index("ix_proposal_group", "proposal", ["business_group_id"])
    op.create_index("ix_proposal_initiative", "proposal", ["initiative_id"])

    op.create_table(
        "proposal_triage",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("proposal_id", sa.Integer(), sa.ForeignKey("proposal.id"), nullable=False),
        sa.Column("desirable", sa.Integer(), nullable=False),
        sa.Column("deliverable", sa.Integer(), nullable=False),
        sa.Column("affordable", sa.Integer(), nullable=False),
        sa.Column("complexity", sa.String(), nullable=False),
        sa.Column("complexity_kinds", sa.String(), nullable=False, server_default=""),
        sa.Column("cross_group", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("hypothesis", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("suggested_tier", sa.String(), nullable=False),
        sa.Column("suggested_rule", sa.Integer(), nullable=False),
        sa.Column("override_tier", sa.String(), nullable=True),
        sa.Column("override_reason", sa.String(), nullable=False, server_default=""),
        sa.Column("triaged_by", sa.String(), nullable=False),
        sa.Column("triaged_at", sa.String(), nullable=False),
        sa.CheckConstraint(
            "desirable BETWEEN 1 AND 5 AND deliverable BETWEEN 1 AND 5 "
            "AND affordable BETWEEN 1 AND 5",
            name="ck_proposal_triage_scores",
        ),
        sa.CheckConstraint(f"complexity IN {COMPLEXITIES}", name="ck_proposal_triage_complexity"),
        sa.CheckConstraint(f"suggested_tier IN {TIERS}", name="ck_proposal_triage_suggested"),
        sa.CheckConstraint(
            f"override_tier IS NULL OR (override_tier IN {TIERS} "
            "AND length(trim(override_reason)) > 0)",
            name="ck_proposal_triage_override",
        ),
    )
    op.create_index("ix_proposal_triage_proposal", "proposal_triage", ["proposal_id", "id"])

    op.create_table(
        "proposal_decision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("proposal_id", sa.Integer(), sa.ForeignKey("proposal.id"), nullable=False),
        sa.Column("triage_id", sa.Integer(), sa.ForeignKey("proposal_triage.id"), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("rationale", sa.String(), nullable=False),
        sa.Column("tier", sa.String(), nullable=True),
        sa.Column("deferred_until", sa.Date(), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=True),
        sa.Column(
            "supersedes_id", sa.Integer(), sa.ForeignKey("proposal_decision.id"), nullable=True
        ),
        sa.Column("decided_by", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('accepted','rejected','deferred','experiment','returned')",
            name="ck_proposal_decision_outcome",
        ),
        sa.CheckConstraint("length(trim(rationale)) > 0", name="ck_proposal_decision_rationale"),
        sa.CheckConstraint(f"tier IS NULL OR tier IN {TIERS}", name="ck_proposal_decision_tier"),
        sa.CheckConstraint(
            "(outcome = 'deferred') = (deferred_until IS NOT NULL)",
            name="ck_proposal_decision_deferred",
        ),
        sa.CheckConstraint(
            "(outcome = 'experiment') = (review_date IS NOT NULL)",
            name="ck_proposal_decision_review",
        ),
        sa.CheckConstraint(
            "outcome NOT IN ('accepted','experiment') OR tier IS NOT NULL",
            name="ck_proposal_decision_has_tier",
        ),
        sa.CheckConstraint(
            "outcome <> 'experiment' OR tier = 'experimental'",
            name="ck_proposal_decision_experiment_tier",
        ),
    )
    op.create_index("ix_proposal_decision_proposal", "proposal_decision", ["proposal_id", "id"])
    op.create_index("ix_proposal_decision_initiative", "proposal_decision", ["initiative_id"])

    op.create_table(
        "recommendation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.Integer(), nullable=False, unique=True),
        sa.Column("heading", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False, server_default=""),
        sa.Column("status", sa.String(), nullable=False, server_default="not_started"),
        sa.Column("percent_complete", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("updated_by", sa.String(), nullable=False, server_default=""),
        sa.Column("updated_at", sa.String(), nullable=False, server_default=""),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint("number > 0", name="ck_recommendation_number"),
        sa.CheckConstraint(
            "heading IN ('Leadership','Structures','Portfolio & Beyond','Capabilities',"
            "'Behaviour & Cultures')",
            name="ck_recommendation_heading",
        ),
        sa.CheckConstraint(
            "status IN ('not_started','in_progress','complete')", name="ck_recommendation_status"
        ),
        sa.CheckConstraint("percent_complete BETWEEN 0 AND 100", name="ck_recommendation_percent"),
        sa.CheckConstraint(
            "(status = 'complete') = (percent_complete = 100) "
            "AND (status = 'not_started') = (percent_complete = 0)",
            name="ck_recommendation_status_percent",
        ),
        sa.CheckConstraint("length(trim(text)) > 0", name="ck_recommendation_text"),
    )


def downgrade() -> None:
    """Drop the front door and recommendations tables."""
    for table in ("recommendation", "proposal_decision", "proposal_triage", "proposal"):
        op.drop_table(table)
