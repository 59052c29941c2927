"""A table's columns, and drawing a row as one line of segments, each cell drawn once.

A list redrawn on every filter keystroke shows mostly the same cells again (business
groups, tiers, RAG badges, periods; and the same rows, moved): `CellPainter` keeps the
segments of each cell it has drawn, by its text, styles, width and the row's style, so
a new line is mostly lookups. What it draws is what `rich.text.Text.render` draws for
the whole line (`WindowTable._line`): each cell cut or padded to its column's width with
an ellipsis, newlines as spaces, a space after each cell, the row's style under all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text


@dataclass(frozen=True)
class Column:
    """One column: a key, a header label, a width (0 means it takes the spare room),
    and how to render a row's cell. `drops` above 0 lets the column go when the table
    is too narrow for all of them, the highest first (`widgets.column_widths`); leave
    it 0 on the columns the screen exists for."""

    key: str
    label: str
    width: int
    render: Callable[[Any], Text | str]
    min_width: int = 12
    blank_hides: bool = False  # goes, header and all, while every row loaded is blank
    drops: int = 0  # goes for want of room: 0 never, else the highest first


CELLS_KEPT = 20_000
NULL = Style.null()


def fitted(cell: Text | str, width: int) -> Text:
    """A copy of `cell` on one line, cut with an ellipsis or padded to `width` cells (on
    the left for a `Text` justified right)."""
    text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
    text.no_wrap = True
    if "\n" in text.plain:
        text.plain = text.plain.replace("\n", " ")
    text.truncate(width, overflow="ellipsis")
    if text.justify == "right" and text.cell_len < width:  # a figure, under its column's end
        text.pad_left(width - text.cell_len)
    else:
        text.truncate(width, pad=True)
    return text


def line_text(cells: Sequence[Text | str], widths: Sequence[int], style: Style) -> Text:
    """The row as one `Text`: each cell fitted to its width (a width of 0: a column not
    drawn) and followed by a space, over `style`."""
    line = Text(style=style, no_wrap=True, end="")
    for cell, width in zip(cells, widths, strict=True):
        if width:
            line.append_text(fitted(cell, width))
            line.append(" ")
    return line


class CellPainter:
    """Segments for table rows, keeping each cell's once drawn."""

    def __init__(self, console: Console) -> None:
        self.console = console
        # A cell's segments, and whether it brings a style of its own once cut to width.
        self._cells: dict[tuple, tuple[list[Segment], bool]] = {}

    def forget(self) -> None:
        """Drop every cell drawn (the styles they were drawn in may have changed)."""
        self._cells.clear()

    def _cell(self, cell: Text | str, width: int, style: Style) -> tuple[list[Segment], bool]:
        if isinstance(cell, Text):
            key: tuple = (cell.plain, cell.style, tuple(cell.spans), cell.justify, width, style)
        else:
            key = (str(cell), width, style)
        drawn = self._cells.get(key)
        if drawn is None:
            text = fitted(cell, width)
            if text.spans or text.style:
                line = Text(style=style, no_wrap=True, end="")
                line.append_text(text)
                drawn = (list(line.render(self.console)), True)
            else:
                drawn = ([Segment(text.plain, style)], False)
            if len(self._cells) >= CELLS_KEPT:
                self._cells.clear()
            self._cells[key] = drawn
        return drawn

    def text(self, line: Text) -> list[Segment]:
        """The segments of a whole line. One with no styled spans (a header) renders as
        segments with no style at all, which Textual's NO_COLOR filter cannot take: they
        get the null style, which draws the same."""
        return [
            segment if segment.style is not None or segment.control else Segment(segment.text, NULL)
            for segment in line.render(self.console)
        ]

    def line(
        self, cells: Sequence[Text | str], widths: Sequence[int], style: Style
    ) -> list[Segment]:
        """The segments of a row whose cells are `cells` (drawn as `line_text` draws)."""
        space = Segment(" ", style)
        segments: list[Segment] = []
        any_styled = False
        for cell, width in zip(cells, widths, strict=True):
            if width:
                drawn, has_style = self._cell(cell, width, style)
                segments += drawn
                segments.append(space)
                any_styled = any_styled or has_style
        # A row none of whose cells has a style draws as a header does.
        return segments if any_styled else self.text(line_text(cells, widths, style))
