"""Keys in order: each key goes to the widget focused once the key before it is handled.

Textual hands a key to the focused widget's own message queue and goes straight on to
the next key. A binding that is not a priority one (the screen's `tab`, a picker's
`r`, an Input's `backspace`) runs only when the key has bubbled back up to the App,
and is looked up against the focus at that moment. So keys arriving faster than that
round trip (a brisk typist on a busy machine, a paste, tmux `send-keys`) went to the
widget focused before the key ahead of them moved the focus: text typed after `tab`
landed in the field tab left, and a key typed before `tab` could act on the field tab
moved to.

`KeysInOrder`, mixed into the App, delivers one key (or paste) at a time. After each
it sends a `KeyHandled` marker down the same path; the marker reaches the App behind
the key (every queue on the way is first in, first out), and by then the key has
been handled, its binding run and any focus change made. A key the widget keeps for
itself (a character typed into a field) goes no further: the next key goes as soon
as the widget has taken it, and while the field goes on taking characters, the ones
after it go straight on (a paste is as quick as before). Keys arriving meanwhile wait
their turn. A marker is lost when its widget goes (its screen closed): the next key then
goes at once. A key that is not a character (ctrl+s, a priority key that acts at
once) also waits until the field has taken the characters handed to it ahead of the
key, else a save read the field without the last letters typed. As a last resort
against a marker lost some other way, a key waits at most `STUCK_AFTER` seconds: long,
because on a busy machine a round trip can take over a second, and giving up early
sent keys ahead of a `tab` again.

While the App reads what a screen it is opening will show (`hold_keys` until
`release_keys`), keys typed meanwhile wait for that screen: `3` typed while an
initiative opened from the list is still being read opens it on its risks tab, however
long the read takes, where the `3` used to reach the list. A hold, too, ends after
`STUCK_AFTER` seconds at most. The hold must start while the key that opens is being
handled, before its marker comes back: so the portfolio list's `enter` is a priority
binding (run as the key is handed on), not the table's `RowSelected` message, which a
`3` in the same burst overtook. A screen that reads its data as it opens holds the keys
the same way until it is shown (`screens.common.live_data`).

Keys also wait while the focused widget or the screen says `keys_wait` (a list whose
rows for a new filter are on their way: `widgets.rows_coming`), until it calls
`keys_may_go`: `enter` or `e` typed with the filter acts on a row the person asked for.
"""

from __future__ import annotations

from collections import deque
from time import monotonic
from typing import Any

from textual import events
from textual.message import Message
from textual.widget import Widget

STUCK_AFTER = 10.0  # seconds a key waits for a marker that may have been lost
IN_ORDER = (events.Key, events.Paste)


class KeyHandled(Message):
    """Sent after a key along the same path: when it reaches the App, the key is handled."""


def is_text(event: events.Event) -> bool:
    """A character or a paste: what a field keeps for itself."""
    return isinstance(event, events.Paste) or (isinstance(event, events.Key) and event.is_printable)


