"""RAG criteria in a gapless order: the active criteria take positions 1..n in the order
they had (by position, then id), and a retired one takes 0. Earlier releases numbered
the demo's criteria from 0; the office now adds, moves and retires criteria, and the
one at position 1 is the headline. Data only: no table changes.

Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_criterion_positions"
down_revision = "0009_tamper"


def upgrade() -> None:
    """Renumber the active criteria 1..n, keeping their order; retired ones get 0."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, active FROM rag_criterion ORDER BY NOT active, position, id")
    ).fetchall()
    number = 0
    for criterion_id, active in rows:
        number += 1 if active else 0
        connection.execute(
            sa.text("UPDATE rag_criterion SET position = :n WHERE id = :id"),
            {"n": number if active else 0, "id": criterion_id},
        )


def downgrade() -> None:
    """Nothing to undo: positions 1..n read the same to an earlier release."""
