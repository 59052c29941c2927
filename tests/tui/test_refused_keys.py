"""A viewer who presses an editing key is told why, on every screen that has one: the
key is hidden from the footer, and pressed anyway it gives a notice naming the role and
the action ("Your role (viewer) may not edit risks."), opens nothing and writes nothing.

The cases come from the screens themselves: every `RoleKeys` screen under `screens/`,
every key it binds to an action `permission_for` names. A new such screen fails
`test_every_screen_with_editing_keys_is_walked` until it is given a way in below.
"""

from __future__ import annotations

import importlib
import pkgutil

from textual.actions import parse
from textual.screen import Screen

import screens
from screens.common.role_keys import RoleKeys
from store.handle import Store
from tests.support.tui import screen_text, settle
from tui.app import PortfolioApp

DETAIL = ("open:TPD",)

# Each RoleKeys screen → the ways in (keys pressed from the portfolio list; `open:CODE`
# opens an initiative) that between them show every editing key where it applies.
WAYS_IN: dict[str, list[tuple[str, ...]]] = {
    "StarChamberScreen": [("s",)],
    "MeetingScreen": [("s", "m")],
    "PostingListScreen": [("s", "p")],
    "EngagementsScreen": [("s", "w")],
    "EstablishmentScreen": [("s", "e")],
    "FrontDoorScreen": [("f",)],
    "TriageScreen": [("f", "slash", *"redaction", "enter", "enter")],
    "RecommendationsScreen": [("R",)],
    "SavingsScreen": [("v",)],
    "CriteriaScreen": [("m", "up", "enter")],
    "DataExchangeScreen": [("e",)],
    "ProgrammeDetailScreen": [
        (*DETAIL, "2"),
        (*DETAIL, "3"),
        (*DETAIL, "4"),
        (*DETAIL, "5"),
        (*DETAIL, "9"),  # the Benefits tab
        ("open:DRM-S2P", "2"),  # an open Response to Red
    ],
}


def role_key_screens() -> set[type[Screen]]:
    """Every Screen under `screens/` that hides keys by role."""
    for module in pkgutil.walk_packages(screens.__path__, "screens."):
        importlib.import_module(module.name)
    found: set[type[Screen]] = set()
    pending = [RoleKeys]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if issubclass(subclass, Screen):
                found.add(subclass)
    return found


def editing_keys(screen: RoleKeys) -> list[tuple[str, str, object]]:
    """(key, action, permission) for each of the screen's keys that needs a permission
    and applies where the screen is now."""
    keys = []
    for key, bindings in screen._bindings.key_to_bindings.items():
        for binding in bindings:
            _, name, parameters = parse(binding.action)
            permission = screen.permission_for(name, parameters)
            if permission is not None and screen.action_applies(name, parameters):
                keys.append((key, binding.action, permission))
    return keys


def _toasts(app: PortfolioApp) -> str:
    return " ".join(" ".join(toast.render().plain.split()) for toast in app.screen.query("Toast"))


async def _go(pilot, app: PortfolioApp, way: tuple[str, ...]) -> Screen:
    while len(app.screen_stack) > 2:
        app.pop_screen()
        await settle(pilot, rounds=1)
    for step in way:
        if step.startswith("open:"):
            app.open_initiative(step.removeprefix("open:"))
        else:
            await pilot.press(step)
        await settle(pilot, rounds=1)
    await settle(pilot, rounds=2)
    return app.screen


def test_every_screen_with_editing_keys_is_walked():
    assert {cls.__name__ for cls in role_key_screens()} == set(WAYS_IN)


async def test_a_viewer_pressing_an_editing_key_is_told_why_on_every_screen(
    demo_path, frozen_clock
):
    viewer = Store(f"sqlite:///{demo_path}", "k.osei")
    with viewer.reading() as connection:
        events = connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]
    app = PortfolioApp(viewer, warm_up=False)
    pressed: set[tuple[str, str]] = set()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(pilot)
        for name, ways in WAYS_IN.items():
            for way in ways:
                screen = await _go(pilot, app, way)
                assert type(screen).__name__ == name, (name, way)
                for key, action, permission in editing_keys(screen):
                    offered = {a.binding.action for a in screen.active_bindings.values()}
                    assert action not in offered, (name, key)
                    app.clear_notifications()
                    await pilot.press(key)
                    await settle(pilot, rounds=2)
                    assert app.screen is screen, (name, key)  # no form opened
                    notice = f"Your role (viewer) may not {permission.value}."
                    assert notice in _toasts(app), (name, key, screen_text(app))
                    pressed.add((name, action))
    with viewer.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0] == events
    viewer.close()
    every = {
        (cls.__name__, binding.action)
        for cls in role_key_screens()
        for bindings in cls._merge_bindings().key_to_bindings.values()
        for binding in bindings
        if _needs_permission(cls, binding.action)
    }
    assert every <= pressed, every - pressed


def _needs_permission(cls: type, action: str) -> bool:
    """Whether the screen class's `action` needs a permission (asked of a bare instance:
    `permission_for` reads no state)."""
    _, name, parameters = parse(action)
    return cls.permission_for(object.__new__(cls), name, parameters) is not None
