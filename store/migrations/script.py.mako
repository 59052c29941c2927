"""${message}

Create Date: ${create_date}
"""

import sqlalchemy as sa
from alembic import op

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}


def upgrade() -> None:
    """Apply this revision."""
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    """Undo this revision (the app itself only upgrades; it backs up first)."""
    ${downgrades if downgrades else "pass"}
