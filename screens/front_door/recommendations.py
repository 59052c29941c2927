"""The review recommendations tracker: the stocktake's recommendations with owner, status
and % complete, and completion by heading and overall. `e` records progress."""

from __future__ import annotations

from functools import partial

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from screens.common.live_data import LiveData
from screens.common.role_keys import RoleKeys
from store.recommendations.queries import completion, list_recommendations
from store.recommendations.read_models import Completion, RecommendationRead
from store.recommendations.types import Heading
from store.users.roles import Permission
from widgets.bars import percent_bar
from widgets.fitted import Fitted
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import DataTable, Static, Table

HEADING_WIDTH = 22
BAR_WIDTH = 30  # cells of a heading's completion bar, where there is room
MIN_BAR = 6
HEADING_CYCLE: list[str | None] = [None, *(heading.value for heading in Heading)]
STATUS_MARKS = {
    "complete": "✓ complete",
    "in_progress": "… in progress",
    "not_started": "· not started",
}


def completion_table(by_heading: list[Completion], overall: Completion, width: int = 0) -> Table:
    """Completion per heading and overall: a bar with its % and the count complete. In
    `width` cells (0: no limit) the bar shortens, then the spacing and words close up."""
    rows = [*by_heading, overall]
    heading_width, padding, bar, short = HEADING_WIDTH, 2, BAR_WIDTH, False
    if width and width < _needed(rows, heading_width, padding, BAR_WIDTH, short=False):
        heading_width = max(cell_len(row.heading) for row in rows)
        padding, short = 1, True
        room = width - _needed(rows, heading_width, padding, 0, short=True)
        bar = max(MIN_BAR, min(BAR_WIDTH, room))
    grid = Table.grid(padding=(0, padding))
    grid.add_column(width=heading_width)
    grid.add_column()
    grid.add_column()
    for row in rows:
        count = Text(completion_words(row, short=short), style="bold" if row is overall else "")
        grid.add_row(Text(row.heading, style="bold"), percent_bar(row.percent, bar), count)
    return grid


def _needed(rows: list[Completion], heading: int, padding: int, bar: int, *, short: bool) -> int:
    words = max(cell_len(completion_words(row, short=short)) for row in rows)
    return heading + 2 * padding + bar + len(" 100%") + words


def completion_words(row: Completion, *, short: bool = False) -> str:
    """`3 of 7 complete, 4 in progress` (`3/7 complete, …` if `short`), and how many
    have not started, if any."""
    done = f"{row.complete}/{row.count}" if short else f"{row.complete} of {row.count}"
    words = f"{done} complete, {row.in_progress} in progress"
    return words + (f", {row.not_started} not started" if row.not_started else "")


