"""Keys a role cannot use are hidden, and pressed anyway they say why.

Each screen names, in `ROLE_KEYS`, the permission every editing action of its needs
(the one the store service it ends in requires); a screen whose permission depends on
the action's parameters (which tab a key adds a record to) overrides `permission_for`.
`RoleKeys.check_action` hides the actions the user's role does not allow, so the footer
and the command palette never offer them; a key bound to one, pressed anyway, gives a
notice naming the role and the action ("Your role (viewer) may not edit risks.") and
does nothing else. Whether an action applies at all just now (a record key on its own
tab only) is the screen's `action_applies`; a key that does not apply stays silent.

A way into an editing action that is not a key binding (`enter` or a click on a table
row, a button) calls `refused(action)` first: it says why, and the action goes no
further. The store checks permission again on every save; this only spares the user a
form they could never save.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.actions import parse
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
    """Mixed into a Screen (before `Screen`): hides the editing keys the role cannot use,
    and says why when one is pressed anyway."""

    # Action name (as in the binding, without parameters) → the permission it needs.
    ROLE_KEYS: ClassVar[dict[str, Permission]] = {}

    def permission_for(self, action: str, parameters: tuple[object, ...] = ()) -> Permission | None:
        """The permission `action` (with `parameters`) needs; None when any role may."""
        return self.ROLE_KEYS.get(action)

    def role_allows(self, action: str, parameters: tuple[object, ...] = ()) -> bool:
        """True unless `action` needs a permission the user's role lacks."""
        permission = self.permission_for(action, parameters)
        return permission is None or self.app.may(permission)

    def action_applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether `action` works here just now, whatever the role (as `check_action`
        answers: False hides it, None shows it dimmed). Screens override this."""
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide (and refuse) an editing key the role may not use."""
        if not self.role_allows(action, parameters):
            return False
        return self.action_applies(action, parameters)

    def refused(self, action: str, parameters: tuple[object, ...] = ()) -> bool:
        """For a way into `action` that is not its key: True, after saying why, when the
        role may not do it."""
        permission = self.permission_for(action, parameters)
        return permission is not None and say_refused(self, permission)

    def refused_key(self, key: str) -> Permission | None:
        """The permission a press of `key` needs and the role lacks, when no binding
        takes the key and one of this screen's would, but for the role."""
        active = self.active_bindings.get(key)
        if active is not None and active.enabled:
            return None
        for binding in self._bindings.key_to_bindings.get(key, ()):
            _, name, parameters = parse(binding.action)
            permission = self.permission_for(name, parameters)
            if permission is None or self.app.may(permission):
                continue
            if self.action_applies(name, parameters):
                return permission
        return None

    def on_key(self, event: events.Key) -> None:
        """An editing key the role may not use: say why (the key does nothing else)."""
        permission = self.refused_key(event.key)
        if permission is not None:
            event.stop()
            say_refused(self, permission)
