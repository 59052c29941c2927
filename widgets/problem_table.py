"""Tables for the data exchange screen, over lists held in memory: every problem an
import check found (sheet or file, row, column, problem), or each table's row count.

Both are `WindowTable`s, so a file with 100,000 problems is listed in full without
building 100,000 widgets: the table asks for the rows in view and gets them from the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding

from store.exchange.problems import Problem
from widgets.window_table import Column, WindowTable


def _dim_or(value: Any) -> Text:
    return Text("—", style="dim") if value is None else Text(str(value))


def problem_columns() -> list[Column]:
    """Where (sheet, CSV file or JSON table), row, column and the problem itself."""
    return [
        Column("where", "Sheet / file", 34, lambda p: p.where),
        Column("row", "Row", 6, lambda p: _dim_or(p.row), drops=1),
        Column("column", "Column", 18, lambda p: _dim_or(p.column), drops=2),
        Column("problem", "Problem", 0, lambda p: p.problem, min_width=30),
    ]


def count_columns() -> list[Column]:
    """A table's name and how many rows went out or in."""
    return [
        Column("table", "Table", 30, lambda item: item[0]),
        Column("rows", "Rows", 10, lambda item: Text(f"{item[1]:>10,}")),
    ]


class ListTable(WindowTable):
    """A WindowTable whose rows are a list in memory, handed over a window at a time."""

    BINDINGS = [Binding("enter", "select", "Open", show=False)]

    def __init__(self, columns: Sequence[Column], **kwargs) -> None:
        super().__init__(columns, **kwargs)
        self.items: list[Any] = []

    def show_items(self, items: Sequence[Any]) -> None:
        """Show `items` from the top."""
        self.items = list(items)
        self.reset(len(self.items), 0, self.items[: self.page_size], 0)

    @on(WindowTable.NeedRows)
    def _give_rows(self, event: WindowTable.NeedRows) -> None:
        event.stop()
        rows = self.items[event.start : event.start + event.count]
        self.put_rows(event.start, rows, event.generation)


class ProblemTable(ListTable):
    """Every problem found in an import file, in the order the check reported them."""

    def __init__(self, **kwargs) -> None:
        super().__init__(problem_columns(), **kwargs)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """List these problems."""
        self.show_items(problems)


class CountTable(ListTable):
    """Row counts per table after an export or import."""

    def __init__(self, **kwargs) -> None:
        super().__init__(count_columns(), **kwargs)

    def show_counts(self, counts: dict[str, int]) -> None:
        """List each table with its row count."""
        self.show_items(list(counts.items()))
