"""The Police Staff Posting List: displaced staff waiting for a post, filtered and paged
in SQL, with the people posted or gone kept for the record."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import get_current_worker

from screens.common.list_screen import ListFilter, WindowedRows
from screens.common.live_data import LiveData
from screens.common.role_keys import RoleKeys
from store.star_chamber.queries.posting_list import posting_count, posting_list
from store.star_chamber.read_models import DisplacedRow
from store.star_chamber.types import PostingStatus
from store.users.roles import Permission
from widgets.filter_input import FOCUS_FILTER, FilterInput
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Static
from widgets.window_table import Column, WindowTable

PAGE = 100
STATUS_CYCLE: list[str | None] = ["on_list", "posted", "left", None]


def _status(row: DisplacedRow) -> Text:
    styles = {"on_list": "bold", "posted": "#2e7d32", "left": "#9e9e9e"}
    return Text(PostingStatus(row.status).label, style=styles[row.status])


def _since(row) -> str:
    return row.status_on.isoformat() if row.status_on else ""


def _where(row) -> str:
    return row.posted_to or row.left_reason or ""


def posting_columns() -> list[Column]:
    """The list's columns; skills (and where people went) share the spare width."""
    return [
        Column("reference", "Ref", 7, lambda r: r.reference),
        Column("name", "Name", 18, lambda r: r.name),
        Column("grade", "Band", 6, lambda r: r.grade, drops=2),
        Column("from", "From", 4, lambda r: r.business_group, drops=3),
        Column("skills", "Skills", 0, lambda r: r.skills, min_width=20),
        Column("listed", "Listed", 10, lambda r: r.listed_on.isoformat(), drops=5),
        Column("status", "Status", 7, _status),
        # Only someone posted or gone has these: they go while the list shows no one such.
        Column("since", "Since", 10, _since, blank_hides=True, drops=4),
        Column("where", "Posted to / why left", 0, _where, min_width=24, blank_hides=True),
    ]


class PostingListScreen(LiveData, RoleKeys, WindowedRows, ListFilter, Screen):
    """Displaced staff: who is on the list, who was posted, who left."""

    CSS_PATH = "posting_list.tcss"
    FILTER_ID = "pl-filter"
    HELP_TITLE = "Posting List"
    HELP = """
Displaced police staff are considered first for every vacancy the Star Chamber
authorises. The list shows them longest waiting first, with their band, the group
they came from and their skills. Someone leaves the list when a decision posts them
(see the meeting walk-through) or for another reason such as early departure.

`/` filters by name, reference, band, skills or group; `f` steps through on the
list, posted, left and everyone. `n` adds someone; `l` records that the highlighted
person left the list. `escape` goes back.
"""

    BINDINGS = [
        FOCUS_FILTER,
        Binding("f", "cycle_status", "Status"),
        Binding("n", "add", "Add person"),
        Binding("l", "left", "Left the list"),
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = {
        "add": Permission.MANAGE_POSTING_LIST,
        "left": Permission.MANAGE_POSTING_LIST,
    }

    def __init__(self) -> None:
        super().__init__()
        self.status: str | None = "on_list"
        self.text = ""
        self.groups: list[str] = []
        self._serial = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterInput(
            placeholder="/ filter by name, band, skills or group",
            id="pl-filter",
            list_id="pl-table",
        )
        yield Static(id="pl-status")
        yield WindowTable(
            posting_columns(), page_size=PAGE, empty_text="No one matches.", id="pl-table"
        )
        yield Footer()

    @property
    def table(self) -> WindowTable:
        """The list of displaced staff."""
        return self.query_one("#pl-table", WindowTable)

    def on_mount(self) -> None:
        self.sub_title = "Posting List"
        self.table.focus()
        self.reload()

    def reload(self) -> None:
        """Read the list again for the current filters."""
        self._serial += 1
        self.table.rows_coming()
        self.load(self.status, self.text, self._serial)

    reload_live = reload  # someone saved: read the list again

    @work(thread=True, exclusive=True, group="pl-load")
    def load(self, status: str | None, text: str, serial: int) -> None:
        """Count and fetch the first window off the event loop."""
        from store.portfolio.queries import list_business_groups

        with self.app.store.reading() as connection:
            total = posting_count(connection, status=status, text=text)
            rows = posting_list(connection, status=status, text=text, limit=PAGE)
            groups = [group.code for group in list_business_groups(connection)]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, serial, total, rows, groups)

    def show(self, serial: int, total: int, rows: list[DisplacedRow], groups: list[str]) -> None:
        """Put the rows on screen unless a newer read was asked for."""
        if serial != self._serial:
            return
        self.data_shown()
        self.groups = groups
        cursor = min(self.table.cursor, max(total - 1, 0))
        self.table.reset(total, 0, rows, cursor)
        line = Text("Showing ", style="bold")
        line.append(PostingStatus(self.status).label if self.status else "everyone")
        line.append(f"   {total} people", style="bold")
        self.query_one("#pl-status", Static).update(line)

    def window_key(self):
        """The status and text the list is filtered by now."""
        return (self.status, self.text)

    def rows_for(self, connection, key, start: int, count: int) -> list:
        """One window of rows (in a worker thread)."""
        return posting_list(connection, status=key[0], text=key[1], offset=start, limit=count)

    @on(FilterInput.Changed, "#pl-filter")
    def filter_changed(self, event: FilterInput.Changed) -> None:
        self.text = event.value
        self.reload()

    def action_cycle_status(self) -> None:
        """Show on the list, posted, left, or everyone."""
        index = STATUS_CYCLE.index(self.status)
        self.status = STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)]
        self.reload()

    @on(WindowTable.RowSelected, "#pl-table")
    def show_person(self, event: WindowTable.RowSelected) -> None:
        row: DisplacedRow = event.row
        where = f"posted to {row.posted_to}" if row.posted_to else row.left_reason
        self.notify(
            f"{row.grade}, from {row.business_group}, on the list since "
            f"{row.listed_on.isoformat()}. Skills: {row.skills or 'none recorded'}."
            + (f" {PostingStatus(row.status).label.capitalize()}: {where}." if where else ""),
            title=f"{row.reference} {row.name}",
            timeout=8,
        )

    def action_add(self) -> None:
        """Put someone on the Posting List."""
        from screens.star_chamber.forms import displaced_form

        self.app.push_screen(displaced_form(self.groups), self._saved)

    def action_left(self) -> None:
        """Record that the highlighted person left the list."""
        row = self.table.current_row
        if row is None:
            return
        if row.status != "on_list":
            self.notify(f"{row.reference} is not on the list ({PostingStatus(row.status).label}).")
            return
        from screens.star_chamber.forms import leave_list_form

        self.app.push_screen(leave_list_form(row), self._saved)

    def _saved(self, person) -> None:
        if person is not None:
            self.notify(
                f"{person.reference} {person.name}: {PostingStatus(person.status).label}",
                title="Posting List",
            )
            self.reload()

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
