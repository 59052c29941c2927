"""Validated input for managing users. Every message names its field."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field

from store.fields import StrictInput, Text
from store.users.roles import Role


def _role(value: object) -> object:
    return Role.parse(value) if isinstance(value, str) else value


RoleField = Annotated[Role, BeforeValidator(_role)]
Login = Annotated[Text, Field(min_length=1, max_length=64, pattern=r"^[^\s]+$")]


class _Frozen(StrictInput):
    model_config = ConfigDict(frozen=True)


class UserIn(_Frozen):
    """A new app user: a login name (no spaces), an optional display name, a role."""

    login: Login
    role: RoleField
    display_name: Text = Field(default="", max_length=120)


class RoleChangeIn(_Frozen):
    """A new role for an existing user; `expected_version` guards against lost updates."""

    login: Login
    role: RoleField
    expected_version: int | None = None


class ActiveChangeIn(_Frozen):
    """Disable (or enable again) an existing user."""

    login: Login
    active: bool
    expected_version: int | None = None
