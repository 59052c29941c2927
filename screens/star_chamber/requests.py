"""The Star Chamber: its meetings and every request, with the way into each part of the
secretary's work (walk-through, minutes, Posting List, engagements, establishment, schemes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import get_current_worker

from screens.common.list_screen import ListFilter, WindowedRows
from screens.common.live_data import LiveData
from screens.common.role_keys import RoleKeys
from screens.star_chamber.agenda_actions import AgendaActions
from store.star_chamber.queries.meetings import list_meetings
from store.star_chamber.queries.overview import overview
from store.star_chamber.queries.requests import (
    RequestQuery,
    request_count,
    request_detail,
    request_page,
)
from store.star_chamber.read_models import MeetingRow, Overview, RequestRow
from store.users.roles import Permission
from widgets.filter_input import FOCUS_FILTER, FilterInput
from widgets.footer import Footer
from widgets.header import Header
from widgets.keyed_table import KeyedDataTable
from widgets.plain_text import DataTable, Static
from widgets.star_chamber import detail_text, overview_text, request_columns
from widgets.window_table import WindowTable

PAGE = 100
MEETINGS_SHOWN = 50
STATUS_CYCLE: list[str | None] = [None, "received", "on_agenda", "decided"]
STATUS_LABELS = {
    None: "all",
    "received": "waiting",
    "on_agenda": "on an agenda",
    "decided": "decided",
}


class StarChamberScreen(LiveData, RoleKeys, AgendaActions, WindowedRows, ListFilter, Screen):
    """Meetings and requests, and the keys to every Star Chamber screen."""

    CSS_PATH = "requests.tcss"
    FILTER_ID = "sc-filter"
    HELP_TITLE = "Star Chamber"
    HELP = """
The Star Chamber authorises every request to fill a police staff vacancy and every
temporary or agency worker, with any extension. The top table lists the latest
meetings, newest first (older minutes are a `[` away on the minutes screen); the
list below holds every request, newest first, with its status (waiting, on an
agenda, decided) and outcome. The panel at the bottom shows the highlighted request
in full. Counts (engagements ending within four weeks) are as at the reporting date
the status line names: the end of the current reporting period, or today while it runs.

`tab` moves between meetings and requests. On a meeting, `enter` or `m` opens the
meeting walk-through and `i` its minutes. On a request, `enter` opens the meeting it
is on (or was decided at) at that item, and `a` puts a waiting request on an open
meeting: straight onto the only one it can go on, or the one you choose when there
are several.

