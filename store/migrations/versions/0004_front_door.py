"""Front door: proposals, triage records, panel decisions; review recommendations.

Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from store.migrations.columns import entered, flag, group, integer, key, refers, text, version
from store.migrations.dialect import either

revision = "0004_front_door"
down_revision = "0003_star_chamber"

TIERS = "('transformational','mandated','experimental','incremental')"
COMPLEXITIES = "('high','medium','low')"


def upgrade() -> None:
    """Create the front door and recommendations tables."""
    op.create_table(
        "proposal",
        key(),
        sa.Column("reference", sa.String(12), nullable=False, unique=True),
        integer("received_year"),
        integer("sequence"),
        text("title"),
        text("sponsor"),
        group(),
        text("problem"),
        text("intended_outcome", default=""),
        sa.Column("cost_pence", sa.Integer(), nullable=True),
        sa.Column("yearly_benefit_pence", sa.Integer(), nullable=True),
        text("non_cash_benefit", default=""),
        flag("data_digital", default=False),
        sa.Column("requested_tier", sa.String(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        text("status", default="received"),
        refers("initiative_id", "initiative", nullable=True),
        *entered(),
        sa.UniqueConstraint("received_year", "sequence", name="uq_proposal_year_sequence"),
        sa.CheckConstraint(
            "status IN ('received','in_triage','decided')", name="ck_proposal_status"
        ),
        sa.CheckConstraint(
            f"requested_tier IS NULL OR requested_tier IN {TIERS}", name="ck_proposal_tier"
        ),
        sa.CheckConstraint("sequence BETWEEN 1 AND 9999", name="ck_proposal_sequence"),
        sa.CheckConstraint(
            either(
                "reference = printf('FD-%04d-%04d', received_year, sequence)",
                "reference = 'FD-' || lpad(received_year::text, 4, '0') || '-' "
                "|| lpad(sequence::text, 4, '0')",
            ),
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
        key(),
        refers("proposal_id", "proposal"),
        integer("desirable"),
        integer("deliverable"),
        integer("affordable"),
        text("complexity"),
        text("complexity_kinds", default=""),
        flag("cross_group", default=False),
        flag("hypothesis", default=False),
        text("suggested_tier"),
        integer("suggested_rule"),
        sa.Column("override_tier", sa.String(), nullable=True),
        text("override_reason", default=""),
        text("triaged_by"),
        text("triaged_at"),
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
        key(),
        refers("proposal_id", "proposal"),
        refers("triage_id", "proposal_triage"),
        text("outcome"),
        text("rationale"),
        sa.Column("tier", sa.String(), nullable=True),
        sa.Column("deferred_until", sa.Date(), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        refers("initiative_id", "initiative", nullable=True),
        refers("supersedes_id", "proposal_decision", nullable=True),
        text("decided_by"),
        text("recorded_at"),
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
        key(),
        sa.Column("number", sa.Integer(), nullable=False, unique=True),
        text("heading"),
        text("text"),
        text("owner", default=""),
        text("status", default="not_started"),
        integer("percent_complete", default="0"),
        text("updated_by", default=""),
        text("updated_at", default=""),
        version(),
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