class KeysInOrder:
    """Mixed into the App (before it): keys and pastes are delivered one at a time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keys_waiting: deque[events.Event] = deque()
        self._key_marker: KeyHandled | None = None  # the marker of the key in flight
        self._key_target: Widget | None = None
        self._key_sent_at = 0.0
        self._text_taker: Widget | None = None  # the widget that kept the last character
        # The marker behind the last character handed on without waiting: until the field
        # has taken it, a key that is not a character (ctrl+s) waits.
        self._text_in_hand: KeyHandled | None = None
        self._held_at: float | None = None  # when `hold_keys` was called, until released

    async def on_event(self, event: events.Event) -> None:
        """Deliver a key now if none is in flight, else queue it behind the others."""
        if not isinstance(event, IN_ORDER) or event.is_forwarded:
            await super().on_event(event)  # type: ignore[misc]
            return
        if self._key_marker is not None and self._key_lost():
            self._key_marker = None
        if not self._keys_waiting and not self._must_wait(event):
            await self._deliver(event)
            return
        self._keys_waiting.append(event)
        if len(self._keys_waiting) == 1:
            self.set_timer(STUCK_AFTER, self._unstick)  # type: ignore[attr-defined]

    def on_key_handled(self, message: KeyHandled) -> None:
        """The key in flight is handled: the next goes once anything it queued has run
        (`Widget.focus()` moves the focus from the App's queue)."""
        self._release(message)

    def hold_keys(self) -> None:
        """Keys from now on wait for the screen being opened, until `release_keys` (or
        `STUCK_AFTER` seconds)."""
        self._held_at = monotonic()

    def release_keys(self) -> None:
        """The screen being opened is there (or will not come): the waiting keys go on."""
        self._held_at = None
        if self._keys_waiting:  # once the new screen has set itself up and painted
            self.call_after_refresh(self._next_key)  # type: ignore[attr-defined]

    def keys_may_go(self) -> None:
        """The focused widget or the screen that made keys wait (`keys_wait`) is ready:
        the waiting keys go on, from the App's queue (as after a marker). From a
        refresh callback, as `release_keys` does, the next key's marker stalled at the
        screen (a key after `escape` `!` on the portfolio list waited for ten seconds)."""
        if self._keys_waiting:
            self.call_later(self._next_key)  # type: ignore[attr-defined]

    def _focus_busy(self) -> bool:
        """The focused widget, or the screen, is being given new content (a list whose
        rows for a new filter are on their way says so with `keys_wait`): keys wait."""
        focused = self.focused  # type: ignore[attr-defined]
        screen = self.screen  # type: ignore[attr-defined]
        return bool(getattr(focused, "keys_wait", False) or getattr(screen, "keys_wait", False))

    @property
    def keys_are_held(self) -> bool:
        """True while keys wait for a screen being opened (`hold_keys`)."""
        return self._held()

    def _held(self) -> bool:
        if self._held_at is not None and monotonic() - self._held_at > STUCK_AFTER:
            self._held_at = None
        return self._held_at is not None

    def _must_wait(self, event: events.Event) -> bool:
        """True while keys are held or a key is in flight, and, for a key that is not a
        character, while a field has characters handed to it but not yet taken: a
        priority binding such as ctrl+s runs at once, so it would save the field
        without them."""
        if self._key_marker is not None or self._held() or self._focus_busy():
            return True
        if self._text_in_hand is None or is_text(event):
            return False
        taker = self._text_taker
        if taker is None or not taker.is_attached:  # the field is gone: its marker too
            self._text_in_hand = None
            return False
        return True

    def _release(self, marker: KeyHandled) -> None:
        if marker is self._text_in_hand:
            self._text_in_hand = None
        elif marker is not self._key_marker:
            return
        else:
            self._key_marker = None
        if self._keys_waiting:
            self.call_later(self._next_key)  # type: ignore[attr-defined]

    async def _next_key(self) -> None:
        while self._keys_waiting and not self._must_wait(self._keys_waiting[0]):
            await self._deliver(self._keys_waiting.popleft())

    async def _unstick(self) -> None:
        """While keys wait, give up on a marker that will not come back."""
        if not self._keys_waiting:
            return
        if self._key_marker is not None and self._key_lost():
            self._key_marker = None
        if self._text_in_hand is not None and monotonic() - self._key_sent_at > STUCK_AFTER:
            self._text_in_hand = None
        await self._next_key()
        if self._keys_waiting:
            self.set_timer(STUCK_AFTER, self._unstick)  # type: ignore[attr-defined]

    def _key_lost(self) -> bool:
        """True when the marker of the key in flight will not come back: its widget is
        gone, or it has been on its way too long."""
        target = self._key_target
        gone = target is None or not target.is_attached
        return gone or monotonic() - self._key_sent_at > STUCK_AFTER

    async def _deliver(self, event: events.Event) -> None:
        """Hand the key on as Textual does (priority bindings, then the focused widget),
        with a marker behind it; a character for the field taking characters does not
        wait."""
        target = self.focused or self.screen  # type: ignore[attr-defined]
        marker = KeyHandled()
        self._key_marker, self._key_target, self._key_sent_at = marker, target, monotonic()
        await super().on_event(event)  # type: ignore[misc]
        target.call_later(self._reached_target, event, marker, target)
        sent = target.post_message(marker)
        if not sent:
            self._key_marker = None
        elif is_text(event) and target is self._text_taker:
            self._key_marker, self._text_in_hand = None, marker

    def _reached_target(self, event: events.Event, marker: KeyHandled, target: Widget) -> None:
        """Run by the key's widget once it has handled the key: a key it kept (a letter
        typed into a field) goes no further, so the next may go now, without waiting for
        the field's changes to be checked and painted (a paste would crawl)."""
        kept = event._stop_propagation  # Textual has no public getter
        self._text_taker = target if kept and is_text(event) else None
        if kept:
            self._release(marker)
