"""Keys a role cannot use are hidden: each screen names, in `ROLE_KEYS`, the permission
every editing action of its needs (the one the store service it ends in requires), and
`RoleKeys.check_action` hides those the user's role does not allow, so the footer and
the command palette never offer them and the key does nothing.

A way into an editing action that is not a key binding (`enter` or a click on a table
row, a button) calls `refused(action)` first: it says why, and the action goes no
further. The store checks permission again on every save; this only spares the user a
form they could never save.
"""

from __future__ import annotations

from typing import ClassVar

from textual.screen import Screen

from store.users.roles import Permission, Role


def role_label(screen: Screen) -> str:
    """The user's role as people say it: `viewer`, `star chamber secretary`."""
    standing = getattr(screen.app, "standing", None)
    return (standing.role if standing is not None else Role.VIEWER).label


def say_refused(screen: Screen, permission: Permission) -> bool:
    """When the user's role does not allow `permission`, say so and return True."""
    if screen.app.may(permission):
        return False
    screen.notify(
        f"Your role ({role_label(screen)}) may not {permission.value}.",
        title="Not allowed",
        severity="warning",
    )
    return True


class RoleKeys:
    """Mixed into a Screen (before `Screen`): hides the editing keys the role cannot use."""

    # Action name (as in the binding, without parameters) → the permission it needs.
    ROLE_KEYS: ClassVar[dict[str, Permission]] = {}

    def role_allows(self, action: str) -> bool:
        """True unless `action` needs a permission the user's role lacks."""
        permission = self.ROLE_KEYS.get(action)
        return permission is None or self.app.may(permission)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide (and refuse) an editing key the role may not use."""
        return self.role_allows(action)

    def refused(self, action: str) -> bool:
        """For a way into `action` that is not its key: True, after saying why, when the
        role may not do it."""
        permission = self.ROLE_KEYS.get(action)
        return permission is not None and say_refused(self, permission)
