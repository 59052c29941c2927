"""Star Chamber: establishment, requests, meetings, agendas, decisions, the Posting List,
temporary engagements and early departure schemes.

Revision ID: 0003_star_chamber
Revises: 0002_current_rag
Create Date: 2026-11-23

Units: FTE figures are hundredths of an FTE, the target vacancy factor is tenths of a
percent, and early departure costs are thousands of pounds, all integers.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_star_chamber"
down_revision = "0002_current_rag"
branch_labels = None
depends_on = None

_OUTCOMES = "('approved','approved_with_conditions','rejected','deferred','withdrawn')"


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _text(name: str, *, default: str | None = None) -> sa.Column:
    if default is None:
        return sa.Column(name, sa.String(), nullable=False)
    return sa.Column(name, sa.String(), nullable=False, server_default=default)


def _int(name: str, *, default: str | None = None) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False, server_default=default)


def _group_fk() -> sa.Column:
    return sa.Column(
        "business_group_id", sa.Integer(), sa.ForeignKey("business_group.id"), nullable=False
    )


def upgrade() -> None:
    """Create the Star Chamber tables."""
    op.create_table(
        "sc_establishment",
        _id(),
        _group_fk(),
        _text("staff_group"),
        sa.Column("financial_year", sa.String(7), nullable=False),
        _int("budgeted_fte_x100"),
        _int("strength_fte_x100"),
        _int("start_strength_fte_x100"),
        _int("reduction_fte_x100"),
        _int("target_vacancy_pct_x10"),
        sa.Column("as_of", sa.Date(), nullable=False),
        _text("updated_by"),
        _text("updated_at"),
        _int("version", default="1"),
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
        _id(),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        _text("worker_name"),
        _text("staff_type"),
        _group_fk(),
        _text("post_title"),
        _text("grade"),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("max_end_on", sa.Date(), nullable=False),
        _text("status", default="active"),
        sa.Column("ended_on", sa.Date(), nullable=True),
        _text("end_reason", default=""),
        _text("entered_by"),
        _text("entered_at"),
        _int("version", default="1"),
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
        _id(),
        sa.Column("held_on", sa.Date(), nullable=False, unique=True),
        _text("chair"),
        _text("attendees", default=""),
        _text("union_reps", default=""),
        _text("status", default="open"),
        sa.Column("closed_by", sa.String(), nullable=True),
        sa.Column("closed_at", sa.String(), nullable=True),
        _text("created_by"),
        _text("created_at"),
        _int("version", default="1"),
        sa.CheckConstraint("status IN ('open','closed')", name="ck_sc_meeting_status"),
    )
    op.create_table(
        "sc_request",
        _id(),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        _int("year"),
        _int("seq"),
        _group_fk(),
        _text("post_title"),
        _text("grade"),
        _text("staff_type"),
        _int("fte_x100"),
        sa.Column("funded", sa.Boolean(), nullable=False, server_default=sa.true()),
        _text("cost_centre", default=""),
        _text("route", default="internal"),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=True),
        _text("justification"),
        _text("requested_by"),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("max_weeks", sa.Integer(), nullable=True),
        sa.Column("is_extension", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("engagement_id", sa.Integer(), sa.ForeignKey("sc_engagement.id"), nullable=True),
        _text("status", default="received"),
        sa.Column("outcome", sa.String(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("sc_meeting.id"), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        _text("entered_by"),
        _text("entered_at"),
        _int("version", default="1"),
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
        _id(),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("sc_meeting.id"), nullable=False),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("sc_request.id"), nullable=False),
        _int("position"),
        sa.Column("carried_over", sa.Boolean(), nullable=False, server_default=sa.false()),
        _text("added_by"),
        _text("added_at"),
        sa.UniqueConstraint("meeting_id", "request_id"),
    )
    op.create_index("ix_sc_agenda_item_request", "sc_agenda_item", ["request_id"])
    op.create_table(
        "sc_displaced",
        _id(),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        _text("name"),
        _text("grade"),
        _group_fk(),
        _text("skills", default=""),
        sa.Column("listed_on", sa.Date(), nullable=False),
        _text("status", default="on_list"),
        sa.Column("status_on", sa.Date(), nullable=True),
        _text("left_reason", default=""),
        sa.Column("posted_request_id", sa.Integer(), sa.ForeignKey("sc_request.id"), nullable=True),
        _text("entered_by"),
        _text("entered_at"),
        _int("version", default="1"),
        sa.CheckConstraint("status IN ('on_list','posted','left')", name="ck_sc_displaced_status"),
    )
    op.create_index("ix_sc_displaced_status_grade", "sc_displaced", ["status", "grade"])
    op.create_table(
        "sc_decision",
        _id(),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("sc_request.id"), nullable=False),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("sc_meeting.id"), nullable=False),
        _text("outcome"),
        _text("reason"),
        _text("conditions", default=""),
        _text("posting_step", default="not_applicable"),
        sa.Column(
            "posted_person_id", sa.Integer(), sa.ForeignKey("sc_displaced.id"), nullable=True
        ),
        _text("none_suitable_reason", default=""),
        _text("override_reason", default=""),
        _text("impact_json", default=""),
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
        _text("correction_reason", default=""),
        sa.Column("decided_on", sa.Date(), nullable=False),
        _text("recorded_by"),
        _text("recorded_at"),
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
        _id(),
        sa.Column("phase", sa.Integer(), nullable=False, unique=True),
        _text("name"),
        _text("staff_groups"),
        _text("terms"),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=True),
        _int("version", default="1"),
        sa.CheckConstraint("phase > 0", name="ck_sc_departure_scheme_phase"),
    )
    op.create_table(
        "sc_departure_group",
        _id(),
        sa.Column(
            "scheme_id", sa.Integer(), sa.ForeignKey("sc_departure_scheme.id"), nullable=False
        ),
        _text("name"),
        _int("position", default="0"),
        _int("offered", default="0"),
        _int("accepted", default="0"),
        _int("cost_gbp_k", default="0"),
        _int("version", default="1"),
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
