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

When the table is too narrow for every column at its width (flexible ones at their
minimum), the columns that may go (`drops` above 0) go, highest `drops` first and the
rightmost of equals first, until the rest fit: the columns a user needs for the task
stay. A gone column is width 0 too; the row's detail still shows what it held.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.cells import cell_len
from rich.text import Text


class Sized(Protocol):
    """What sharing needs of a column: its fixed width (0: flexible), its minimum,
    whether it goes while blank, and when it goes for want of room (0: never)."""

    width: int
    min_width: int
    blank_hides: bool
    drops: int


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


def _room(columns: Sequence[Sized], shown: Sequence[int]) -> int:
    """The cells the `shown` columns take at their least, a cell between each two."""
    return sum((columns[i].width or columns[i].min_width) + 1 for i in shown) - 1


def fitting(columns: Sequence[Sized], width: int, needs: Sequence[int], skip: int = 0) -> list[int]:
    """The columns shown in a table `width` cells wide: not those gone while blank, and
    not those that go for want of room (highest `drops` first, rightmost of equals
    first) while the rest do not fit. Scrolled `skip` columns to the right, the first
    column stays and the `skip` after it go instead, none for want of room: what does
    not fit runs off the right edge."""
    shown = [
        i
        for i, column in enumerate(columns)
        if not (column.blank_hides and needs[i] == 0) and not 0 < i <= skip
    ]
    if skip:
        return shown
    droppable = sorted((i for i in shown if columns[i].drops), key=lambda i: (columns[i].drops, i))
    while droppable and _room(columns, shown) > width:
        shown.remove(droppable.pop())
    return shown


def overflows(columns: Sequence[Sized], width: int, needs: Sequence[int], skip: int = 0) -> bool:
    """Whether a table `width` cells wide, scrolled `skip` columns, leaves columns out or
    runs past its right edge: there is more to see to the right."""
    shown = fitting(columns, width, needs, skip)
    left_out = [
        i
        for i, column in enumerate(columns)
        if i not in shown and not 0 < i <= skip and not (column.blank_hides and needs[i] == 0)
    ]
    return bool(left_out) or _room(columns, shown) > width


def share_widths(
    columns: Sequence[Sized],
    width: int,
    needs: Sequence[int],
    skip: int = 0,
    room: int | None = None,
) -> list[int]:
    """Each column's width in a table `width` cells wide, a cell between columns (and
    after the last); `needs[i]` is how wide column i's content is (read for the
    flexible columns and those that go while blank). A column that goes gets 0; so do
    the `skip` columns after the first while the table is scrolled to the right.
    Columns go for want of `room` (default `width`): a table may draw into a gutter
    its scrollbar does not use."""
    shown = fitting(columns, room or width, needs, skip)
    fixed = sum(columns[i].width for i in shown)
    spare = max(0, width - fixed - len(shown))
    given = {i: columns[i].min_width for i in shown if not columns[i].width}
    left = _fill(given, needs, spare - sum(given.values()))
    if given and left > 0:
        for n, i in enumerate(given):
            given[i] += left // len(given) + (1 if n < left % len(given) else 0)
    return [(column.width or given[i]) if i in shown else 0 for i, column in enumerate(columns)]
