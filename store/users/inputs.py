"""Validated input for managing users. Every message names its field."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from store.fields import StrictInput, Text, VisibleText, invisible_character_problem
from store.users.roles import Role


def _role(value: object) -> object:
    return Role.parse(value) if isinstance(value, str) else value


RoleField = Annotated[Role, BeforeValidator(_role)]
# Letters and digits of plain ASCII, and . _ @ -: a login must read as exactly what it
# is, so no invisible character (`r\u200boot`) and no look-alike from another script
# (a Cyrillic `о` in `rооt`) can pass for another.
_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]*")


def _login(value: str) -> str:
    if not value:
        raise ValueError("a login is required")
    if _LOGIN.fullmatch(value) is None:
        problem = invisible_character_problem(value)
        raise ValueError(
            problem
            or f"{value!r} is not a login: use letters a-z, digits and . _ @ - only, "
            "starting with a letter or digit"
        )
    return value


Login = Annotated[Text, Field(max_length=64), AfterValidator(_login)]
"""A login: plain ASCII letters, digits and . _ @ -, as OS account names are."""


class _Frozen(StrictInput):
    model_config = ConfigDict(frozen=True)


class UserIn(_Frozen):
    """A new app user: a login name (no spaces), an optional display name, a role."""

    login: Login
    role: RoleField
    display_name: VisibleText = Field(default="", max_length=120)


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
