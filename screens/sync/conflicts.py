"""Sync conflicts: the operations made offline that the server refused, with why.

Each row is one operation (in the order it was made on the laptop): when, what, and
the server's reason. `enter` opens it in the conflict dialog (yours against theirs,
who changed it and when) to re-apply yours on top of theirs, take theirs or drop
yours (`store.sync.conflicts.resolve_conflict`, in a worker). A busy database is
retried every second as a save is; the list and the title bar's badge then follow.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from screens.common.busy_retry import BusyRetry, stopped_message
from screens.common.live_data import LiveData
from screens.sync.conflict_dialog import HOW, SyncConflictDialog
from store import clock
from store.errors import DatabaseBusyError, PortfolioError
from store.sync.types import DROP, REAPPLY, TAKE_THEIRS, ConflictRead
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Static
from widgets.window_table import Column, WindowTable

DONE = {
    REAPPLY: "Re-applied {what}: it goes to the server with the next sync (S).",
    TAKE_THEIRS: "Took theirs for {what}: the server's stands.",
    DROP: "Dropped {what}.",
}


def conflict_columns() -> list[Column]:
    """The op's number in the journal, when, what and why; the reason takes the spare
    width (and shows in full under the table)."""
    return [
        Column("seq", "Op", 4, lambda c: str(c.seq)),
        Column("at", "Done offline", 16, lambda c: c.at[:16].replace("T", " "), drops=1),
        Column("what", "What", 26, lambda c: c.what),
        Column("reason", "Why the server refused it", 0, lambda c: c.reason, min_width=20),
    ]


class ConflictsScreen(LiveData, BusyRetry, Screen):
    """The operations the server refused, and what to do with each."""

    CSS_PATH = "conflicts.tcss"
    HELP_TITLE = "Sync conflicts"
    HELP = """
What you did on this laptop offline that the server refused at sync, with its reason:
someone changed the record first, a request was withdrawn or decided meanwhile, a code
was taken, or your role changed. Nothing refused is lost or applied silently: it waits
here until you decide.

`enter` opens the highlighted one: your values against the server's, who changed it
there and when. In it `a` re-applies yours on top of theirs (sent with the next sync),
`r` takes theirs and `d` drops yours. `S` syncs. `escape` goes back.
"""

    BINDINGS = [
        Binding("enter", "open", "Open"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ConflictRead] = []
        self.saving = False  # a resolution is being written
        self._wanted: tuple[ConflictRead, str] | None = None  # retried when busy

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the conflicts…", id="cf-status")
        yield WindowTable(
            conflict_columns(),
            page_size=200,
            empty_text="No conflicts: everything done offline is on the server or waits to go.",
            id="cf-table",
        )
        yield Static("", id="cf-detail")
        yield Static("", id="cf-message")
        yield Footer()

    @property
    def table(self) -> WindowTable:
        """The conflicts."""
        return self.query_one("#cf-table", WindowTable)

    def on_mount(self) -> None:
        self.sub_title = "Sync conflicts"
        self.table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="cf-load")
    def reload(self) -> None:
        """Read the conflicts off the event loop."""
        from store.sync.conflicts import list_conflicts

        rows = list_conflicts(self.app.store)
        self.app.call_from_thread(self.show, rows)

    def show(self, rows: list[ConflictRead]) -> None:
        """Put the conflicts on screen, keeping the cursor where it was."""
        self.data_shown()
        self.rows = rows
        self.table.reset(len(rows), 0, rows, min(self.table.cursor, max(len(rows) - 1, 0)))
        line = Text(f"{len(rows)} conflict" + ("" if len(rows) == 1 else "s"), style="bold")
        line.append(": done offline, refused by the server. enter opens one." if rows else "")
        self.query_one("#cf-status", Static).update(line)
        self._detail(self.table.current_row)

    def on_window_table_need_rows(self, event: WindowTable.NeedRows) -> None:
        """Every conflict is read at once: hand the table the ones it scrolled to."""
        rows = self.rows[event.start : event.start + event.count]
        event.control.put_rows(event.start, rows, event.generation)

    def on_window_table_row_highlighted(self, event: WindowTable.RowHighlighted) -> None:
        self._detail(event.row)

    def on_window_table_row_selected(self, event: WindowTable.RowSelected) -> None:
        self.action_open()

    def _detail(self, row: ConflictRead | None) -> None:
        """The highlighted conflict in full, in case its cells are cut short."""
        text = Text()
        if row is not None:
            text.append(f"{row.what}", style="bold")
            text.append(f" (done offline {clock.shown_time(row.at)})\n")
            text.append(f"Refused: {row.reason}")
        self.query_one("#cf-detail", Static).update(text)

    def action_open(self) -> None:
        """Open the highlighted conflict in the conflict dialog."""
        row = self.table.current_row
        if row is None or self.saving:
            return
        self.app.push_screen(SyncConflictDialog(row), lambda choice: self._chosen(row, choice))

    def _chosen(self, row: ConflictRead, choice: str | None) -> None:
        if choice is not None:
            self._wanted = (row, HOW[choice])
            self.action_save()

    def action_save(self) -> None:
        """Write the chosen resolution (again, after a busy database)."""
        if self._wanted is None or self.saving:
            return
        self._stop_retry()
        self.saving = True
        self.tell("")
        self.resolve(*self._wanted)

    @work(thread=True, exclusive=True, group="cf-resolve")
    def resolve(self, row: ConflictRead, how: str) -> None:
        """Resolve one conflict through the store, off the event loop."""
        from store.sync.conflicts import resolve_conflict

        call = self.app.call_from_thread
        try:
            resolve_conflict(self.app.store, row.op_id, how)
        except DatabaseBusyError:
            call(self._resolved, self.retry_when_busy, keep=True)
        except PortfolioError as error:
            refused = Text(f"Not done: {error}")
            call(self._resolved, lambda: refused)
        else:
            call(self._resolved, lambda: Text(DONE[how].format(what=row.what)))

    def _resolved(self, message, *, keep: bool = False) -> None:
        self.saving = False
        if not keep:
            self._wanted = None
        self.tell(message())
        self.table.rows_coming()  # keys for the list wait for it as it is now
        self.reload()
        self.app.refresh_sync()

    def tell(self, message: str | Text) -> None:
        """Say how the last resolution went."""
        self.query_one("#cf-message", Static).update(message)

    def action_back(self) -> None:
        """Stop retrying a busy database, else go back."""
        if self._stop_retry():
            if not self.saving:
                self.tell(Text(stopped_message(self.SAVE_KEY)))
            return
        self.app.pop_screen()
