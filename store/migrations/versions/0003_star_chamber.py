"""Star Chamber: establishment, requests, meetings, agendas, decisions, the Posting List,
temporary engagements and early departure schemes.

Create Date: 2026-11-23

Units: FTE figures are hundredths of an FTE, the target vacancy factor is tenths of a
percent, and early departure costs are thousands of pounds, all integers.
"""

import sqlalchemy as sa
from alembic import op

from store.migrations.columns import entered, flag, group, integer, key, refers, text, version

revision = "0003_star_chamber"
down_revision = "0002_current_rag"

_OUTCOMES = "('approved','approved_with_conditions','rejected','deferred','withdrawn')"


def upgrade() -> None:
    """Create the Star Chamber tables."""
    op.create_table(
        "sc_establishment",
        key(),
        group(),
        text("staff_group"),
        sa.Column("financial_year", sa.String(7), nullable=False),
        integer("budgeted_fte_x100"),
        integer("strength_fte_x100"),
        integer("start_strength_fte_x100"),
        integer("reduction_fte_x100"),
        integer("target_vacancy_pct_x10"),
        sa.Column("as_of", sa.Date(), nullable=False),
        text("updated_by"),
        text("updated_at"),
        version(),
        sa.UniqueConstraint("business_group_id", "staff_group", "financial_year"),
        sa.CheckConstraint(
            "staff_group IN ('police_officers','police_staff','pcsos')",
            name="ck_sc_establishment_staff_group",
        ),
        sa.CheckConstraint(
            "budgeted_fte_x100 >= 0 AND strength_fte_x100 >= 0 "
            "AND start_strength_fte_x100 >= 0 AND reduction_fte_x100 >= 0",
            name="ck_sc_establishment_counts",
        ),
        sa.CheckConstraint(
            "target_vacancy_pct_x10 BETWEEN 0 AND 1000", name="ck_sc_establishment_target"
        ),
    )
    op.create_table(
        "sc_engagement",
        key(),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        text("worker_name"),
        text("staff_type"),
        group(),
        text("post_title"),
        text("grade"),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("max_end_on", sa.Date(), nullable=False),
        text("status", default="active"),
        sa.Column("ended_on", sa.Date(), nullable=True),
        text("end_reason", default=""),
        *entered(),
        sa.CheckConstraint(
            "staff_type IN ('temporary_worker','agency')", name="ck_sc_engagement_staff_type"
        ),
        sa.CheckConstraint("status IN ('active','ended')", name="ck_sc_engagement_status"),
        sa.CheckConstraint("max_end_on >= start_on", name="ck_sc_engagement_dates"),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= start_on", name="ck_sc_engagement_ended"
        ),
    )
    op.create_index("ix_sc_engagement_status_end", "sc_engagement", ["status", "max_end_on"])
    op.create_table(
        "sc_meeting",
        key(),
        sa.Column("held_on", sa.Date(), nullable=False, unique=True),
        text("chair"),
        text("attendees", default=""),
        text("union_reps", default=""),
        text("status", default="open"),
        sa.Column("closed_by", sa.String(), nullable=True),
        sa.Column("closed_at", sa.String(), nullable=True),
        text("created_by"),
        text("created_at"),
        version(),
        sa.CheckConstraint("status IN ('open','closed')", name="ck_sc_meeting_status"),
    )
    op.create_table(
        "sc_request",
        key(),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        integer("year"),
        integer("seq"),
        group(),
        text("post_title"),
        text("grade"),
        text("staff_type"),
        integer("fte_x100"),
        flag("funded", default=True),
        text("cost_centre", default=""),
        text("route", default="internal"),
        refers("initiative_id", "initiative", nullable=True),
        text("justification"),
        text("requested_by"),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("max_weeks", sa.Integer(), nullable=True),
        flag("is_extension", default=False),
        refers("engagement_id", "sc_engagement", nullable=True),
        text("status", default="received"),
        sa.Column("outcome", sa.String(), nullable=True),
        refers("meeting_id", "sc_meeting", nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        *entered(),
        sa.UniqueConstraint("year", "seq"),
        sa.CheckConstraint(
            "staff_type IN ('police_staff','temporary_worker','agency')",
            name="ck_sc_request_staff_type",
        ),
        sa.CheckConstraint("fte_x100 > 0", name="ck_sc_request_fte"),
        sa.CheckConstraint("route IN ('internal','external')", name="ck_sc_request_route"),
        sa.CheckConstraint(
            "status IN ('received','on_agenda','decided')", name="ck_sc_request_status"
        ),
        sa.CheckConstraint(
            f"outcome IS NULL OR outcome IN {_OUTCOMES}", name="ck_sc_request_outcome"
        ),
        sa.CheckConstraint("max_weeks IS NULL OR max_weeks > 0", name="ck_sc_request_weeks"),
        sa.CheckConstraint(
            "NOT is_extension OR engagement_id IS NOT NULL", name="ck_sc_request_extension"
        ),
    )
    op.create_index("ix_sc_request_received", "sc_request", ["received_on", "id"])
    op.create_index("ix_sc_request_status_received", "sc_request", ["status", "received_on", "id"])
    op.create_index("ix_sc_request_group_status", "sc_request", ["business_group_id", "status"])
    op.create_index("ix_sc_request_meeting", "sc_request", ["meeting_id"])
    op.create_index("ix_sc_request_engagement", "sc_request", ["engagement_id"])
    op.create_table(
        "sc_agenda_item",
        key(),
        refers("meeting_id", "sc_meeting"),
        refers("request_id", "sc_request"),
        integer("position"),
        flag("carried_over", default=False),
        text("added_by"),
        text("added_at"),
        sa.UniqueConstraint("meeting_id", "request_id"),
    )
    op.create_index("ix_sc_agenda_item_request", "sc_agenda_item", ["request_id"])
    op.create_table(
        "sc_displaced",
        key(),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        text("name"),
        text("grade"),
        group(),
        text("skills", default=""),
        sa.Column("listed_on", sa.Date(), nullable=False),
        text("status", default="on_list"),
        sa.Column("status_on", sa.Date(), nullable=True),
        text("left_reason", default=""),
        refers("posted_request_id", "sc_request", nullable=True),
        *entered(),
        sa.CheckConstraint("status IN ('on_list','posted','left')", name="ck_sc_displaced_status"),
    )
    op.create_index("ix_sc_displaced_status_grade", "sc_displaced", ["status", "grade"])
    op.create_table(
        "sc_decision",
        key(),
        refers("request_id", "sc_request"),
        refers("meeting_id", "sc_meeting"),
        text("outcome"),
        text("reason"),
        text("conditions", default=""),
        text("posting_step", default="not_applicable"),
        refers("posted_person_id", "sc_displaced", nullable=True),
        text("none_suitable_reason", default=""),
        text("override_reason", default=""),
        text("impact_json", default=""),
        sa.Column("approved_weeks", sa.Integer(), nullable=True),
        sa.Column("engagement_end_before", sa.Date(), nullable=True),
        sa.Column("engagement_end_after", sa.Date(), nullable=True),
        sa.Column(
            "supersedes_id",
            sa.Integer(),
            sa.ForeignKey("sc_decision.id"),
            nullable=True,
            unique=True,
        ),
        text("correction_reason", default=""),
        sa.Column("decided_on", sa.Date(), nullable=False),
        text("recorded_by"),
        text("recorded_at"),
        sa.CheckConstraint(f"outcome IN {_OUTCOMES}", name="ck_sc_decision_outcome"),
        sa.CheckConstraint(
            "posting_step IN ('posted','none_suitable','not_applicable')",
            name="ck_sc_decision_posting_step",
        ),
        sa.CheckConstraint(
            "(posting_step = 'posted') = (posted_person_id IS NOT NULL)",
            name="ck_sc_decision_posted",
        ),
        sa.CheckConstraint(
            "posting_step <> 'not_applicable' "
            "OR outcome NOT IN ('approved','approved_with_conditions')",
            name="ck_sc_decision_posting_list_first",
        ),
        sa.CheckConstraint(
            "supersedes_id IS NULL OR correction_reason <> ''", name="ck_sc_decision_correction"
        ),
        sa.CheckConstraint("reason <> ''", name="ck_sc_decision_reason"),
    )
    op.create_index("ix_sc_decision_request", "sc_decision", ["request_id"])
    op.create_index("ix_sc_decision_meeting", "sc_decision", ["meeting_id"])
    op.create_table(
        "sc_departure_scheme",
        key(),
        sa.Column("phase", sa.Integer(), nullable=False, unique=True),
        text("name"),
        text("staff_groups"),
        text("terms"),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=True),
        version(),
        sa.CheckConstraint("phase > 0", name="ck_sc_departure_scheme_phase"),
    )
    op.create_table(
        "sc_departure_group",
        key(),
        refers("scheme_id", "sc_departure_scheme"),
        text("name"),
        integer("position", default="0"),
        integer("offered", default="0"),
        integer("accepted", default="0"),
        integer("cost_gbp_k", default="0"),
        version(),
        sa.UniqueConstraint("scheme_id", "name"),
        sa.CheckConstraint(
            "offered >= 0 AND accepted >= 0 AND accepted <= offered AND cost_gbp_k >= 0",
            name="ck_sc_departure_group_counts",
        ),
    )


def downgrade() -> None:
    """Drop the Star Chamber tables, dependents first."""
    for table in (
        "sc_departure_group",
        "sc_departure_scheme",
        "sc_decision",
        "sc_displaced",
        "sc_agenda_item",
        "sc_request",
        "sc_meeting",
        "sc_engagement",
        "sc_establishment",
    ):
        op.drop_table(table)
