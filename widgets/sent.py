"""The base of every widget message that names its sender: `control` is the widget that
posted it, which is what lets a screen pick one sender out with `@on(Message, "#id")`."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


class SentBy(Message):
    """A message from `control`, the widget that sent it."""

    def __init__(self, control: Widget) -> None:
        super().__init__()
        self._control = control

    @property
    def control(self) -> Widget:
        """The widget that sent this message."""
        return self._control
