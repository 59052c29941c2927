"""A table that renders only the rows in view and asks for the rest by message.

`WindowTable` never holds a whole result set. Its owner tells it how many rows
there are and hands it windows of rows; when the user scrolls to rows it does not
have, it posts `NeedRows` and shows placeholders until `put_rows` arrives. This
keeps 10,000-row lists instant: nothing is reloaded on each keystroke.

Too narrow for every column, it leaves out those that may go (`Column.drops`) and marks
its header ▸; `right` scrolls a column at a time (the first column stays) to show the
rest, and `left` comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Region
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from widgets.column_scroll import ColumnScroll
from widgets.row_lines import CellPainter, Column, line_text
from widgets.rows_coming import RowsComing
from widgets.scroll_lines import ScrollLines
from widgets.sent import SentBy


class WindowTable(RowsComing, ScrollLines, ColumnScroll, ScrollView, can_focus=True):
    """A keyboard-driven table over rows that live elsewhere, loaded a window at a time."""

    DEFAULT_CSS = """
    WindowTable {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    WindowTable > .window-table--header { text-style: bold; background: $panel; }
    WindowTable > .window-table--cursor { background: $block-cursor-background; }
    WindowTable > .window-table--cursor-blurred { background: $block-cursor-blurred-background; }
    WindowTable > .window-table--placeholder { color: $text-muted; }
    """

    COMPONENT_CLASSES = {
        "window-table--header",
        "window-table--cursor",
        "window-table--cursor-blurred",
        "window-table--placeholder",
    }

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open"),
        Binding("right", "scroll_columns(1)", "Columns to the right", show=False),
        Binding("left", "scroll_columns(-1)", "Columns to the left", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class TableMessage(SentBy):
        """Base for the table's messages: `control` is the table that sent it."""

    class NeedRows(TableMessage):
        """The table is showing rows it does not have: `count` rows from `start`."""

        def __init__(self, table: WindowTable, start: int, count: int, generation: int) -> None:
            super().__init__(table)
            self.start = start
            self.count = count
            self.generation = generation

    class RowHighlighted(TableMessage):
        """The cursor moved to `index` (row is None while it is still loading)."""

        def __init__(self, table: WindowTable, index: int, row: Any) -> None:
            super().__init__(table)
            self.index = index
            self.row = row

    class RowSelected(TableMessage):
        """The user pressed enter (or clicked twice) on a row."""

        def __init__(self, table: WindowTable, index: int, row: Any) -> None:
            super().__init__(table)
            self.index = index
            self.row = row

    class HeaderSelected(TableMessage):
        """The user clicked a column header."""

        def __init__(self, table: WindowTable, key: str) -> None:
            super().__init__(table)
            self.key = key

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        page_size: int = 100,
        empty_text: str = "Nothing to show.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        rows_are_values: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        # Rows that are hashable values drawn from themselves alone: a line drawn for
        # one is kept for the same row in the next result set (a filter keystroke).
        self.rows_are_values = rows_are_values
        self.columns = list(columns)
        self.page_size = page_size
        self.empty_text = empty_text
        self.total = 0
        self.generation = 0
        self.sort_key: str | None = None
        self.sort_descending = False
        self._rows: dict[int, Any] = {}
        self._requested: set[int] = set()
        self._strips: dict[tuple, Strip] = {}
        self._needs: list[int] | None = None  # the content widths, worked out when drawn
        self.column_offset = 0  # columns scrolled past, after the first
        self._cell_painter: CellPainter | None = None
        # A drawn line is kept by its row when rows are values (with all that decides how
        # it is drawn: style, widths), else by its place in this result set.
        self._pass: tuple | None = None  # width, base style, layout: for one drawing pass

    # ----------------------------------------------------------------- data

    def reset(self, total: int, start: int = 0, rows: Sequence[Any] = (), cursor: int = 0) -> int:
        """Show a new result set of `total` rows, of which `rows` begin at `start`
        (and the keys that waited for it go on).

        Returns the new generation; rows put for an older generation are ignored.
        """
        self.generation += 1
        self.total = total
        self._rows = {start + n: row for n, row in enumerate(rows)}
        self._requested = set()
        self._forget_lines()
        self._needs = None
        self.set_lines(total + 1)
        self.set_reactive(WindowTable.cursor, max(0, min(cursor, total - 1)))
        self._scroll_cursor_into_view(centre=True)
        self.refresh()
        self._post_highlight()
        if self.total == 0 or self.cursor in self._rows:  # else once `put_rows` brings it
            self._rows_ready()
        return self.generation

    def put_rows(self, start: int, rows: Sequence[Any], generation: int) -> None:
        """Hand over rows the table asked for; ignored if the data set has changed since."""
        if generation != self.generation:
            return
        for n, row in enumerate(rows):
            self._rows[start + n] = row
        self._requested.discard(start // self.page_size)
        self._forget_lines()
        self._needs = None
        self._trim_cache()
        self.refresh()
        if start <= self.cursor < start + len(rows):
            self._post_highlight()
            self._rows_ready()

    def row_at(self, index: int) -> Any:
        """The row at `index`, or None when it is not loaded (or out of range)."""
        return self._rows.get(index)

    @property
    def current_row(self) -> Any:
        """The row under the cursor, or None."""
        return self._rows.get(self.cursor)

    def invalidate(self) -> None:
        """Forget the loaded rows (keeping total and cursor) so they are fetched again."""
        self.generation += 1
        self._rows.clear()
        self._requested.clear()
        self._forget_lines()
        self._needs = None
        self.refresh()

    def _trim_cache(self, keep: int = 2000) -> None:
        if len(self._rows) <= keep:
            return
        top = int(self.scroll_y)
        far = sorted(self._rows, key=lambda index: abs(index - top), reverse=True)
        for index in far[: len(self._rows) - keep]:
            del self._rows[index]

    def _want(self, index: int) -> None:
        page = index // self.page_size
        if page in self._requested:
            return
        self._requested.add(page)
        start = page * self.page_size
        self.post_message(self.NeedRows(self, start, self.page_size, self.generation))

    # --------------------------------------------------------------- cursor

    @property
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_cursor_into_view(self, *, centre: bool = False) -> None:
        top = int(self.scroll_y)
        visible = self._visible_rows
        if centre and not top <= self.cursor < top + visible:
            target = max(0, self.cursor - visible // 2)
        elif self.cursor < top:
            target = self.cursor
        elif self.cursor >= top + visible:
            target = self.cursor - visible + 1
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def watch_cursor(self, old: int, new: int) -> None:
        top = int(self.scroll_y)
        self._scroll_cursor_into_view()
        if int(self.scroll_y) == top:
            width = self.size.width
            for index in (old, new):
                self.refresh(Region(0, index - top + 1, width, 1))
        self._post_highlight()

    def _post_highlight(self) -> None:
        if self.total:
            self.post_message(self.RowHighlighted(self, self.cursor, self.current_row))

    def _move(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def action_cursor_up(self) -> None:
        """Move the cursor up a row."""
        self._move(-1)

    def action_cursor_down(self) -> None:
        """Move the cursor down a row."""
        self._move(1)

    def action_page_up(self) -> None:
        """Move the cursor up a screenful."""
        self._move(-self._visible_rows)

    def action_page_down(self) -> None:
        """Move the cursor down a screenful."""
        self._move(self._visible_rows)

    def action_first(self) -> None:
        """Move to the first row."""
        self._move(-self.total)

    def action_last(self) -> None:
        """Move to the last row."""
        self._move(self.total)

    def action_select(self) -> None:
        """Announce that the row under the cursor was chosen."""
        if self.total and self.current_row is not None:
            self.post_message(self.RowSelected(self, self.cursor, self.current_row))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            key = self._column_at(offset.x)
            if key is not None:
                self.post_message(self.HeaderSelected(self, key))
            return
        index = int(self.scroll_y) + offset.y - 1
        if 0 <= index < self.total:
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index

    # -------------------------------------------------------------- drawing

    @property
    def _painter(self) -> CellPainter:
        if self._cell_painter is None:  # made when first drawn: it needs the app
            self._cell_painter = CellPainter(self.app.console)
        return self._cell_painter

    def _strip(self, segments: list[Segment], width: int, style: Style) -> Strip:
        # Nor is what a scrolled row runs past it.
        return Strip(segments).crop(0, self._drawn_width(width)).adjust_cell_length(width, style)

    def _row_strip(self, row: Any, width: int, style: Style) -> Strip:
        cells = [column.render(row) for column in self.columns]
        return self._strip(self._painter.line(cells, self._widths(width), style), width, style)

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("window-table--header")
        labels = []
        for column in self.columns:
            label = column.label
            if column.key == self.sort_key:
                label += " ▼" if self.sort_descending else " ▲"
            labels.append(label)
        line = line_text(labels, self._widths(width), style)
        strip = self._strip(self._painter.text(line), width, style)
        if self._can_scroll(1):  # more to the right: say so at the header's end
            edge = self._drawn_width(width) - 1
            strip = Strip.join(
                [strip.crop(0, edge), Strip([Segment("▸", style)]), strip.crop(edge + 1)]
            )
        return strip

    def _pass_values(self) -> tuple:
        width = self.size.width
        return width, self.rich_style, (width, self._drawn_width(width), *self._widths(width))

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line of one pass needs, worked out once for the pass.
        self._pass = self._pass_values()
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        width, base, layout = self._pass or self._pass_values()
        if y == 0:
            return self._header(width)
        index = int(self.scroll_y) + y - 1
        if index >= self.total:
            empty_lines = self.empty_text.splitlines() if self.total == 0 else []
            if 1 <= y <= len(empty_lines):
                muted = self.get_component_rich_style("window-table--placeholder")
                line = Text(f" {empty_lines[y - 1]}", style=muted)
                return self._strip(self._painter.text(line), width, base)
            return Strip.blank(width, base)
        if index == self.cursor:
            cursor_class = (
                "window-table--cursor" if self.has_focus else "window-table--cursor-blurred"
            )
            style = base + self.get_component_rich_style(cursor_class)
        else:
            style = base
        row = self._rows.get(index)
        if row is None:
            self._want(index)
            muted = self.get_component_rich_style("window-table--placeholder")
            return self._strip(self._painter.text(Text(" …", style=style + muted)), width, style)
        key = (row, style, *layout) if self.rows_are_values else (index, style, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._row_strip(row, width, style)
            if len(self._strips) > 1000:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _forget_lines(self) -> None:
        """Forget the lines drawn by place (those drawn by value are kept by all that
        decides them)."""
        if not self.rows_are_values:
            self._strips.clear()

    def on_resize(self) -> None:
        self.column_offset = 0
        self._forget_lines()
        self.set_lines(self.total + 1)

    def on_focus(self) -> None:
        self._forget_lines()
        self.refresh()

    def on_blur(self) -> None:
        self._forget_lines()
        self.refresh()
