"""Helpers for the navigation tests: open a destination the ways a person can, check the
screen that came up, and run palette commands with their actions stood in for by spies."""

from __future__ import annotations

import functools
import importlib
import inspect

from textual.actions import parse
from textual.app import App
from textual.command import CommandList, Provider
from textual.pilot import Pilot
from textual.screen import Screen

from screens.common.navigation import DESTINATIONS, Destination
from tests.support.tui import screen_text, settle, type_keys, until
from tui.app import PortfolioApp


def screen_class(destination: Destination) -> type[Screen]:
    """The Screen class a destination names, imported."""
    module_name, class_name = destination.screen_path.rsplit(":", 1)
    return getattr(importlib.import_module(module_name), class_name)


def palette_providers() -> set[type[Provider]]:
    """The app's own palette providers and those of every destination's screen."""
    providers = set(PortfolioApp.COMMANDS - App.COMMANDS)
    for destination in DESTINATIONS:
        providers |= set(getattr(screen_class(destination), "COMMANDS", set()))
    return providers


async def assert_opened(pilot: Pilot, destination: Destination, shows: str) -> None:
    """The destination's screen is on top, its heading is in the header and it shows
    `shows` (which its data brings)."""
    await settle(pilot)
    screen = pilot.app.screen
    assert type(screen) is screen_class(destination), type(screen).__name__
    header = screen_text(pilot.app).splitlines()[0]
    assert screen.sub_title and header.rstrip().endswith(screen.sub_title), header
    assert shows in screen_text(pilot.app)


async def back_to_the_list(pilot: Pilot) -> None:
    """Go back to the portfolio list, the bottom of the stack."""
    pilot.app.go_to(DESTINATIONS[0])
    await settle(pilot)
    assert type(pilot.app.screen) is screen_class(DESTINATIONS[0])


async def choose_in_menu(pilot: Pilot, destination: Destination) -> None:
    """From the portfolio list, open the go-to menu and pick the destination with the
    arrow keys and enter."""
    await pilot.press("m")
    await settle(pilot)
    menu = pilot.app.screen
    options = menu.query_one("#go-to-list")
    for _ in range(menu.destinations.index(destination)):
        await pilot.press("down")
    assert options.highlighted_option.id == destination.name
    await pilot.press("enter")


def _listed(app: App) -> list[str]:
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).hit.text) for i in range(commands.option_count)]


async def choose_in_palette(pilot: Pilot, typed: str, wanted: str) -> None:
    """Open the palette, type `typed`, move down to the command `wanted` and press enter."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await type_keys(pilot, *typed)
    await until(pilot, lambda: wanted in _listed(pilot.app))
    await settle(pilot)
    for _ in range(_listed(pilot.app).index(wanted)):
        await pilot.press("down")
    commands = pilot.app.screen.query_one(CommandList)
    assert str(commands.highlighted_option.hit.text) == wanted
    await pilot.press("enter")
    await settle(pilot)


async def run_hit(hit) -> None:
    """Run a palette hit's command as the palette does (awaiting it if it is async)."""
    result = hit.command()
    if inspect.isawaitable(result):
        await result


def action_spy(app: App, action: str, node, monkeypatch) -> list[tuple]:
    """Stand a recorder in for the method `action` (as a binding names it, on `node`)
    would run; returns the list of parameter tuples it is called with."""
    namespace, name, _ = parse(action)
    target = {"app": app, "screen": node.screen if node is not app else app.screen}.get(
        namespace, node
    )
    calls: list[tuple] = []
    for method in (f"_action_{name}", f"action_{name}"):
        original = getattr(target, method, None)
        if callable(original):
            # With the original's signature: Textual passes as many parameters as it takes.
            spy = functools.wraps(original)(lambda *args: calls.append(args))
            monkeypatch.setattr(target, method, spy)
            return calls
    raise AssertionError(f"{action!r} names no action method on {target!r}")


def _bound(app: App, description: str, help_text: str):
    """The active binding (and the node it is bound on) that a screen command names."""
    for active in app.screen.active_bindings.values():
        binding = active.binding
        if binding.description == description:
            assert help_text == f"key: {app.get_key_display(binding)}", help_text
            return binding, active.node
    raise AssertionError(f"no key on the screen is described {description!r}")


async def run_screen_commands(app: App, provider: Provider, monkeypatch) -> list[str]:
    """Run every `<screen>: <action>` command the provider lists for the screen on top,
    with each action's method stood in for by a spy; check each ran the action its key
    runs, with its parameters, once. Returns the descriptions run."""
    title = getattr(app.screen, "HELP_TITLE", "This screen")
    hits = [hit async for hit in provider.discover() if not hit.text.startswith("Go to ")]
    ran = []
    for hit in hits:
        named_title, description = hit.text.split(": ", 1)
        assert named_title == title
        binding, node = _bound(app, description, hit.help)
        calls = action_spy(app, binding.action, node, monkeypatch)
        await run_hit(hit)
        assert calls == [tuple(parse(binding.action)[2])], (hit.text, calls)
        ran.append(description)
    return ran
