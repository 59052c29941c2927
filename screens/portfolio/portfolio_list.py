"""The portfolio list: every initiative, filtered and sorted in SQL, shown a window at a time."""

from __future__ import annotations

import shlex
from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.messages import Update
from textual.screen import Screen
from textual.worker import get_current_worker

from screens.common.as_at import period_as_at
from screens.common.list_screen import ListFilter, SortKeys, WindowedRows
from screens.common.live_data import LiveData
from screens.common.navigation import DESTINATIONS
from screens.common.open_row import OPEN_ROW, OpensRow
from screens.portfolio.indexed_list import IndexedList
from screens.portfolio.list_columns import portfolio_columns
from store.first_read import FirstRead
from store.portfolio.list_read import PAGE, ListRead, read_list
from store.portfolio.queries import NO_RAG, PortfolioQuery, portfolio_page
from store.portfolio.read_models import PortfolioRow, PortfolioSummary
from store.types import Tier
from widgets.filter_input import FOCUS_FILTER, FilterInput
from widgets.footer import Footer
from widgets.go_to_line import GoToLine
from widgets.header import Header
from widgets.plain_text import Static
from widgets.rag import rag_badge
from widgets.window_table import WindowTable

NO_MATCH = "No initiatives match. Press escape to clear the filter."


def empty_database_text(path: object) -> str:
    """What the list says on a database with no initiatives: the commands that load some."""
    where = shlex.quote(str(path))
    return (
        "The database is empty: there are no initiatives yet.\n"
        "To load the demo or an export (json, xlsx, csv), quit (ctrl+q) and run\n"
        f"  portfolio demo --db {where}\n"
        f"  portfolio import FILE --db {where}"
    )


TIER_CYCLE: list[str | None] = [None, *(tier.value for tier in Tier)]
SORT_CYCLE = [
    "hierarchy",
    "code",
    "name",
    "business_group",
    "tier",
    "complexity",
    "rag",
    "trend",
    "sro",
    "period",
]
SORT_LABELS = {
    "hierarchy": "hierarchy",
    "business_group": "business group",
    "rag": "RAG",
    "sro": "SRO",
}


