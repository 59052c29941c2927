"""Which columns a table draws and how wide, and scrolling it by whole columns: `right`
shows what a narrow table leaves out (the first column stays), `left` comes back.
Mixed into `WindowTable`, which holds the columns, the rows and `column_offset`."""

from __future__ import annotations

from typing import Any

from widgets.column_widths import cell_width, overflows, share_widths


class ColumnScroll:
    """`left`/`right` for a table whose columns may go; the table keeps `column_offset`."""

    columns: list[Any]
    column_offset: int
    _needs: list[int] | None
    _rows: dict[int, Any]
    _shared: tuple | None = None  # the widths last shared, and what decided them

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
            self._forget_lines()
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

    def _content(self) -> list[int]:
        if self._needs is None:
            self._needs = self._content_needs()
        return self._needs

    def _drawn_width(self, width: int) -> int:
        # How far a line may run: into the gutter while no scrollbar is drawn there.
        return self._table_width(width) if self.show_vertical_scrollbar else width

    def _widths(self, width: int) -> list[int]:
        # Asked for every line drawn: shared again only when what decides it changes.
        needs = self._content()
        given = (width, self._table_width(width), self._drawn_width(width), self.column_offset)
        shared = self._shared
        if shared is None or shared[0] != given or shared[1] is not needs:
            widths = share_widths(self.columns, given[1], needs, self.column_offset, given[2])
            self._shared = shared = (given, needs, widths)
        return shared[2]

    def _content_needs(self) -> list[int]:
        """How wide each column's content is in the rows loaded, for the flexible
        columns and those that go while blank (0 for the others: their width is their
        own). With no row loaded yet, a column that goes while blank stays."""
        rows = list(self._rows.values())
        return [
            max((cell_width(column.render(row)) for row in rows), default=1)
            if column.blank_hides or not column.width
            else 0
            for column in self.columns
        ]

    def _column_at(self, x: int) -> str | None:
        """The key of the column drawn at `x`, or None past the last."""
        edge = 0
        for column, width in zip(self.columns, self._widths(self.size.width), strict=True):
            if not width:
                continue
            edge += width + 1
            if x < edge:
                return column.key
        return None
