"""The high-level timeline (Annex B): one row per programme, by calendar quarter, with
its own milestones and those of its projects and workstreams on the bar."""

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
from screens.common.open_row import OPEN_ROW, OpensRow
from store import clock
from store.periods import Period, period_of
from store.portfolio.queries import reporting_date
from store.programme.milestones.queries import (
    TimelineQuery,
    timeline_count,
    timeline_page,
    timeline_span,
)
from store.programme.milestones.read_models import TimelineRow
from widgets.filter_input import FOCUS_FILTER, FilterInput
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Static
from widgets.rag import rag_badge
from widgets.timeline_bar import CELL, quarter_header, timeline_bar, year_header
from widgets.window_table import Column, WindowTable

PAGE = 100
QUARTERS = 16
CODE_WIDTH = 11  # the longest code in the demo (ESTATE-2021), as on the portfolio list
NAME_WIDTH = 30


def quarters_after(start: Period, count: int) -> Period:
    """The quarter `count` quarters after `start`."""
    for _ in range(count):
        start = start.next()
    return start


class TimelineScreen(OpensRow, LiveData, WindowedRows, ListFilter, Screen):
    """Programmes across the quarters, with milestones; `enter` opens one."""

    CSS_PATH = "timeline.tcss"
    HELP_TITLE = "Timeline"
    OPEN_FROM = "timeline-table"
    HELP = """
One row per programme, across four years of calendar quarters. The bar runs from the
programme's start to its end, coloured by its overall RAG (the **RAG** column gives the
letter). `◀` or `▶` at an edge means the bar carries on beyond the window.

Milestones of the programme and of its projects and workstreams sit on the bar:
`◆` to come, `✓` done, `!` **overdue** (not done, and its forecast or baseline date
has passed) as at the reporting date. `+` means more than three fall in that quarter.
The quarter of the reporting date (the header's *as at*: the end of the current
reporting period, or today while it runs) is shaded and marked `▾`.

`left`/`right` (or `[`/`]`) move the window a quarter; `home` brings it back to the
year before the reporting date.
`up`/`down` (or `j`/`k`) move between programmes, and the lines below list the
highlighted programme's milestones with their slippage. `enter` opens the programme.
`/` filters by code, name or business group; `escape` goes back.
"""

    BINDINGS = [
        FOCUS_FILTER,
        Binding("left,left_square_bracket", "shift(-1)", "Earlier"),
        Binding("right,right_square_bracket", "shift(1)", "Later"),
        Binding("home", "to_today", "Back to the reporting date", show=False),
        OPEN_ROW,  # `enter`, answered at once (`screens.common.open_row`)
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # The day the timeline is as at: today until the reporting date is read.
        self.as_at = clock.today()
        self.home = Period(self.as_at.year - 1, 1)
        self.first = self.home
        self.query_state = TimelineQuery()
        self._serial = 0
        self.shown = False  # once the first rows are on screen

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterInput(
            placeholder="/ filter by code, name or business group",
            id="filter",
            list_id="timeline-table",
        )
        yield Static(id="quarters")
        yield WindowTable(
            self._columns(),
            page_size=PAGE,
            empty_text="No programmes match. Press escape to clear the filter.",
            id="timeline-table",
        )
        yield Static(id="timeline-detail")
        yield Footer()

    def _columns(self) -> list[Column]:
        first, as_at = self.first, self.as_at
        return [
            Column("code", "Code", CODE_WIDTH, lambda row: row.code),
            Column("name", "Programme", NAME_WIDTH, lambda row: row.name),
            Column("rag", "RAG", 3, lambda row: rag_badge(row.rag)),
            Column(
                "bar",
                year_header(first, QUARTERS),
                QUARTERS * CELL,
                lambda row: timeline_bar(row, first, QUARTERS, as_at),
            ),
        ]

    @property
    def table(self) -> WindowTable:
        """The windowed table of programmes."""
        return self.query_one("#timeline-table", WindowTable)

    def on_mount(self) -> None:
        self.sub_title = "Programmes by quarter"
        self._show_quarters()
        self.table.focus()
        self.reload()

    def _show_quarters(self) -> None:
        offset = CODE_WIDTH + NAME_WIDTH + 3 + 3
        line = Text(" " * offset)
        line.append_text(quarter_header(self.first, QUARTERS, self.as_at))
        self.query_one("#quarters", Static).update(line)

    # ------------------------------------------------------------- loading

    def on_screen_resume(self) -> None:
        """Back from a programme, where a milestone may have moved: read the rows again,
        keeping the cursor where it was."""
        if self.shown:
            self.reload(keep=self.table.cursor)

    def reload(self, keep: int = 0) -> None:
        """Count and fetch the programmes for the current filter."""
        self._serial += 1
        self.table.rows_coming()
        self.load(self.query_state, keep, self._serial)

    def _place(self, span: tuple, as_at: date) -> None:
        """Mark the reporting date and start the window at the year before it, unless no
        programme runs then: then start at the year the earliest programme began."""
        self.as_at = as_at
        self.sub_title = f"Programmes by quarter · as at {as_at}"
        self.home = Period(as_at.year - 1, 1)
        first_start, last_end = span
        if first_start is not None and last_end is not None:
            window_end = quarters_after(self.home, QUARTERS - 1)
            if window_end < period_of(first_start) or period_of(last_end) < self.home:
                self.home = Period(first_start.year, 1)
        self.first = self.home
        self._redraw()

    @work(thread=True, exclusive=True, group="timeline")
    def load(self, query: TimelineQuery, keep: int, serial: int) -> None:
        """The count and the window around the cursor, off the event loop."""
        with self.app.store.reading() as connection:
            if serial == 1:
                span, as_at = timeline_span(connection), reporting_date(connection)
                self.app.call_from_thread(self._place, span, as_at)
            total = timeline_count(connection, query)
            cursor = min(keep, max(0, total - 1))
            start = max(0, cursor - PAGE // 2)
            rows = timeline_page(connection, query, offset=start, limit=PAGE)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, serial, total, start, rows, cursor)

    def _show(
        self, serial: int, total: int, start: int, rows: list[TimelineRow], cursor: int
    ) -> None:
        if serial == self._serial:
            self.shown = True
            self.data_shown()
            self.table.reset(total, start, rows, cursor)

    def window_key(self):
        """The filter the timeline shows now."""
        return self.query_state

    def rows_for(self, connection, key, start: int, count: int) -> list:
        """One window of rows (in a worker thread)."""
        return timeline_page(connection, key, offset=start, limit=count)

    # ------------------------------------------------------------- details

    @on(WindowTable.RowHighlighted, "#timeline-table")
    def _describe(self, event: WindowTable.RowHighlighted) -> None:
        row: TimelineRow | None = event.row
        detail = self.query_one("#timeline-detail", Static)
        if row is None:
            detail.update("")
            return
        text = Text(f"{row.code} {row.name}", style="bold")
        text.append(f"   {row.start_date or '?'} → {row.end_date or '?'}   ")
        if row.overdue:
            text.append(f"{row.overdue} overdue", style="bold #ff5252")
        for mark in sorted(row.marks, key=lambda m: m.on)[:6]:
            symbol = "!" if mark.overdue else ("✓" if mark.status == "done" else "◆")
            text.append(f"\n {symbol} {mark.on}  {mark.code:<9} {mark.name}")
        if len(row.marks) > 6:
            text.append(f"\n   … and {len(row.marks) - 6} more (open the programme to see all)")
        if not row.marks:
            text.append("\n   no milestones recorded")
        detail.update(text)

    # ------------------------------------------------------------- actions

    def _redraw(self) -> None:
        self.table.columns = self._columns()
        self._show_quarters()
        self.table.invalidate()

    def action_shift(self, quarters: int) -> None:
        """Move the window of quarters earlier or later."""
        first = self.first
        for _ in range(abs(quarters)):
            first = first.next() if quarters > 0 else first.previous()
        self.first = first
        self._redraw()

    def action_to_today(self) -> None:
        """Bring the window back to the year before the reporting date and after."""
        self.first = self.home
        self._redraw()

    @on(FilterInput.Changed, "#filter")
    def _filter(self, event: FilterInput.Changed) -> None:
        self.query_state = replace(self.query_state, text=event.value)
        self.reload()

    @on(WindowTable.RowSelected, "#timeline-table")
    def _selected(self, event: WindowTable.RowSelected) -> None:
        self.app.open_initiative(event.row.code)

    def action_back(self) -> None:
        """Go back to where the timeline was opened from."""
        self.app.pop_screen()
