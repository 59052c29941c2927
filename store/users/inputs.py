"""Validated input for managing users. Every message names its field."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from store.users.roles import Role
from store.validation import clean_text

Text = Annotated[str, BeforeValidator(clean_text)]


def _role(value: object) -> object:
    return Role.parse(value) if isinstance(value, str) else value


RoleField = Annotated[Role, BeforeValidator(_role)]
Login = Annotated[
    str,
    BeforeValidator(clean_text),
    Field(min_length=1, max_length=64, pattern=r"^[^\s]+$"),
]


class UserIn(BaseModel):
    """A new app user: a login name (no spaces), an optional display name, a role."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    login: Login
    role: RoleField
    display_name: Text = Field(default="", max_length=120)


class RoleChangeIn(BaseModel):
    """A new role for an existing user; `expected_version` guards against lost updates."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    login: Login
    role: RoleField
    expected_version: int | None = None


class ActiveChangeIn(BaseModel):
    """Disable (or enable again) an existing user."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    login: Login
    active: bool
    expected_version: int | None = None
