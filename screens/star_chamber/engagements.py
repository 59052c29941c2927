"""Temporary and agency engagements: who, which post, since when, and the approved
maximum end date, soonest first, with those ending within N weeks picked out."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import get_current_worker

from screens.common.list_screen import WindowedRows
from screens.common.live_data import LiveData
from screens.common.role_keys import RoleKeys
from store.periods import age_text
from store.portfolio.queries import reporting_date
from store.star_chamber.queries.engagements import engagement_count, engagements
from store.star_chamber.read_models import EngagementRow
from store.users.roles import Permission
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Static
from widgets.star_chamber import staff_type_text
from widgets.window_table import Column, WindowTable

PAGE = 100


def weeks_cell(row: EngagementRow, as_at: date, within: int) -> Text:
    """Weeks left to the approved maximum on the reporting date `as_at`, marked when past
    it or close to it; an engagement that started after `as_at` has none yet."""
    if row.status != "active":
        return Text(f"ended {row.ended_on.isoformat()}", style="dim")
    if row.start_on > as_at:
        return Text(f"started {age_text(row.start_on, as_at, brief=True)}", style="dim")
    left = row.weeks_left(as_at)
    if row.max_end_on < as_at:
        return Text(f"⚠ PAST MAX ({-left} wk)", style="bold #ffffff on #b71c1c")
    if left <= within:
        return Text(f"⚠ {left} wk left", style="bold #000000 on #ffb300")
    return Text(f"{left} wk left")


def engagement_columns(screen: EngagementsScreen) -> list[Column]:
    """The list's columns; the post takes the spare width. Too narrow for all, the start
    date goes first, then band, type, group and maximum end date: who, which post,
    weeks left and any extension stay."""
    return [
        Column("reference", "Ref", 7, lambda r: r.reference),
        Column("worker", "Worker", 15, lambda r: r.worker),
        Column("type", "Type", 6, lambda r: staff_type_text(r.staff_type), drops=3),
        Column("group", "BG", 4, lambda r: r.business_group, drops=2),
        Column("post", "Post", 0, lambda r: r.post, min_width=18),
        Column("grade", "Band", 6, lambda r: r.grade, drops=4),
        Column("start", "Started", 10, lambda r: r.start_on.isoformat(), drops=5),
        Column("max", "Max end", 10, lambda r: r.max_end_on.isoformat(), drops=1),
        Column("left", "Weeks left", 19, lambda r: weeks_cell(r, screen.as_at, screen.within)),
        Column("extension", "Extension", 12, lambda r: r.pending_extension or "—"),
    ]


class EngagementsScreen(LiveData, RoleKeys, WindowedRows, Screen):
    """Temporary and agency workers and how long each may stay."""

    CSS_PATH = "engagements.tcss"
    HELP_TITLE = "Temporary engagements"
    HELP = """
Every temporary and agency worker, soonest approved maximum end date first, as at the
reporting date (the end of the current reporting period, or today while it runs; the
status line names it): weeks left count to that date. The
Star Chamber sets each maximum; only an extension it approves can move one, and an
engagement cannot be recorded as running past it.

