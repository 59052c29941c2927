"""The people who may use the app, and the role each one acts in."""

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

ROLE_CHECK = (
    "role IN ('admin','portfolio_office','star_chamber_secretary','front_door_secretary','viewer')"
)


class AppUser(SQLModel, table=True):
    """One app user: a unique login name, a display name, a role, and whether active.

    A login that is not here (or is here but inactive) acts as a viewer."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(ROLE_CHECK, name="ck_app_user_role"),
        CheckConstraint("length(trim(login)) > 0", name="ck_app_user_login"),
        CheckConstraint("active IN (0, 1)", name="ck_app_user_active"),
    )

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True)
    display_name: str = ""
    role: str
    active: bool = True
    created_by: str
    created_at: str
    version: int = 1