`/` filters requests by reference, post, group, band or requester; `f` steps through
the status filter. `n` logs a new request and `M` schedules a meeting.
`p` Posting List, `w` temporary engagements, `e` establishment figures,
`d` early departure schemes. `escape` goes back to the portfolio list.
"""

    BINDINGS = [
        FOCUS_FILTER,
        Binding("m", "meeting", "Meeting"),
        Binding("i", "minutes", "Minutes"),
        Binding("n", "new_request", "New request"),
        Binding("a", "to_agenda", "To agenda"),
        Binding("f", "cycle_status", "Status"),
        Binding("p", "posting_list", "Posting List"),
        Binding("w", "engagements", "Engagements", show=False),
        Binding("e", "establishment", "Establishment", show=False),
        Binding("d", "departures", "Departures", show=False),
        Binding("M", "new_meeting", "New meeting", show=False),
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = {
        "new_request": Permission.LOG_VACANCY_REQUESTS,
        "to_agenda": Permission.RUN_MEETINGS,
        "new_meeting": Permission.RUN_MEETINGS,
    }

    def __init__(self) -> None:
        super().__init__()
        self.query_state = RequestQuery()
        self.meetings: list[MeetingRow] = []
        self.groups: list[str] = []
        self._serial = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="sc-overview")
        yield Static("Meetings", classes="section-title")
        yield KeyedDataTable(id="sc-meetings", cursor_type="row", zebra_stripes=True)
        yield Static("Requests", classes="section-title")
        yield FilterInput(
            placeholder="/ filter by reference, post, group, band or requester",
            id="sc-filter",
            list_id="sc-requests",
        )
        yield Static(id="sc-status")
        yield WindowTable(
            request_columns(),
            page_size=PAGE,
            empty_text="No requests match. Press f for all statuses or clear the filter.",
            id="sc-requests",
        )
        yield Static(id="sc-detail")
        yield Footer()

    @property
    def table(self) -> WindowTable:
        """The windowed list of requests."""
        return self.query_one("#sc-requests", WindowTable)

    @property
    def meeting_table(self) -> DataTable:
        """The meetings."""
        return self.query_one("#sc-meetings", DataTable)

    def on_mount(self) -> None:
        self.sub_title = "Star Chamber"
        for label, width in (
            ("Date", 10),
            ("Status", 7),
            ("Chair", 52),
            ("Items", 5),
            ("Decided", 7),
        ):
            self.meeting_table.add_column(label, width=width)
        self.meeting_table.focus()
        self.reload()

    # ------------------------------------------------------------- loading

    def reload(self) -> None:
        """Read the overview, meetings and the first window of requests again."""
        self._serial += 1
        self.table.rows_coming()
        self.load(self.query_state, self._serial, self.table.cursor)

    on_screen_resume = reload  # back on top (or someone saved): read it all again

    @work(thread=True, exclusive=True, group="sc-load")
    def load(self, query: RequestQuery, serial: int, cursor: int) -> None:
        """Everything the screen shows, read off the event loop."""
        from store.portfolio.queries import list_business_groups, reporting_date

        with self.app.store.reading() as connection:
            summary = overview(connection, as_at=reporting_date(connection))
            meetings = list_meetings(connection, limit=MEETINGS_SHOWN)
            total = request_count(connection, query)
            cursor = max(0, min(cursor, total - 1))
            start = max(0, cursor - PAGE // 2)
            rows = request_page(connection, query, offset=start, limit=PAGE)
            groups = [group.code for group in list_business_groups(connection)]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(
                self.show, serial, summary, meetings, total, start, rows, cursor, groups
            )

    def show(
        self,
        serial: int,
        summary: Overview,
        meetings: list[MeetingRow],
        total: int,
        start: int,
        rows: list[RequestRow],
        cursor: int,
        groups: list[str],
    ) -> None:
        """Put freshly read data on screen, unless a newer read was asked for."""
        if serial != self._serial:
            return
        self.data_shown()
        self.groups = groups
        self.query_one("#sc-overview", Static).update(overview_text(summary))
        self._fill_meetings(meetings, summary.next_meeting)
        self.table.reset(total, start, rows, cursor)
        status = Text("Status ", style="bold")
        status.append(STATUS_LABELS[self.query_state.status])
        status.append(f"   {total} shown", style="bold")
        status.append(f"   as at {summary.as_at.isoformat()}", style="dim")
        self.query_one("#sc-status", Static).update(status)

    def _fill_meetings(self, meetings: list[MeetingRow], next_meeting: date | None) -> None:
        table = self.meeting_table
        keep = self.selected_meeting()
        self.meetings = meetings
        table.clear()
        for meeting in meetings:
            table.add_row(
                meeting.held_on.isoformat(),
                Text(meeting.status, style="bold" if meeting.status == "open" else "dim"),
                meeting.chair,
                str(meeting.items),
                str(meeting.decided),
                key=meeting.held_on.isoformat(),
            )
        wanted = keep.held_on if keep else next_meeting
        for index, meeting in enumerate(meetings):
            if meeting.held_on == wanted:
                table.move_cursor(row=index)
                break

    def window_key(self):
        """The filters the requests list shows now."""
        return self.query_state

    def rows_for(self, connection, key, start: int, count: int) -> list:
        """One window of rows (in a worker thread)."""
        return request_page(connection, key, offset=start, limit=count)

    @on(WindowTable.RowHighlighted, "#sc-requests")
    def highlight(self, event: WindowTable.RowHighlighted) -> None:
        if event.row is not None:
            self.load_detail(event.row.reference)

    @work(thread=True, exclusive=True, group="sc-detail")
    def load_detail(self, reference: str) -> None:
        """Read the highlighted request in full."""
        with self.app.store.reading() as connection:
            detail = request_detail(connection, reference)
        if detail is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_detail, detail_text(detail))

    def _show_detail(self, text: Text) -> None:  # on the event loop, not in the worker
        self.query_one("#sc-detail", Static).update(text)

    # ------------------------------------------------------------- actions

    def selected_meeting(self) -> MeetingRow | None:
        """The meeting under the meetings cursor."""
        if not self.meetings:
            return None
        row = self.meeting_table.cursor_row
        return self.meetings[max(0, min(row, len(self.meetings) - 1))]

    @on(FilterInput.Changed, "#sc-filter")
    def filter_changed(self, event: FilterInput.Changed) -> None:
        self.query_state = replace(self.query_state, text=event.value)
        self.table.cursor = 0
        self.reload()

    def action_cycle_status(self) -> None:
        """Show all requests, then only waiting, on an agenda, or decided ones."""
        index = STATUS_CYCLE.index(self.query_state.status)
        self.query_state = replace(
            self.query_state, status=STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)]
        )
        self.table.cursor = 0
        self.reload()

    @on(DataTable.RowSelected, "#sc-meetings")
    def action_meeting(self) -> None:
        """Walk through the selected meeting's agenda."""
        meeting = self.selected_meeting()
        if meeting is None:
            hint = ": press M to schedule one" if self.role_allows("new_meeting") else ""
            self.notify(f"There are no meetings yet{hint}.")
            return
        from screens.star_chamber.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen(meeting.held_on))

    def action_minutes(self) -> None:
        """Open the minutes of the selected meeting."""
        meeting = self.selected_meeting()
        if meeting is None:
            self.notify("There are no meetings yet.")
            return
        from screens.star_chamber.minutes import MinutesScreen

        self.app.push_screen(MinutesScreen(meeting.held_on))

    @on(WindowTable.RowSelected, "#sc-requests")
    def open_request(self, event: WindowTable.RowSelected) -> None:
        row: RequestRow = event.row
        if row.meeting is None:
            hint = (
                ": press a to put it on the next open meeting"
                if self.role_allows("to_agenda")
                else ""
            )
            self.notify(f"{row.reference} is waiting for an agenda{hint}.", title=row.reference)
            return
        from screens.star_chamber.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen(row.meeting, focus_reference=row.reference))

    def action_new_request(self) -> None:
        """Log a new request."""
        from screens.star_chamber.forms import new_request_form

        self.app.push_screen(new_request_form(self.groups), self._saved_request)

    def _saved_request(self, saved) -> None:
        if saved is not None:
            self.notify(f"Logged {saved.reference}: {saved.post}", title="Star Chamber")
            self.reload()

    def action_new_meeting(self) -> None:
        """Schedule a meeting."""
        from screens.star_chamber.forms import new_meeting_form

        self.app.push_screen(new_meeting_form(), self._saved_meeting)

    def _saved_meeting(self, saved) -> None:
        if saved is not None:
            carried = len(saved.agenda)
            self.notify(
                f"Meeting {saved.held_on.isoformat()} scheduled"
                + (f"; {carried} deferred request(s) carried over" if carried else ""),
                title="Star Chamber",
            )
            self.reload()

    def _open(self, module: str, name: str) -> None:
        import importlib

        self.app.push_screen(getattr(importlib.import_module(module), name)())

    def action_posting_list(self) -> None:
        """Open the Posting List of displaced staff."""
        self._open("screens.star_chamber.posting_list", "PostingListScreen")

    def action_engagements(self) -> None:
        """Open the temporary and agency engagements."""
        self._open("screens.star_chamber.engagements", "EngagementsScreen")

    def action_establishment(self) -> None:
        """Open the establishment figures."""
        self._open("screens.star_chamber.establishment", "EstablishmentScreen")

    def action_departures(self) -> None:
        """Open the early departure schemes."""
        self._open("screens.star_chamber.departures", "DeparturesScreen")

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