`a` switches between engagements ending within N weeks (⚠ marks them, and any past
their maximum) and every active one; `+` and `-` change N. `h` includes ended ones.
`x` raises an extension request for the highlighted worker (it goes to the Star
Chamber like a vacancy). `s` records a worker starting against an approved request;
`t` records the highlighted engagement ending. `escape` goes back.
"""

    BINDINGS = [
        Binding("a", "toggle_soon", "Ending soon / all"),
        Binding("plus,equals_sign", "weeks(1)", "+1 week"),
        Binding("minus", "weeks(-1)", "-1 week"),
        Binding("h", "toggle_ended", "Include ended", show=False),
        Binding("x", "extension", "Extension request"),
        Binding("s", "start", "Start", show=False),
        Binding("t", "end", "End engagement", show=False),
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = {
        "extension": Permission.LOG_VACANCY_REQUESTS,
        "start": Permission.MANAGE_ENGAGEMENTS,
        "end": Permission.MANAGE_ENGAGEMENTS,
    }

    def __init__(self) -> None:
        super().__init__()
        self.within = 4
        self.only_soon = True
        self.include_ended = False
        self.as_at: date | None = None  # the reporting date, read with each load
        self._serial = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="en-status")
        yield WindowTable(
            engagement_columns(self),
            page_size=PAGE,
            empty_text="No engagements here. Press a to see every active one.",
            id="en-table",
        )
        yield Footer()

    @property
    def table(self) -> WindowTable:
        """The engagements."""
        return self.query_one("#en-table", WindowTable)

    def on_mount(self) -> None:
        self.sub_title = "Temporary engagements"
        self.table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def _filters(self) -> dict:
        return {
            "today": self.as_at,
            "ending_within_weeks": self.within if self.only_soon else None,
            "include_ended": self.include_ended,
        }

    def reload(self) -> None:
        """Read the list again for the current filters."""
        self._serial += 1
        self.table.rows_coming()
        self.load(self._filters(), self._serial)

    @work(thread=True, exclusive=True, group="en-load")
    def load(self, filters: dict, serial: int) -> None:
        """Count and fetch the first window off the event loop, as at the reporting date."""
        with self.app.store.reading() as connection:
            filters = {**filters, "today": reporting_date(connection)}
            total = engagement_count(connection, **filters)
            rows = engagements(connection, **filters, limit=PAGE)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, serial, total, rows, filters["today"])

    def show(self, serial: int, total: int, rows: list[EngagementRow], as_at: date) -> None:
        """Put the rows on screen unless a newer read was asked for."""
        if serial != self._serial:
            return
        self.data_shown()
        self.as_at = as_at
        self.table.reset(total, 0, rows, min(self.table.cursor, max(total - 1, 0)))
        line = Text("Showing ", style="bold")
        if self.only_soon:
            line.append(f"engagements ending within {self.within} weeks")
        else:
            line.append(
                "every active engagement" + (" and ended ones" if self.include_ended else "")
            )
        line.append(f"   {total}", style="bold")
        line.append(f"   as at {as_at}", style="dim")
        self.query_one("#en-status", Static).update(line)

    def window_key(self):
        """The filters the list shows now."""
        return self._filters()

    def rows_for(self, connection, key, start: int, count: int) -> list:
        """One window of rows (in a worker thread)."""
        return engagements(connection, **key, offset=start, limit=count)

    def action_toggle_soon(self) -> None:
        """Switch between ending soon and every engagement."""
        self.only_soon = not self.only_soon
        self.reload()

    def action_weeks(self, step: int) -> None:
        """Change how many weeks ahead counts as ending soon."""
        self.within = max(0, min(52, self.within + step))
        self.only_soon = True
        self.reload()

    def action_toggle_ended(self) -> None:
        """Include or leave out engagements that have ended."""
        self.include_ended = not self.include_ended
        self.only_soon = False
        self.reload()

    def _active_row(self) -> EngagementRow | None:
        row = self.table.current_row
        if row is None:
            return None
        if row.status != "active":
            self.notify(f"{row.reference} has ended.")
            return None
        return row

    def action_extension(self) -> None:
        """Ask the Star Chamber to extend the highlighted engagement."""
        row = self._active_row()
        if row is None:
            return
        if row.pending_extension:
            self.notify(f"{row.reference} already has {row.pending_extension} waiting.")
            return
        from screens.star_chamber.forms import extension_form

        self.app.push_screen(extension_form(row), self._requested)

    def _requested(self, saved) -> None:
        if saved is not None:
            self.notify(
                f"Logged {saved.reference}; put it on an agenda from the Star Chamber screen.",
                title="Extension requested",
            )
            self.reload()

    def action_start(self) -> None:
        """Record a worker starting against an approved request."""
        from screens.star_chamber.forms import start_engagement_form

        self.app.push_screen(start_engagement_form(), self._changed)

    def action_end(self) -> None:
        """Record the highlighted engagement ending."""
        row = self._active_row()
        if row is None:
            return
        from screens.star_chamber.forms import end_engagement_form

        self.app.push_screen(end_engagement_form(row), self._changed)

    def _changed(self, saved) -> None:
        if saved is not None:
            self.notify(f"{saved.reference} {saved.worker}: {saved.status}")
            self.reload()

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
