"""Helpers for Pilot tests: press keys and let workers finish, and read the screen as plain
text."""

from __future__ import annotations

import asyncio
import time

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tests.support.frames import paint


async def settle(pilot: Pilot, rounds: int = 4, most: int = 40) -> None:
    """Wait until background workers are done and their results are laid out and painted.

    Results come back from workers via `call_from_thread`, and widgets such as
    DataTable measure new rows on a later refresh, so this waits a few idle cycles
    (`rounds`), and more (up to `most`) while a worker is still unfinished: a result
    that starts the next read, on a slow or loaded machine, lands after the first few.
    A worker cancelled because its screen closed (a save that dismisses its own form)
    is finished too: the test goes on to assert what landed. Each round is one idle
    cycle (`_idle_round`: every widget has handled what was sent to it, then the
    process is idle), not Pilot's `wait_for_scheduled_animations`, which waits for the
    widgets twice more; after `rounds` it stops only when the app is `quiet`. The
    settled screen is then drawn (`frames.paint`). The live-refresh watcher is a thread
    of its own, not a worker: the app's own save may still be reported after this
    returns (up to half a second later on SQLite, 50 ms on a server), and the screens
    then read again what they show, as they do for anyone's save.
    """
    for done in range(1, most + 1):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.app.animator.wait_until_complete()
        await _idle_round(pilot)
        if done >= rounds and quiet(pilot.app):
            break
    paint(pilot.app)


async def _idle_round(pilot: Pilot, step: float = 0.002, most: float = 1.0) -> None:
    """One idle cycle: every widget of the screen has handled what was sent to it, then
    the process (its worker threads too) has gone idle: a `step` in which it used under
    a twentieth of it, at most `most` seconds; then the screen is laid out and drawn,
    with what was waiting for that refresh. Pilot's `pause` does the same in steps of
    20 ms: at least 100 ms of sleep a settle, most of a Pilot test's time on a quiet
    machine, and the cores idle at the end of `make test`."""
    await pilot._wait_for_screen()
    start = time.monotonic()
    while time.monotonic() - start < most:
        cpu = time.process_time()
        await asyncio.sleep(step)
        if time.process_time() - cpu < step / 20:
            break
    pilot.app.screen._on_timer_update()


def quiet(app: App) -> bool:
    """Nothing is left to do: no worker running, no message waiting on the app or any
    widget of the screen, no callback, layout or recompose pending on the screen."""
    if not all(worker.is_finished for worker in app.workers):
        return False
    screen = app.screen
    if screen._callbacks or screen._layout_required or screen._recompose_required:
        return False
    return all(not node.message_queue_size for node in (app, *screen.walk_children(with_self=True)))


async def open_form(
    pilot: Pilot, *, code: str | None = None, keys: tuple[str, ...] = (), rounds: int = 4
) -> None:
    """Open initiative `code` (if given), then press `keys` one at a time, letting each
    land (and whatever it opens settle, `rounds` idle cycles) before the next."""
    await settle(pilot)
    if code:
        pilot.app.open_initiative(code)
        await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot, rounds)


def screen_text(app: App) -> str:
    """Everything on screen now, as lines of plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def below(text: str, label: str) -> str:
    """The screen line after the one where a form's `label` starts its row."""
    lines = text.splitlines()
    at = next(n for n, line in enumerate(lines) if f"  {label} " in line)
    return lines[at + 1]


async def type_keys(pilot: Pilot, *keys: str) -> None:
    """Press keys one at a time, letting each (and any focus change it causes) land
    before the next, as a person typing does."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def burst(app: App, *parts: str) -> None:
    """Send keys all at once, as a terminal delivers a paste or fast typing: nothing
    waits for one key (or the focus change it causes) before the next is sent. A part
    is a key name ("tab", "backspace", "ctrl+s") or text typed a character at a time."""
    for part in parts:
        if part in NAMED_KEYS:
            app.post_message(events.Key(part, None))
            continue
        for character in part:
            key = character if character.isalnum() else _character_to_key(character)
            app.post_message(events.Key(key, character))


# The key names `burst` sends as keys rather than typing them as text.
NAMED_KEYS = {"tab", "shift+tab", "enter", "escape", "backspace", "ctrl+s", "ctrl+r", "down"}


async def until(pilot: Pilot, condition, rounds: int = 60) -> None:
    """Let the app run (busy-database retries are on a one-second timer) until
    `condition()` holds; fails the test if it never does."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.1)
        await settle(pilot, rounds=1)
    raise AssertionError("the app never got there")


async def press(pilot: Pilot, *keys: str) -> None:
    """Press the keys, then let the app settle (workers done, results painted)."""
    await pilot.press(*keys)
    await settle(pilot)


def toasts(app: App) -> str:
    """The notices on show, their text unwrapped (a toast wraps a long message across
    lines, so its words are not whole in `screen_text`)."""
    return " ".join(" ".join(toast.render().plain.split()) for toast in app.screen.query("Toast"))
