"""How a table shares its width among its columns: fixed columns keep their width, and
the flexible ones (width 0) share the rest by what their content needs.

A flexible column starts at its minimum width. What is left goes to the columns whose
content is cut, in order, each up to what its content needs; a column whose content
fits gets no more. Only when every column's content fits is the room still left shared
equally among the flexible columns, so a table with one flexible column gives it all
the spare width, as before.

A column marked `blank_hides` (one that only some rows fill, such as a date a status
sets) gives up all its room, header and all, while every row loaded leaves it blank:
width 0, which the table does not draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.cells import cell_len
from rich.text import Text


class Sized(Protocol):
    """What sharing needs of a column: its fixed width (0: flexible), its minimum, and
    whether it goes while blank."""

    width: int
    min_width: int
    blank_hides: bool


def cell_width(cell: Text | str) -> int:
    """How many cells a table cell's text takes on one line."""
    return cell_len(cell.plain if isinstance(cell, Text) else str(cell))


def _fill(given: dict[int, int], needs: Sequence[int], left: int) -> int:
    """Give `left` cells to the columns in `given` whose need is not yet met, in order
    (the first flexible column is the one the table is for), none past its need;
    returns the cells still left."""
    for i in given:
        more = max(0, min(needs[i] - given[i], left))
        given[i] += more
        left -= more
    return left


def share_widths(columns: Sequence[Sized], width: int, needs: Sequence[int]) -> list[int]:
    """Each column's width in a table `width` cells wide, a cell between columns (and
    after the last); `needs[i]` is how wide column i's content is (read for the
    flexible columns and those that go while blank). A column that goes gets 0."""
    shown = [i for i, column in enumerate(columns) if not (column.blank_hides and needs[i] == 0)]
    fixed = sum(columns[i].width for i in shown)
    spare = max(0, width - fixed - len(shown))
    given = {i: columns[i].min_width for i in shown if not columns[i].width}
    left = _fill(given, needs, spare - sum(given.values()))
    if given and left > 0:
        for n, i in enumerate(given):
            given[i] += left // len(given) + (1 if n < left % len(given) else 0)
    return [(column.width or given[i]) if i in shown else 0 for i, column in enumerate(columns)]
