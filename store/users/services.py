"""Managing users: add, change role, disable or enable. Admins only; the last active
admin can be neither demoted nor disabled, so someone can always manage users."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, func, select

from store.audit import add_with_audit, check_version, stamp, update_with_audit
from store.errors import InputError, NotFoundError
from store.models import AppUser
from store.rows import from_record
from store.users.guard import requires
from store.users.inputs import ActiveChangeIn, RoleChangeIn, UserIn
from store.users.read_models import UserRead
from store.users.roles import Permission, Role
from store.validation import parse_input


def _read(user: AppUser) -> UserRead:
    return from_record(UserRead, user)


def user_by_login(session: Session, login: str) -> AppUser:
    """The user with `login`, or a NotFoundError naming the field."""
    user = session.exec(select(AppUser).where(AppUser.login == login.strip())).first()
    if user is None:
        raise NotFoundError("login", f"no user called {login.strip()!r}")
    return user


def _active_admins(session: Session) -> int:
    return session.exec(
        select(func.count()).where(AppUser.role == Role.ADMIN.value, AppUser.active == True)  # noqa: E712
    ).one()


def _keep_an_admin(session: Session, user: AppUser, field: str) -> None:
    if user.role == Role.ADMIN.value and user.active and _active_admins(session) <= 1:
        raise InputError(field, f"{user.login} is the last active admin; make another admin first")


def _check_version(user: AppUser, expected: int | None) -> None:
    check_version(
        user,
        expected,
        f"{user.login} was changed by someone else since you read it "
        f"(version {user.version}, yours {expected}); reload and try again",
    )


def _save(session: Session, user: AppUser, changes: dict[str, Any], reason: str) -> UserRead:
    update_with_audit(session, user, changes, entity="app_user", reason=reason)
    return _read(user)


@requires(Permission.MANAGE_USERS)
def add_user(data: UserIn | Mapping[str, Any], *, session: Session) -> UserRead:
    """Add a user with a role. The login must be new."""
    data = parse_input(UserIn, data)
    if session.exec(select(AppUser.id).where(AppUser.login == data.login)).first() is not None:
        raise InputError("login", f"a user called {data.login!r} already exists")
    user = AppUser(
        login=data.login,
        display_name=data.display_name or data.login,
        role=data.role.value,
        active=True,
        **stamp(session, "created_by", "created_at"),
    )
    add_with_audit(session, user, entity="app_user")
    return _read(user)


@requires(Permission.MANAGE_USERS)
def set_role(data: RoleChangeIn | Mapping[str, Any], *, session: Session) -> UserRead:
    """Give a user another role (the last active admin stays admin)."""
    data = parse_input(RoleChangeIn, data)
    user = user_by_login(session, data.login)
    _check_version(user, data.expected_version)
    if user.role == data.role.value:
        return _read(user)
    if data.role is not Role.ADMIN:
        _keep_an_admin(session, user, "role")
    reason = f"role {user.role} → {data.role.value}"
    return _save(session, user, {"role": data.role.value}, reason)


@requires(Permission.MANAGE_USERS)
def set_active(data: ActiveChangeIn | Mapping[str, Any], *, session: Session) -> UserRead:
    """Disable a user (who then stands as a viewer) or enable them again."""
    data = parse_input(ActiveChangeIn, data)
    user = user_by_login(session, data.login)
    _check_version(user, data.expected_version)
    if user.active == data.active:
        return _read(user)
    if not data.active:
        _keep_an_admin(session, user, "login")
    reason = "enabled" if data.active else "disabled"
    return _save(session, user, {"active": data.active}, reason)
