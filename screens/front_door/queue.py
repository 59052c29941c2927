"""The front door queue: proposals grouped by status, aged, scored, filtered and sorted in SQL,
shown a window at a time. `enter` opens the triage form."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import get_current_worker

from screens.common.list_screen import ListFilter, SortKeys, WindowedRows
from screens.common.live_data import LiveData
from screens.common.role_keys import RoleKeys
from screens.front_door.proposal_commands import ProposalCommands
from store import clock
from store.front_door.queries import (
    SORT_LABELS,
    ProposalQuery,
    queue_length,
    queue_page,
    queue_position,
    queue_summary,
)
from store.front_door.read_models import ProposalRow, QueueHeading, QueueSummary
from store.portfolio.queries import reporting_date
from store.types import Tier
from store.users.roles import Permission
from widgets.filter_input import FOCUS_FILTER, FilterInput
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Static
from widgets.window_table import Column, WindowTable

PAGE = 100
SORT_CYCLE = ["age", "score", "reference", "title", "business_group"]
HEADING_STYLE = "bold #e0e0e0 on #37474f"
STATUS_TITLES = {"received": "Received", "in_triage": "In triage", "decided": "Decided"}


def _cell(render_row, render_heading=None):
    """A column renderer that gives heading rows their own (or a blank) cell."""

    def render(row):
        if isinstance(row, QueueHeading):
            return Text(render_heading(row) if render_heading else "", style=HEADING_STYLE)
        return render_row(row)

    return render


def _scores(row: ProposalRow) -> Text:
    if row.score is None:
        return Text("· · ·", style="dim")
    return Text(f"{row.desirable} {row.deliverable} {row.affordable}")


def _tier(row: ProposalRow) -> Text:
    if row.tier is None:
        return Text("—", style="dim")
    text = Text(Tier(row.tier).label)
    if row.suggested_tier and row.tier != row.suggested_tier:
        text.append("*", style="bold")
    return text


def _outcome(row: ProposalRow) -> Text:
    if row.outcome is None:
        return Text("")
    if row.status == "in_triage":
        label = "due again" if row.outcome == "deferred" else "re-triaged"
        return Text(label, style="italic")
    return Text(row.outcome)


def _result(row: ProposalRow) -> Text:
    if row.initiative:
        return Text(row.initiative, style="bold")
    if row.outcome == "deferred" and row.deferred_until:
        return Text(f"→{row.deferred_until}")
    return Text("")


def queue_columns() -> list[Column]:
    """The queue's columns; the title takes the spare width. Too narrow for all, the
    sponsor, scores, complexity, group and tier go in that order."""
    return [
        Column(
            "reference",
            "Reference",
            12,
            _cell(lambda row: row.reference, lambda h: f"▾ {STATUS_TITLES[h.status]}"),
        ),
        Column(
            "title",
            "Title",
            0,
            _cell(lambda row: row.title, lambda h: f"{h.count} proposal{'s' * (h.count != 1)}"),
            min_width=18,
        ),
        Column("business_group", "BG", 4, _cell(lambda row: row.business_group), drops=2),
        Column("sponsor", "Sponsor", 15, _cell(lambda row: row.sponsor), drops=5),
        Column("age", "Age", 9, _cell(lambda row: Text(f"{row.age:>9}"))),
        Column("scores", "D V A", 5, _cell(_scores), drops=4),
        Column(
            "score", "Score", 7, _cell(lambda row: Text(f"{row.score:>5}") if row.score else "")
        ),
        Column("complexity", "Cx", 6, _cell(lambda row: row.complexity or ""), drops=3),
        Column("tier", "Tier", 11, _cell(_tier), drops=1),
        Column("outcome", "Outcome", 10, _cell(_outcome)),
        Column("result", "Result", 11, _cell(_result)),
    ]


class FrontDoorScreen(LiveData, RoleKeys, WindowedRows, ListFilter, SortKeys, Screen):
    """Every proposal put to the front door, by status."""

    CSS_PATH = "queue.tcss"
    SORT_CYCLE = SORT_CYCLE
    COMMANDS = {ProposalCommands}
    HELP_TITLE = "Front door"
    HELP = """
