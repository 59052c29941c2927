"""Scrolling a table by whole columns: `right` shows what a narrow table leaves out
(the first column stays), `left` comes back. Mixed into `WindowTable`, which has the
columns, their content widths (`_content`) and their widths as drawn (`_widths`)."""

from __future__ import annotations

from typing import Any

from widgets.column_widths import overflows


class ColumnScroll:
    """`left`/`right` for a table whose columns may go; the table keeps `column_offset`."""

    columns: list[Any]
    column_offset: int

    def _can_scroll(self, step: int) -> bool:
        # A table none of whose columns may go keeps to its width; its screen may want
        # left and right (the timeline moves through time with them).
        if not any(column.drops for column in self.columns):
            return False
        if step < 0:
            return self.column_offset > 0
        width = self._drawn_width(self.size.width)
        return overflows(self.columns, width, self._content(), self.column_offset)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`left` and `right` are the table's only while it has columns to scroll to;
        otherwise they go to the screen."""
        if action == "scroll_columns":
            return self._can_scroll(int(parameters[0]))
        return True

    def action_scroll_columns(self, step: int) -> None:
        """Scroll a column to the right (`step` 1) or back to the left (-1)."""
        if self._can_scroll(step):
            self.column_offset += step
            self._strips.clear()
            self.refresh()

    @property
    def hidden_labels(self) -> list[str]:
        """The headers of the columns left out for want of room or scrolled past."""
        needs = self._content()
        widths = self._widths(self.size.width)
        return [
            column.label
            for column, width, need in zip(self.columns, widths, needs, strict=True)
            if not width and not (column.blank_hides and need == 0)
        ]

    def _table_width(self, width: int) -> int:
        # The vertical scrollbar's gutter is not ours to draw on.
        return min(width, self.scrollable_content_region.width or width)
