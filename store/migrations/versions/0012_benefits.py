"""Benefits realisation and delivery confidence: the benefits register, measurements,
delivery confidence ratings and Responses to Red, with tamper guards on the two
append-only tables (measurements and ratings are corrected by new rows).

Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from store.migrations.columns import entered, flag, key, refers, text, version
from store.migrations.dialect import create_guard_trigger, drop_guard_trigger

revision = "0012_benefits"
down_revision = "0011_sync"

# Frozen here on purpose: a migration must not change when app code does.
GUARDED = {
    "benefit_measurement": "a measurement is never edited; record a correction",
    "delivery_confidence": "a delivery confidence rating is never overwritten; record a new one",
}


def _date(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Date(), nullable=nullable)


def upgrade() -> None:
    """Create the four tables, their indexes and the guard triggers. A database that has
    them already (its version row rewound past this revision, as the restore tests make
    an older backup) is left as it is."""
    if sa.inspect(op.get_bind()).has_table("benefit"):
        return
    op.create_table(
        "benefit",
        key(),
        refers("initiative_id", "initiative"),
        text("name"),
        text("description", default=""),
        text("kind"),
        text("owner", default=""),
        text("measure", default=""),
        text("unit", default=""),
        sa.Column("baseline_value", sa.BigInteger(), nullable=False, server_default="0"),
        _date("baseline_on"),
        sa.Column("target_value", sa.BigInteger(), nullable=True),
        _date("target_on", nullable=True),
        text("profile", default="[]"),
        refers("savings_line_id", "savings_line", nullable=True),
        *entered(),
        sa.CheckConstraint(
            "kind IN ('cashable','non_cashable','non_financial','dis_benefit')",
            name="ck_benefit_kind",
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name="ck_benefit_name"),
        sa.CheckConstraint(
            "(kind = 'cashable') = (savings_line_id IS NOT NULL)", name="ck_benefit_cashable_line"
        ),
        sa.UniqueConstraint("initiative_id", "name", name="uq_benefit_initiative_name"),
        sa.UniqueConstraint("savings_line_id", name="uq_benefit_savings_line"),
    )
    op.create_table(
        "benefit_measurement",
        key(),
        refers("benefit_id", "benefit"),
        _date("measured_on"),
        sa.Column("value", sa.BigInteger(), nullable=False),
        text("note", default=""),
        refers("supersedes_id", "benefit_measurement", nullable=True),
        text("entered_by"),
        text("entered_at"),
        sa.UniqueConstraint("supersedes_id", name="uq_benefit_measurement_supersedes"),
    )
    op.create_index(
        "ix_benefit_measurement_benefit", "benefit_measurement", ["benefit_id", "measured_on"]
    )
    op.create_table(
        "delivery_confidence",
        key(),
        refers("initiative_id", "initiative"),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("rating", sa.String(length=2), nullable=False),
        text("rationale"),
        flag("assurance", default=False),
        text("author"),
        text("recorded_at"),
        sa.CheckConstraint(
            "rating IN ('G','AG','A','AR','R')", name="ck_delivery_confidence_rating"
        ),
    )
    op.create_index(
        "ix_delivery_confidence_lookup",
        "delivery_confidence",
        ["initiative_id", "assurance", "period", "id"],
    )
    op.create_index("ix_delivery_confidence_period", "delivery_confidence", ["period"])
    op.create_table(
        "red_response",
        key(),
        refers("initiative_id", "initiative"),
        sa.Column("period", sa.String(length=7), nullable=False),
        text("source"),
        text("owner", default=""),
        text("actions", default=""),
        _date("review_on", nullable=True),
        text("outcome", default=""),
        text("status", default="open"),
        _date("closed_on", nullable=True),
        text("opened_by"),
        text("opened_at"),
        version(),
        sa.CheckConstraint("source IN ('confidence','rag')", name="ck_red_response_source"),
        sa.CheckConstraint("status IN ('open','closed')", name="ck_red_response_status"),
        sa.CheckConstraint(
            "(status = 'closed') = (closed_on IS NOT NULL)", name="ck_red_response_closed_on"
        ),
    )
    op.create_index("ix_red_response_initiative", "red_response", ["initiative_id", "status"])
    op.create_index("ix_red_response_period", "red_response", ["period"])
    for table, why in GUARDED.items():
        for verb in ("update", "delete"):
            done = "changed" if verb == "update" else "deleted"
            create_guard_trigger(table, verb, f"{table} rows cannot be {done}: {why}")


def downgrade() -> None:
    """Drop the guard triggers and the four tables."""
    for table in GUARDED:
        for verb in ("update", "delete"):
            drop_guard_trigger(table, verb)
    for table in ("red_response", "delivery_confidence", "benefit_measurement", "benefit"):
        op.drop_table(table)
