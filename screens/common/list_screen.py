"""What the list screens share: fetching the rows a `WindowTable` scrolls to, and the
`/` filter box.

`WindowedRows` is mixed into a screen (before the screen class) whose `WindowTable`
asks for rows it does not have: the screen says what its rows are for now
(`window_key()`, on the event loop: its filters, or the heat-map cell) and how to read
a window of them (`rows_for(connection, key, start, count)`, in a worker thread).

`ListFilter` gives a screen with a `FilterInput` (id `FILTER_ID`) the `focus_filter`
action (bound to `/`); the box sends the cursor back to its list itself (`enter` or
`down`); what a change to the filter does stays the screen's own.

`SortKeys` gives a list whose rows follow a query (`query_state`, a frozen dataclass
with `sort` and `descending`, changed through `apply_query`) the `o` and `O` keys.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any, ClassVar

from textual import work

from widgets.filter_input import FilterInput
from widgets.window_table import WindowTable


class WindowedRows:
    """Reads the rows a `WindowTable` scrolled to, off the event loop."""

    def window_key(self) -> Any:
        """What the rows are for now (on the event loop): filters, a cell."""
        raise NotImplementedError

    def rows_for(self, connection: sqlite3.Connection, key: Any, start: int, count: int) -> list:
        """One window of rows for `key` (in a worker thread)."""
        raise NotImplementedError

    def on_window_table_need_rows(self, event: WindowTable.NeedRows) -> None:
        """The table scrolled to rows it does not have: fetch them."""
        key = self.window_key()
        self.fetch_rows(event.control, key, event.start, event.count, event.generation)

    @work(thread=True, group="window-rows")
    def fetch_rows(
        self, table: WindowTable, key: Any, start: int, count: int, generation: int
    ) -> None:
        """Read one window of rows and hand it to `table`."""
        with self.app.store.reading() as connection:
            rows = self.rows_for(connection, key, start, count)
        self.app.call_from_thread(table.put_rows, start, rows, generation)


class ListFilter:
    """The `/` filter box of a list screen."""

    FILTER_ID = "filter"

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box (at once, so no typed key is lost)."""
        self.query_one(f"#{self.FILTER_ID}", FilterInput).take_focus()


class SortKeys:
    """`o` sorts by the next column in `SORT_CYCLE`, `O` reverses the order."""

    SORT_CYCLE: ClassVar[list[str]] = []

    def apply_query(self, query: Any, *, keep_cursor: bool = True) -> None:
        """Show the rows for `query`."""
        raise NotImplementedError

    def action_cycle_sort(self) -> None:
        """Sort by the next column."""
        index = self.SORT_CYCLE.index(self.query_state.sort)
        sort = self.SORT_CYCLE[(index + 1) % len(self.SORT_CYCLE)]
        self.apply_query(replace(self.query_state, sort=sort, descending=False))

    def action_reverse_sort(self) -> None:
        """Reverse the sort order."""
        self.apply_query(replace(self.query_state, descending=not self.query_state.descending))
