"""A one-line message next to a form field that takes no room until there is something to say.

Every form's field errors and the line under the form are `ErrorLine`s. Whether one shows
is set on the widget itself, not by a class its screen's stylesheet might also style, so
a rule such as `.error { display: none; }` in another screen's .tcss (screen stylesheets
apply app-wide once loaded) can never hide it.
"""

from __future__ import annotations

from rich.text import Text

from widgets.plain_text import Static


class ErrorLine(Static):
    """A field's error (or a note). Hidden while empty, so a form stays compact; with
    `keep_room` it keeps its line even when empty, for forms laid out that way."""

    DEFAULT_CSS = """
    ErrorLine { color: $error; height: auto; display: none; }
    ErrorLine.-note { color: $text-muted; text-style: italic; }
    """

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, keep_room: bool = False
    ) -> None:
        super().__init__("", id=id, classes=classes)
        self.message = ""
        self._shown: tuple[str | Text, bool] = ("", False)
        self.keep_room = keep_room
        if keep_room:
            self.display = True

    def say(self, message: str | Text = "", *, note: bool = False) -> None:
        """Show `message` (in the muted note style if `note`); an empty message hides it.
        Saying again what it already shows does nothing (a form checks every field on each
        keystroke, and a needless update lays the whole screen out again)."""
        plain = message.plain if isinstance(message, Text) else message
        if (message, note) == self._shown:
            return
        self._shown = (message, note)
        self.message = plain
        self.update(message)
        self.display = self.keep_room or bool(self.message.strip())
        self.set_class(note, "-note")