Proposals for new change, grouped by status: **Received** (not yet scored),
**In triage** (scored and waiting for the panel, including deferrals whose date has
come), and **Decided**. **Age** is days from the proposal's receipt to the reporting
date the queue is as at (the end of the current reporting period, or today while it
runs; the status line names it); `after` marks one received after that date.
**D V A** are the desirable, deliverable and affordable scores (1–5 each) and
**Score** their total (3–15). **Tier** is the tier in force; `*` marks one the panel
set instead of the suggestion. **Result** is the initiative an acceptance created,
or the date a deferral comes back.

`enter` opens the triage form; `n` logs a new proposal and `e` corrects the one
under the cursor. Type `/` to filter by reference, title, sponsor or business group
(`enter` or `down` goes back to the list, `escape` clears it and goes back too). `s`
sorts by total score (again for age), `o` steps through the sort columns and `O`
reverses; `h` hides or shows decided proposals. In the command palette (`ctrl+p`) you can type a
reference or part of a title to open that proposal. `escape` goes back.
"""

    BINDINGS = [
        Binding("enter", "open", "Triage"),
        FOCUS_FILTER,
        Binding("n", "new", "New proposal"),
        Binding("e", "edit", "Edit proposal"),
        Binding("s", "sort_by_score", "Sort by score"),
        Binding("o", "cycle_sort", "Sort", show=False),
        Binding("O", "reverse_sort", "Reverse sort", show=False),
        Binding("h", "toggle_decided", "Hide decided"),
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = {
        "new": Permission.LOG_PROPOSALS,
        "edit": Permission.LOG_PROPOSALS,
    }

    def __init__(self) -> None:
        super().__init__()
        self.query_state = ProposalQuery()
        self.summary: QueueSummary | None = None
        self.keep_next: str | None = None  # a proposal just saved, to put the cursor on
        self.as_at = clock.today()  # the reporting date, read with each load
        self._serial = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterInput(
            placeholder="/ filter by reference, title, sponsor or business group",
            id="filter",
            list_id="queue-table",
        )
        yield Static(id="status")
        yield WindowTable(
            queue_columns(),
            page_size=PAGE,
            empty_text="No proposals match. Clear the filter (/ then escape)"
            + (", or n logs one." if self.role_allows("new") else "."),
            id="queue-table",
        )
        yield Footer()

    @property
    def table(self) -> WindowTable:
        """The windowed table of proposals."""
        return self.query_one("#queue-table", WindowTable)

    def on_mount(self) -> None:
        self.sub_title = "Front door"
        self.table.focus()
        self.reload(keep=None)

    def on_screen_resume(self) -> None:
        if self.summary is not None:
            self.reload(keep=self.keep_next or self.current_reference())

    def current_reference(self) -> str | None:
        """The reference under the cursor, if a proposal (not a heading) is there."""
        row = self.table.current_row
        return row.reference if isinstance(row, ProposalRow) else None

    # ------------------------------------------------------------- loading

    def reload(self, keep: str | None) -> None:
        """Query again, keeping `keep` under the cursor if it is still shown."""
        self._serial += 1
        self.table.rows_coming()
        self.load(self.query_state, keep, self._serial)

    @work(thread=True, exclusive=True, group="queue-query")
    def load(self, query: ProposalQuery, keep: str | None, serial: int) -> None:
        """Count and fetch the window around the cursor, off the event loop."""
        today = clock.today()
        with self.app.store.reading() as connection:
            as_at = reporting_date(connection)
            summary = queue_summary(connection, replace(query, hide_decided=False), today=today)
            position = queue_position(connection, query, keep, today=today) if keep else None
            cursor = position if position is not None else 1
            start = max(0, cursor - PAGE // 2)
            rows = queue_page(connection, query, offset=start, limit=PAGE, today=today, as_at=as_at)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, serial, summary, start, rows, cursor, as_at)

    def show(self, serial, summary, start, rows, cursor, as_at) -> None:
        """Put a query's results on screen, unless a newer query has been asked for."""
        if serial != self._serial:
            return
        self.data_shown()
        self.summary = summary
        self.keep_next = None
        self.as_at = as_at
        self.table.reset(
            queue_length(summary, hide_decided=self.query_state.hide_decided), start, rows, cursor
        )
        self._show_status()

    def window_key(self):
        """The filters and sort the queue shows now."""
        return self.query_state

    def rows_for(self, connection, key, start: int, count: int) -> list:
        """One window of rows (in a worker thread)."""
        return queue_page(connection, key, offset=start, limit=count, as_at=self.as_at)

    def _show_status(self) -> None:
        summary, query = self.summary, self.query_state
        line = Text()
        for label, count in (
            ("Received", summary.received),
            ("In triage", summary.in_triage),
            ("Decided", summary.decided),
        ):
            line.append(f"{label} ", style="bold")
            line.append(f"{count}  ")
        line.append(f"as at {self.as_at}  ", style="dim")
        line.append("Sort ", style="bold")
        line.append(SORT_LABELS[(query.sort, query.descending)])
        if query.hide_decided:
            line.append("  decided hidden", style="italic")
        self.query_one("#status", Static).update(line)
        self.table.sort_key = query.sort if query.sort in ("score", "reference", "title") else None
        self.table.sort_descending = query.descending
        self.table.refresh()

    # ------------------------------------------------------------- actions

    def apply_query(self, query: ProposalQuery, *, keep_cursor: bool = True) -> None:
        """Show the proposals for `query`."""
        self.query_state = query
        self.reload(keep=self.current_reference() if keep_cursor else None)

    @on(FilterInput.Changed, "#filter")
    def filter_changed(self, event: FilterInput.Changed) -> None:
        """Filter again as the user types."""
        self.apply_query(replace(self.query_state, text=event.value), keep_cursor=False)

    def action_sort_by_score(self) -> None:
        """Sort by total score, highest first; again to go back to age."""
        sort = "age" if self.query_state.sort == "score" else "score"
        self.apply_query(replace(self.query_state, sort=sort, descending=False))

    def action_toggle_decided(self) -> None:
        """Hide or show the decided proposals."""
        self.apply_query(replace(self.query_state, hide_decided=not self.query_state.hide_decided))

    @on(WindowTable.HeaderSelected, "#queue-table")
    def sort_by_header(self, event: WindowTable.HeaderSelected) -> None:
        """Sort by a clicked column (again to reverse)."""
        key = event.key
        if key not in SORT_CYCLE:
            return
        descending = key == self.query_state.sort and not self.query_state.descending
        self.apply_query(replace(self.query_state, sort=key, descending=descending))

    @on(WindowTable.RowSelected, "#queue-table")
    def open_row(self, event: WindowTable.RowSelected) -> None:
        """Open the triage form of the chosen proposal (headings do nothing)."""
        if isinstance(event.row, ProposalRow):
            self._open(event.row.reference)

    def action_open(self) -> None:
        """Open the triage form for the proposal under the cursor."""
        reference = self.current_reference()
        if reference:
            self._open(reference)

    def _open(self, reference: str) -> None:
        from screens.front_door.triage_form import TriageScreen

        self.app.push_screen(TriageScreen(reference))

    def action_new(self) -> None:
        """Log a new proposal."""
        from screens.front_door.proposal_form import ProposalFormScreen

        self.app.push_screen(ProposalFormScreen(), self._after_form)

    def action_edit(self) -> None:
        """Correct the proposal under the cursor."""
        from screens.front_door.proposal_form import ProposalFormScreen

        reference = self.current_reference()
        if reference:
            self.app.push_screen(ProposalFormScreen(reference), self._after_form)

    def _after_form(self, reference: str | None) -> None:
        if reference:
            self.keep_next = reference
            self.reload(keep=reference)

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
