"""Reference apps for a filter keystroke (issue 19): an Input over a DataTable.

Run as `python filter_app.py ROWS.json` (the naive filter app) or
`python filter_app.py ROWS.json --echo` (the key-echo app). The JSON is a list of rows
of strings, the header first, shaped like the portfolio list's (10,000 of them at 10k).

The naive app filters every row in memory on each keystroke, the obvious way: the
lower-cased text must be in the code, name, group or SRO (the columns our list's filter
searches), then it clears the table, adds the first 45 matches and writes "N shown"
under it. The echo app is the same screen whose Input only echoes the key: the table
and the count never change. `make bench` types the same keys into both and into ours.
"""

import json
import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, Static

SHOWN = 45
SEARCHED = (0, 1, 2, 7)  # code, name, business group, SRO


def matches(rows: list[list[str]], text: str) -> list[list[str]]:
    """The rows (header left out) whose searched columns hold every word of `text`."""
    words = text.lower().split()
    return [
        row
        for row in rows[1:]
        if all(any(word in row[column].lower() for column in SEARCHED) for word in words)
    ]


class FilterApp(App):
    """An Input over a DataTable of the first 45 rows and a count under it."""

    def __init__(self, rows: list[list[str]], echo: bool) -> None:
        super().__init__()
        self.rows = rows
        self.echo = echo

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter")
        yield DataTable()
        yield Static(id="count")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False  # no frames but the key's own
        table = self.query_one(DataTable)
        table.add_columns(*self.rows[0])
        self.show(self.rows[1:])

    def show(self, found: list[list[str]]) -> None:
        """The first rows of `found` in the table, and their count."""
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows(found[:SHOWN])
        self.query_one("#count", Static).update(f"{len(found)} shown")

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.echo:
            self.show(matches(self.rows, event.value))


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        FilterApp(json.load(handle), echo="--echo" in sys.argv[2:]).run()
