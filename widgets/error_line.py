"""A one-line message next to a form field that takes no room until there is something to say."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ErrorLine(Static):
    """A field's error (or a note). Hidden while empty, so a form stays compact."""

    DEFAULT_CSS = """
    ErrorLine { color: $error; height: auto; display: none; }
    ErrorLine.-shown { display: block; }
    ErrorLine.-note { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.message = ""

    def say(self, message: str | Text = "", *, note: bool = False) -> None:
        """Show `message` (in the muted note style if `note`); an empty message hides it."""
        self.message = message.plain if isinstance(message, Text) else message
        self.update(message)
        self.set_class(bool(self.message.strip()), "-shown")
        self.set_class(note, "-note")