class RecommendationsScreen(LiveData, RoleKeys, Screen):
    """Every recommendation of the stocktake and how far it has got."""

    CSS_PATH = "recommendations.tcss"
    HELP_TITLE = "Review recommendations"
    HELP = """
The recommendations of the 2020 stocktake of change, under its five headings:
Leadership, Structures, Portfolio & Beyond, Capabilities, and Behaviour & Cultures.
Each has an owner, a status and a **% complete**; the bars show completion by heading
and overall (the mean of the % complete).

Move with the arrow keys (or `j`/`k`); the full text of the highlighted one shows
below the table. `e` (or `enter`) records progress on it. `h` steps through the
headings to show one at a time. `escape` goes back.
"""

    BINDINGS = [
        Binding("e", "edit", "Record progress"),
        Binding("h", "cycle_heading", "Heading"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = {
        "edit": Permission.EDIT_RECOMMENDATIONS,
    }

    def __init__(self) -> None:
        super().__init__()
        self.heading: str | None = None
        self.rows: list[RecommendationRead] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="recs-summary")
        yield Fitted(id="by-heading")
        yield Static(id="recs-filter")
        yield DataTable(id="recs", cursor_type="row", zebra_stripes=True)
        yield Static(id="rec-detail")
        yield Footer()

    @property
    def table(self) -> DataTable:
        """The table of recommendations."""
        return self.query_one("#recs", DataTable)

    def on_mount(self) -> None:
        self.sub_title = "Review recommendations"
        for label, width in (
            ("No", 3),
            ("Heading", 18),
            ("Recommendation", 44),
            ("Owner", 20),
            ("Status", 13),
            ("%", 4),
        ):
            self.table.add_column(label, width=width)
        self.table.focus()
        self.load(keep=None)

    def on_screen_resume(self) -> None:
        self.load(keep=self.current_number())

    def current_number(self) -> int | None:
        """The number of the recommendation under the cursor."""
        if not self.rows or self.table.row_count == 0:
            return None
        return self.rows[min(self.table.cursor_row, len(self.rows) - 1)].number

    @work(thread=True, exclusive=True, group="recommendations")
    def load(self, keep: int | None) -> None:
        """Read the recommendations and their completion off the event loop."""
        heading = self.heading
        with self.app.store.reading() as connection:
            rows = list_recommendations(connection, heading)
            by_heading, overall = completion(connection)
        self.app.call_from_thread(self.show, rows, by_heading, overall, keep)

    def show(self, rows, by_heading, overall: Completion, keep: int | None) -> None:
        """Fill the summary, the bars and the table."""
        self.data_shown()
        self.rows = rows
        summary = Text().append(
            f"{overall.count} recommendations from the stocktake · ", style="bold"
        )
        summary.append(f"{overall.percent}% complete overall", style="bold")
        summary.append(
            f" · {overall.complete} complete, {overall.in_progress} in progress, "
            f"{overall.not_started} not started"
        )
        self.query_one("#recs-summary", Static).update(summary)
        self.query_one("#by-heading", Fitted).show(partial(completion_table, by_heading, overall))
        shown = Text().append("Showing ", style="bold")
        shown.append(self.heading or "every heading")
        shown.append(f" ({len(rows)})   h changes the heading", style="dim")
        self.query_one("#recs-filter", Static).update(shown)
        table = self.table
        table.clear()
        for row in rows:
            table.add_row(
                str(row.number),
                row.heading,
                row.text,
                row.owner,
                STATUS_MARKS[row.status],
                Text(
                    f"{row.percent_complete:>3}",
                    style="bold" if row.percent_complete == 100 else "",
                ),
                key=str(row.number),
            )
        numbers = [row.number for row in rows]
        if keep in numbers:
            table.move_cursor(row=numbers.index(keep))
        self._show_detail()

    @on(DataTable.RowHighlighted, "#recs")
    def _show_detail(self) -> None:
        if not self.rows:
            self.query_one("#rec-detail", Static).update("")
            return
        row = self.rows[min(self.table.cursor_row, len(self.rows) - 1)]
        text = Text().append(f"{row.number}. {row.heading}: ", style="bold")
        text.append(row.text + "\n")
        text.append(f"Owner {row.owner or '—'} · {row.status_label}, {row.percent_complete}%")
        if row.updated_by:
            text.append(f" · last updated by {row.updated_by}", style="dim")
        self.query_one("#rec-detail", Static).update(text)

    @on(DataTable.RowSelected, "#recs")
    def action_edit(self) -> None:
        """Record progress on the highlighted recommendation."""
        if self.refused("edit") or not self.rows:
            return
        from screens.front_door.progress_editor import ProgressEditorScreen

        row = self.rows[min(self.table.cursor_row, len(self.rows) - 1)]
        self.app.push_screen(ProgressEditorScreen(row), self._after_edit)

    def _after_edit(self, saved: RecommendationRead | None) -> None:
        if saved is not None:
            self.notify(
                f"Recommendation {saved.number}: {saved.status_label}, {saved.percent_complete}%",
                title="Progress recorded",
            )

    def action_cycle_heading(self) -> None:
        """Show one heading at a time, then all again."""
        index = HEADING_CYCLE.index(self.heading)
        self.heading = HEADING_CYCLE[(index + 1) % len(HEADING_CYCLE)]
        self.load(keep=None)

    def action_move(self, delta: int) -> None:
        """Move the cursor (j and k)."""
        if self.table.has_focus:
            self.table.move_cursor(row=max(0, self.table.cursor_row + delta))

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
