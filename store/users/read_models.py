"""Plain read models for users and the acting user's standing."""

from __future__ import annotations

from dataclasses import dataclass

from store.users.roles import GRANTS, Permission, Role


@dataclass(frozen=True, slots=True)
class UserRead:
    """One app user."""

    id: int
    login: str
    display_name: str
    role: str
    active: bool
    version: int

    def as_json(self) -> dict[str, object]:
        """The keys `portfolio user list --format json` prints."""
        return {
            "login": self.login,
            "display_name": self.display_name,
            "role": self.role,
            "active": self.active,
        }


@dataclass(frozen=True, slots=True)
class Standing:
    """Who the acting user is to the app: their login, name and role (a login that is
    not a user, or is disabled, stands as a viewer)."""

    login: str
    display_name: str
    role: Role
    known: bool = True
    active: bool = True

    def may(self, permission: Permission) -> bool:
        """True when this user's role allows `permission`."""
        return permission in GRANTS[self.role]

    @property
    def describe(self) -> str:
        """`r.achebe (star chamber secretary)`, or why the user is only a viewer."""
        if not self.known:
            return f"{self.login} (viewer: not a user)"
        if not self.active:
            return f"{self.login} (viewer: disabled)"
        return f"{self.login} ({self.role.label})"
