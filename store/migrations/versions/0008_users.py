"""Users and roles: who may change what.

Revision ID: 0008_users
Revises: 0005_programme_depth
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_users"
down_revision = "0005_programme_depth"
branch_labels = None
depends_on = None

ROLE_CHECK = (
    "role IN ('admin','portfolio_office','star_chamber_secretary','front_door_secretary','viewer')"
)


def upgrade() -> None:
    """Create the app_user table. It starts empty: the first write makes the OS user admin."""
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("login", sa.String(), nullable=False, unique=True),
        sa.Column("display_name", sa.String(), nullable=False, server_default=""),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default="1"),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint(ROLE_CHECK, name="ck_app_user_role"),
        sa.CheckConstraint("length(trim(login)) > 0", name="ck_app_user_login"),
        sa.CheckConstraint("active IN (0, 1)", name="ck_app_user_active"),
    )


def downgrade() -> None:
    """Drop the app_user table."""
    op.drop_table("app_user")
