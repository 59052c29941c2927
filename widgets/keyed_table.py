"""A DataTable that also moves with `j` and `k`, as every list in the app does, and whose
keys wait while its owner reads its rows again (`RowsComing`): the owner calls
`rows_coming` before the read and `rows_put` once the rows are in."""

from __future__ import annotations

from textual.binding import Binding

from widgets.plain_text import DataTable
from widgets.rows_coming import RowsComing


class KeyedDataTable(RowsComing, DataTable):
    """DataTable with vi-style `j`/`k` alongside the arrow keys."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def rows_put(self) -> None:
        """Its owner has put in the rows it asked for (`rows_coming`): the keys that
        waited for them go on."""
        self._rows_ready()
