"""The framework's floor: a bare Textual app showing a static DataTable of given rows.

Run as `python floor_app.py ROWS.json`; the JSON is a list of rows of strings, the
first being the header. `make bench` times this app's first paint against ours.
"""

import json
import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable


class FloorApp(App):
    """Nothing but a DataTable filled from a file."""

    def __init__(self, rows: list[list[str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*self.rows[0])
        table.add_rows(self.rows[1:])


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        FloorApp(json.load(handle)).run()
