"""A box for a reporting period typed like 2011-Q1.

Only the characters a period has go in. Any other printable key (`?` for help) is not
the box's: it goes on to the screen's and the app's keys, as it would with no box
focused."""

from __future__ import annotations

import re

from textual import events
from textual.widgets import Input

PERIOD_CHARACTERS = re.compile(r"[0-9qQ-]")


class PeriodInput(Input):
    """An Input for a period that leaves other printable keys to the bindings."""

    def __init__(self, value: str | None = None, **kwargs) -> None:
        super().__init__(value, max_length=7, **kwargs)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Only a character a period can have is typed; the bindings get the rest."""
        return character is not None and PERIOD_CHARACTERS.fullmatch(character) is not None

    def on_key(self, event: events.Key) -> None:
        """A printable key a period cannot have goes on up (Input would swallow it)."""
        if event.is_printable and not self.check_consume_key(event.key, event.character):
            event.prevent_default()
