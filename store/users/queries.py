"""Reads of users: the list, and the acting user's standing. Plain SQL."""

from __future__ import annotations

import sqlite3

from store.rows import columns, named
from store.users.read_models import Standing, UserRead
from store.users.roles import Role

_COLUMNS = "id, login, display_name, role, active, version"


def _user(row: sqlite3.Row) -> UserRead:
    return UserRead(**columns(row, active=bool(row["active"])))


def list_users(connection: sqlite3.Connection) -> list[UserRead]:
    """Every user, by login."""
    rows = named(connection, f"SELECT {_COLUMNS} FROM app_user ORDER BY login")
    return [_user(row) for row in rows]


def find_user(connection: sqlite3.Connection, login: str) -> UserRead | None:
    """The user with this login, or None."""
    row = named(
        connection, f"SELECT {_COLUMNS} FROM app_user WHERE login = :login", {"login": login}
    )
    found = row.fetchone()
    return _user(found) if found else None


def standing(connection: sqlite3.Connection, login: str, os_user: str) -> Standing:
    """The role `login` acts in. On a database with no users yet, the OS user will be
    made admin by the first save, so stands as admin already."""
    user = find_user(connection, login)
    if user is None:
        empty = connection.execute("SELECT NOT EXISTS (SELECT 1 FROM app_user)").fetchone()[0]
        if empty and login == os_user:
            return Standing(login, login, Role.ADMIN)
        return Standing(login, login, Role.VIEWER, known=False)
    role = Role(user.role) if user.active else Role.VIEWER
    return Standing(user.login, user.display_name or user.login, role, active=user.active)
