"""A filter box for lists: type to narrow, enter or down to go to the list, escape to clear."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FilterInput(Input):
    """An Input that hands focus back to its list without losing what was typed."""

    BINDINGS = [
        Binding("down", "leave", "To list", show=False),
        Binding("escape", "clear_or_leave", "Clear", show=False),
    ]

    class Leave(Message):
        """The user wants to move from the filter to the list (the filter stays)."""

        def __init__(self, filter_input: FilterInput) -> None:
            super().__init__()
            self.filter_input = filter_input

        @property
        def control(self) -> FilterInput:
            """The filter box that sent this message."""
            return self.filter_input

    def action_leave(self) -> None:
        """Keep the filter and move to the list."""
        self.post_message(self.Leave(self))

    def action_clear_or_leave(self) -> None:
        """Clear the filter; if it is already empty, move to the list."""
        if self.value:
            self.value = ""
        else:
            self.post_message(self.Leave(self))

    async def action_submit(self) -> None:
        """Enter keeps the filter and moves to the list."""
        self.post_message(self.Leave(self))
