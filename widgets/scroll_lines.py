"""Giving a scrolling table a new virtual size without laying out the whole screen.

Textual's `virtual_size` is a reactive that lays the screen out again whenever it
changes: a list given a new row count on each filter keystroke at 10k laid out the
whole screen for it, about 6 ms at 160×50 (the filter box's own growing text did the
same: `FilterInput.virtual_size`). A widget whose own size does not follow its content
(not `height: auto`) needs only its scrollbars told; a scrollbar that comes or goes lays
the screen out itself (`show_vertical_scrollbar` is a layout reactive), so nothing is
left unplaced.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


class ScrollLines:
    """Mixed into a `ScrollView` (`WindowTable`) ahead of it."""

    def set_virtual_size(self, size: Size) -> None:
        """Scroll over `size`, laying the screen out only if the widget's size follows it."""
        if size == self.virtual_size:
            return
        styles = self.styles
        if styles.auto_dimensions or not self.container_size:
            self.virtual_size = size  # the widget's own size may change: lay it out
            return
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def set_lines(self, lines: int) -> None:
        """Scroll over `lines` lines (a table's header too) at the widget's width."""
        self.set_virtual_size(Size(self.size.width, lines))
