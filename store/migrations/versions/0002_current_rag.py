"""Current RAG: the latest RAG per initiative and criterion, filled from history.

Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_current_rag"
down_revision = "0001_foundation"

# Frozen copy of the rebuild query as it stood for this revision.
_BACKFILL = """
WITH latest_per_period AS (
    SELECT id, initiative_id, criterion_id, period, rag, ROW_NUMBER() OVER (
        PARTITION BY initiative_id, criterion_id, period ORDER BY id DESC) AS n
    FROM rag_assessment
), ranked AS (
    SELECT *, ROW_NUMBER() OVER (
        PARTITION BY initiative_id, criterion_id ORDER BY period DESC) AS k
    FROM latest_per_period WHERE n = 1
)
INSERT INTO current_rag
    (initiative_id, criterion_id, assessment_id, period, rag, previous_period, previous_rag)
SELECT c.initiative_id, c.criterion_id, c.id, c.period, c.rag, p.period, p.rag
FROM ranked AS c
LEFT JOIN ranked AS p
    ON p.initiative_id = c.initiative_id AND p.criterion_id = c.criterion_id AND p.k = 2
WHERE c.k = 1
"""


def upgrade() -> None:
    """Create `current_rag` and fill it from the assessments already recorded."""
    op.create_table(
        "current_rag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiative.id"), nullable=False),
        sa.Column("criterion_id", sa.Integer(), sa.ForeignKey("rag_criterion.id"), nullable=False),
        sa.Column(
            "assessment_id", sa.Integer(), sa.ForeignKey("rag_assessment.id"), nullable=False
        ),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("rag", sa.String(), nullable=False),
        sa.Column("previous_period", sa.String(), nullable=True),
        sa.Column("previous_rag", sa.String(), nullable=True),
        sa.UniqueConstraint("initiative_id", "criterion_id"),
    )
    op.create_index("ix_current_rag_criterion_rag", "current_rag", ["criterion_id", "rag"])
    op.execute(_BACKFILL)


def downgrade() -> None:
    """Drop `current_rag`; it is derived and can be rebuilt."""
    op.drop_table("current_rag")
