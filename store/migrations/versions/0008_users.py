"""Users and roles: who may change what.

Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from store.migrations.columns import key, text, version
from store.migrations.dialect import either

revision = "0008_users"
down_revision = "0005_programme_depth"

ROLE_CHECK = (
    "role IN ('admin','portfolio_office','star_chamber_secretary','front_door_secretary','viewer')"
)


def upgrade() -> None:
    """Create the app_user table. It starts empty: the first write makes the OS user admin."""
    op.create_table(
        "app_user",
        key(),
        sa.Column("login", sa.String(), nullable=False, unique=True),
        text("display_name", default=""),
        text("role"),
        sa.Column("active", sa.Boolean(), nullable=False, server_default="1"),
        text("created_by"),
        text("created_at"),
        version(),
        sa.CheckConstraint(ROLE_CHECK, name="ck_app_user_role"),
        sa.CheckConstraint("length(trim(login)) > 0", name="ck_app_user_login"),
        sa.CheckConstraint(
            either("active IN (0, 1)", "active IN (false, true)"), name="ck_app_user_active"
        ),
    )


def downgrade() -> None:
    """Drop the app_user table."""
    op.drop_table("app_user")
