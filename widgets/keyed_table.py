"""A DataTable that also moves with `j` and `k`, as every list in the app does."""

from __future__ import annotations

from textual.binding import Binding

from widgets.plain_text import DataTable


class KeyedDataTable(DataTable):
    """DataTable with vi-style `j`/`k` alongside the arrow keys."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
