"""A filter box for lists: type to narrow, enter or down to go to the list, escape to
clear the filter and go back to the list."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

# The key that focuses a screen's filter. A priority binding is checked before the key
# reaches the focused widget, so characters typed straight after `/` (a terminal delivers
# fast typing as one burst) cannot overtake the focus change.
FOCUS_FILTER = Binding("slash", "focus_filter", "Filter", priority=True)


class FilterInput(Input):
    """An Input that hands focus back to its list without losing what was typed."""

    # Input sets its virtual size (the text's width) on every keystroke, and Widget's
    # reactive lays the whole screen out for it: 6 ms a key at 160×50, for a box whose
    # size is fixed and which scrolls its own text. A repaint is all it needs.
    virtual_size = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("down", "leave", "To list", show=False),
        Binding("escape", "clear_and_leave", "Clear", show=False),
    ]

    def __init__(self, *, list_id: str, **kwargs) -> None:
        """`list_id`: the id of the list this box filters, where leaving it goes."""
        super().__init__(**kwargs)
        self.list_id = list_id

    def take_focus(self) -> None:
        """Focus this box at once (Widget.focus() would wait for the next idle moment);
        if it already has focus, `/` is just a character (codes may contain one), typed
        after the characters this box has queued but not yet taken: the `/` binding runs
        ahead of the box's own queue, so inserting it now put it before them."""
        if self.has_focus:
            self.call_later(self.insert_text_at_cursor, "/")
        else:
            self.screen.set_focus(self)

    def action_leave(self) -> None:
        """Keep the filter and move to the list, at once: a key typed straight after
        (`enter` to open the row) is for the list, not this box."""
        self.screen.set_focus(self.screen.query_one(f"#{self.list_id}"))

    def clear(self) -> None:
        """Empty the box. Keys for the list wait for the rows that brings: the change
        reaches the screen a message later, after the next key (`enter` then opened a
        row of the filtered list)."""
        if self.value:
            self.screen.query_one(f"#{self.list_id}").rows_coming()
        self.value = ""

    def action_clear_and_leave(self) -> None:
        """Clear the filter and move to the list, whole again."""
        self.clear()
        self.action_leave()

    async def action_submit(self) -> None:
        """Enter keeps the filter and moves to the list."""
        self.action_leave()
