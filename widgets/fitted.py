"""A Static drawn for the width it has: a grid where it fits, a paragraph where it
would wrap; a bar as long as the room left.

`show(draw)` takes a function from the width (in cells; 0 before the first layout)
to what to show, and calls it again whenever the width changes.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType

from widgets.plain_text import Static

Draw = Callable[[int], RenderableType]


class Fitted(Static):
    """Content drawn for the widget's width, and redrawn when that changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.draw: Draw | None = None

    def show(self, draw: Draw) -> None:
        """Show what `draw(width)` returns, now and after every change of width."""
        self.draw = draw
        self._fit()

    def on_resize(self) -> None:
        # After this layout pass: a new height asked for during it would not be taken.
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        if self.draw is not None:
            self.update(self.draw(self.content_size.width))
