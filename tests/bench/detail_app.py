"""Reference app for opening a detail screen (issue 19): the bare detail app.

Run as `python detail_app.py ROWS.json`; the JSON is a list of rows of strings, the
header first, the name in the second column (as `floor_app.py` takes them). It shows
the rows in a DataTable (`j` moves down); enter pushes a screen with a header, the
row's name, a tab bar of our detail screen's nine tabs and a 20-row table in the first;
escape goes back. `make bench` opens the same rows here and in ours.
"""

import json
import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

TABS = [
    "Summary",
    "Status",
    "Risks",
    "Dependencies",
    "Milestones",
    "Savings",
    "Children",
    "History",
    "Benefits",
]
TABLE_ROWS = 20


class DetailScreen(Screen):
    """A header, the name, the tabs, and a table of 20 rows in the first tab."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, row: list[str]) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.row[1])
        with TabbedContent():
            with TabPane(TABS[0]):
                yield DataTable()
            for title in TABS[1:]:
                yield TabPane(title)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Period", "Criterion", "RAG", "Rationale")
        table.add_rows(
            [f"20{10 + n // 4}-Q{n % 4 + 1}", "Overall status", "GAR"[n % 3], self.row[0]]
            for n in range(TABLE_ROWS)
        )


class DetailApp(App):
    """A list of rows; enter opens the bare detail screen of the row under the cursor."""

    BINDINGS = [Binding("j", "cursor_down", "Down")]

    def __init__(self, rows: list[list[str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable(id="list", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one("#list", DataTable)
        table.add_columns(*self.rows[0])
        table.add_rows(self.rows[1:])

    def action_cursor_down(self) -> None:
        """Move the list's cursor down a row."""
        self.query_one("#list", DataTable).action_cursor_down()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "list":
            self.push_screen(DetailScreen(self.rows[1 + event.cursor_row]))


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        DetailApp(json.load(handle)).run()