class PortfolioListScreen(
    OpensRow, LiveData, IndexedList, WindowedRows, ListFilter, SortKeys, Screen
):
    """The first screen: the register of change, with the overall RAG of each entry."""

    CSS_PATH = "portfolio_list.tcss"
    PAGE = PAGE
    SORT_CYCLE = SORT_CYCLE
    HELP_TITLE = "Portfolio list"
    OPEN_FROM = "portfolio-table"
    HELP = """
One row per programme, project and workstream, in hierarchy order: children sit under
their parent, indented. **RAG** is the latest RAG of the headline criterion (the first on
the RAG criteria screen; the demo's *Overall status*), shown as a coloured badge with its
letter. **T** is the trend against the previous assessed period (▲ better,
▼ worse, = unchanged). **Conf** is the delivery confidence in force, the team's own
forward-looking rating in letters (G, A/G, A, A/R, R; – when none has been recorded);
the Status tab shows its history and any independent assurance rating. **Last RAG**
is the period of the latest assessment; *stale* means there is none for the current
period yet, and *not yet rated* that there is none at all. Overdue and stale are as
at the date in the header: the end of the current reporting period, or today while it
runs. **Late** shows `!` and how many of the
initiative's milestones are overdue (not done, and the forecast or baseline date has
passed); its Milestones tab lists them.

Type `/` to filter by code, name, business group or SRO (several words must all match).
`enter` or `down` goes back to the list keeping the filter; `escape` clears it and goes
back to the list.
`r`, `a`, `g` and `n` toggle quick filters for Red, Amber, Green and no RAG;
`t` steps through the tiers; `!` shows only initiatives with an open Response to Red
(opened when delivery confidence or the headline RAG turns Red); `o` changes the sort
column and `O` reverses it (clicking a column header sorts by it too). `x` clears the
quick filters.

The line above the footer names the keys that open the other screens (`s` Star Chamber,
`p` board pack, `e` data exchange and the rest); `m` opens a menu of every screen, with
its key and what it is for; `B` opens the portfolio benefits view (realised against
planned by business group and tier, and the benefits behind profile). `P` changes the
current reporting period (so does the command palette's "Change reporting period").
"""

    BINDINGS = [
        FOCUS_FILTER,
        OPEN_ROW,  # `enter`, answered at once (`screens.common.open_row`)
        # Quick filters and sort: taught by the status line, so the footer has room
        # for the other screens' keys.
        Binding("r", "toggle_rag('R')", "Red", show=False),
        Binding("a", "toggle_rag('A')", "Amber", show=False),
        Binding("g", "toggle_rag('G')", "Green", show=False),
        Binding("n", "toggle_rag('-')", "No RAG", show=False),
        Binding("t", "cycle_tier", "Tier", show=False),
        Binding("o", "cycle_sort", "Sort", show=False),
        Binding("O", "reverse_sort", "Reverse sort", show=False),
        Binding("exclamation_mark", "toggle_red_response", "Open Responses to Red", show=False),
        Binding("x", "clear_quick_filters", "Clear quick filters", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("m", "go_menu", "Go to…"),
        Binding("B", "benefits", "Portfolio benefits", show=False),
        Binding("P", "change_period", "Change reporting period", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # The destination keys are named on the go-to line, not the footer (which has
        # room for only a few of them).
        for destination in DESTINATIONS:
            if destination.key:
                self._bindings.bind(
                    destination.key,
                    f"go({destination.name!r})",
                    f"Go to {destination.name}",
                    show=False,
                )
        self.query_state = PortfolioQuery()
        self.summary: PortfolioSummary | None = None
        self.period = ""
        self._serial = 0
        self._cursor_when_asked = 0
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterInput(
            placeholder="/ filter by code, name, business group or SRO",
            id="filter",
            list_id="portfolio-table",
        )
        yield Static(id="status")
        yield WindowTable(
            portfolio_columns(),
            page_size=PAGE,
            empty_text=NO_MATCH,
            id="portfolio-table",
            rows_are_values=True,
        )
        keys = [(d.key, d.short_name) for d in DESTINATIONS if d.key]
        yield GoToLine(keys, "m", id="go-to-line")
        yield Footer(compact=True)

    @property
    def table(self) -> WindowTable:
        """The windowed table of initiatives."""
        return self.query_one("#portfolio-table", WindowTable)

    def on_mount(self) -> None:
        self.table.focus()
        first_read = self.app.take_first_read()  # made while the app started, if it was
        read = first_read.ready() if first_read is not None else None
        if read is not None and read.query == self.query_state:
            self._serial += 1
            self.show_read(self._serial, read)  # in the first frame
        else:
            self.reload(keep_code=None, first_read=first_read)

    def on_screen_resume(self) -> None:
        if not self._resumed:  # first shown: its rows are read already, or on their way
            self._resumed = True
            return
        self.drop_index()  # back from another screen, or someone saved: read afresh
        row = self.table.current_row if self.summary is not None else None
        self.reload(keep_code=row.code if row else None)

    # ------------------------------------------------------------- loading

    def reload(self, keep_code: str | None, first_read: FirstRead | None = None) -> None:
        """Query again for the current filter, keeping `keep_code` under the cursor if
        shown (the app's `first_read`, once it is done, in place of the first query)."""
        self._serial += 1
        self.table.rows_coming()
        self._cursor_when_asked = self.table.cursor if self.summary is not None else 0
        self.load(self.query_state, keep_code, self._serial, first_read)

    @work(thread=True, exclusive=True, group="portfolio-query")
    def load(
        self,
        query: PortfolioQuery,
        keep_code: str | None,
        serial: int,
        first_read: FirstRead | None = None,
    ) -> None:
        """Count, summarise and fetch the window around the cursor, off the event loop."""
        read = first_read.wait() if first_read is not None else None
        if read is None or read.query != query:
            with self.app.store.reading() as connection:
                read = read_list(connection, query, keep_code)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_read, serial, read)

    def show_read(self, serial: int, read: ListRead) -> None:
        """Put one read of the list on screen (`show`)."""
        rows = (read.summary, read.start, read.rows, read.cursor, read.period)
        self.show(serial, *rows, empty=read.empty)

    def show(
        self,
        serial: int,
        summary: PortfolioSummary,
        start: int,
        rows: list[PortfolioRow],
        cursor: int,
        period: str,
        *,
        empty: bool = False,
    ) -> None:
        """Put a query's results on screen, unless a newer query has been asked for;
        `empty`: the database has no initiatives at all (not just none that match)."""
        if serial != self._serial:
            return
        if self.summary is None:  # the first rows: once painted, read the list for the filter
            self.call_after_refresh(self.ensure_index)
        self.data_shown()
        # Keys pressed while the query ran (e.g. `j` straight after coming back from a
        # detail screen) still count: move on from the kept row by as many rows.
        moved = self.table.cursor - self._cursor_when_asked if self.summary is not None else 0
        cursor = max(0, min(cursor + moved, summary.total - 1))
        self.summary = summary
        self.period = period
        self.table.empty_text = empty_database_text(self.app.store.path) if empty else NO_MATCH
        self.table.reset(summary.total, start, rows, cursor)
        self.sub_title = period_as_at(period)
        self._show_status()
        # Repaint in the frame already asked for (the filter's echo): the table's own
        # request reaches the screen a message later, a frame (16 ms or more) behind.
        # The table and its status line only: the whole screen would draw every widget.
        for widget in (self.table, self.query_one("#status", Static)):
            self.post_message(Update(widget))

    def window_key(self):
        """The filters and sort the list shows now."""
        return self.query_state

    def rows_for(self, connection, key, start: int, count: int) -> list:
        """One window of rows (in a worker thread)."""
        rows = self.indexed_window(key, start, count)
        if rows is not None:
            return rows
        return portfolio_page(connection, key, offset=start, limit=count)

    # -------------------------------------------------------------- status

    def _show_status(self) -> None:
        query, summary = self.query_state, self.summary
        counts = {"R": summary.red, "A": summary.amber, "G": summary.green, NO_RAG: summary.unrated}
        keys = {"R": "r", "A": "a", "G": "g", NO_RAG: "n"}
        line = Text()
        for letter, count in counts.items():
            chosen = letter in query.rags
            line.append(keys[letter], style="bold #ffa62b")
            line.append(f"[{'x' if chosen else ' '}]", style="bold" if chosen else "dim")
            line.append_text(rag_badge(letter if letter != NO_RAG else None))
            line.append(f"{count:>5}  ")
        if query.red_response:  # said only while on: the line is as it was otherwise
            line.append("![x] open Response to Red  ", style="bold")
        line.append(" t", style="bold #ffa62b")
        line.append(" Tier ", style="bold")
        line.append(Tier.words(query.tier, "all"))
        sort_label = SORT_LABELS.get(query.sort, query.sort)
        line.append("   o", style="bold #ffa62b")
        line.append(" Sort ", style="bold")
        line.append(f"{sort_label} {'▼' if query.descending else '▲'}")
        line.append(f"   {summary.total} shown", style="bold")
        # One line of fixed height: no layout pass needed (it would reflow the screen).
        self.query_one("#status", Static).update(line, layout=False)
        table = self.table
        table.sort_key = None if query.sort == "hierarchy" else query.sort
        table.sort_descending = query.descending
        table.refresh()

    # ------------------------------------------------------------- actions

    def apply_query(self, query: PortfolioQuery, *, keep_cursor: bool = True) -> None:
        """Show the initiatives for `query`."""
        self.query_state = query
        row = self.table.current_row if keep_cursor else None
        keep_code = row.code if row else None
        if not self.show_from_index(query, keep_code):
            self.reload(keep_code=keep_code)
        self.ensure_index()

    @on(FilterInput.Changed, "#filter")
    def filter_changed(self, event: FilterInput.Changed) -> None:
        self.apply_query(replace(self.query_state, text=event.value), keep_cursor=False)

    def action_focus_filter(self) -> None:
        """Into the filter box; the list is read into memory for the typing to come."""
        self.ensure_index()
        super().action_focus_filter()

    def action_clear_filter(self) -> None:
        """Clear the text filter (quick filters stay)."""
        self.query_one("#filter", FilterInput).clear()

    def action_toggle_rag(self, letter: str) -> None:
        """Show or hide rows with this overall RAG."""
        rags = set(self.query_state.rags) ^ {letter}
        self.apply_query(replace(self.query_state, rags=frozenset(rags)))

    def action_cycle_tier(self) -> None:
        """Step the tier filter: all, then each tier in turn."""
        index = TIER_CYCLE.index(self.query_state.tier)
        self.apply_query(replace(self.query_state, tier=TIER_CYCLE[(index + 1) % len(TIER_CYCLE)]))

    def action_toggle_red_response(self) -> None:
        """Show only initiatives with an open Response to Red, or all again."""
        red_response = not self.query_state.red_response
        self.apply_query(replace(self.query_state, red_response=red_response))

    def action_clear_quick_filters(self) -> None:
        """Show every RAG and tier again, and not only open Responses to Red."""
        self.apply_query(replace(self.query_state, rags=frozenset(), tier=None, red_response=False))

    @on(WindowTable.HeaderSelected, "#portfolio-table")
    def sort_by_header(self, event: WindowTable.HeaderSelected) -> None:
        key = event.key if event.key in SORT_CYCLE else "hierarchy"
        descending = key == self.query_state.sort and not self.query_state.descending
        self.apply_query(replace(self.query_state, sort=key, descending=descending))

    @on(WindowTable.RowSelected, "#portfolio-table")
    def open_row(self, event: WindowTable.RowSelected) -> None:
        self.app.open_initiative(event.row.code)

    def action_go(self, name: str) -> None:
        """Open another top-level screen by its name."""
        self.app.go_to(next(d for d in DESTINATIONS if d.name == name))

    def action_benefits(self) -> None:
        """Open the portfolio benefits view (not on the go-to menu: its picture stays)."""
        from screens.benefits.portfolio_benefits import PortfolioBenefitsScreen

        self.app.push_screen(PortfolioBenefitsScreen())

    def action_go_menu(self) -> None:
        """Open the menu of every screen."""
        from screens.common.go_to import GoToMenu

        def chosen(destination) -> None:
            if destination is not None:
                self.app.go_to(destination)

        self.app.push_screen(GoToMenu(), chosen)

    def action_change_period(self) -> None:
        """Change the current reporting period (a role that may not is told why)."""
        from screens.portfolio.period_form import change_period

        change_period(self)
