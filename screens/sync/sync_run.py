"""The Sync action on a laptop replica: send the offline operations to the server and
bring everyone else's changes in (`store.sync.run.sync`), with a progress bar.

The sync runs in a worker thread; its progress comes back through `call_from_thread`.
The dialog then says what happened: how many operations went, how many the server
took now or had already taken (an interrupted sync run again), and how many it
refused as conflicts (`c` opens them). A busy database is retried every second as a
save is (`BusyRetry`: `s` retries now, `escape` stops); a refusal (another schema
version, another login, a replica failing its check, no server) says what to do.
Afterwards every screen reads its data again, and the title bar's sync badge follows.
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ProgressBar

from screens.common.busy_retry import BusyRetry, stopped_message
from screens.common.progress import throttled
from store import clock
from store.errors import DatabaseBusyError, PortfolioError
from store.sync.types import SyncResult
from widgets.footer import Footer
from widgets.plain_text import Static

WATCHER_STOPS = 2.0  # seconds to wait for the live-refresh watcher to let go of the file


def _operations(count: int) -> str:
    return f"{count} operation" + ("" if count == 1 else "s")


def result_text(result: SyncResult) -> Text:
    """What a sync did, in words: sent, taken now or already, conflicts, pulled when."""
    text = Text(f"Synced at {clock.shown_time(result.pulled_at)}. ", style="bold")
    if result.pushed:
        text.append(f"{_operations(result.pushed)} sent: {result.applied} applied")
        if result.already:
            text.append(f", {result.already} already on the server")
        text.append(". ")
    else:
        text.append("Nothing to send. ")
    text.append("Everyone else's changes are in.")
    if result.conflicts:
        noun = "conflict" if result.conflicts == 1 else "conflicts"
        text.append(f"\n{result.conflicts} {noun}: ", style="bold")
        text.append("the server refused what you did offline; c shows why.")
    return text


def not_synced(error: Exception) -> str:
    """What the dialog says when a sync stopped: the store's reason (the server out of
    reach among them), or an unexpected error named by its first line."""
    if isinstance(error, PortfolioError | OSError):
        return f"Not synced: {error}. s tries again."
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return (
        f"Not synced: unexpected error {type(error).__name__} ({first}). What was sent "
        "is on the server once; the rest is kept to send: s tries again."
    )


class SyncScreen(BusyRetry, ModalScreen[SyncResult | None]):
    """Sync with the server, with a progress bar and the outcome in words."""

    CSS_PATH = "sync_run.tcss"
    SAVE_KEY = "s"
    HELP_TITLE = "Sync with the server"
    HELP = """
Sends what you did on this laptop while offline to the server, in the order you did
it, each operation exactly once (a sync that was interrupted can simply be run
again), then brings everyone else's changes in. The server checks each operation as
if you had done it there: your role, separation of duties, the versions you saw.

What it refuses is kept as a **conflict** with the reason: `c` opens the conflicts
screen, where you re-apply yours on top of theirs, take theirs or drop yours.

`s` syncs again. While the database is busy the sync is retried every second; `s`
retries now and `escape` stops. `escape` closes this when the sync is over; the
screens read their data again.
"""

    BINDINGS = [
        Binding("s,ctrl+s", "save", "Sync again"),
        Binding("c", "conflicts", "Conflicts"),
        Binding("escape", "close", "Close"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saving = False  # a sync is under way
        self.result: SyncResult | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="sync"):
            yield Static(Text("Sync with the server", style="bold"), id="sync-title")
            yield ProgressBar(id="sync-progress", show_eta=False)
            yield Static("", id="sync-step")
            yield Static("", id="sync-result")
        yield Footer()

    def on_mount(self) -> None:
        self.action_save()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`c` once a sync has left conflicts; `s` when none is under way."""
        if action == "conflicts":
            return bool(self.result and self.result.conflicts) or None
        if action == "save":
            return not self.saving or None
        return True

    def tell(self, message: str | Text) -> None:
        """Say how the sync went."""
        self.query_one("#sync-result", Static).update(message)

    def action_save(self) -> None:
        """Start a sync (again) off the event loop."""
        if self.saving:
            return
        self._stop_retry()
        self.saving = True
        self.refresh_bindings()
        self.query_one("#sync-progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#sync-step", Static).update("Connecting to the server…")
        if not self.retrying:  # while retrying, "Database busy" stays until it lands
            self.tell("")
        self.run_sync(self.app.stop_watching())

    @work(thread=True, exclusive=True, group="sync")
    def run_sync(self, watcher: threading.Thread | None) -> None:
        """Push and pull through the store (once the file's watcher has let go of it);
        progress and outcome to the event loop."""
        from store.sync.run import sync

        if watcher is not None:
            watcher.join(WATCHER_STOPS)
        call = self.app.call_from_thread
        progress = throttled(lambda done, total, what: call(self._progress, done, total, what))
        try:
            result = sync(self.app.store, progress=progress)
        except DatabaseBusyError:
            call(self._over, None, self.retry_when_busy)
        except Exception as error:  # refused, the server out of reach, or a defect
            said = Text(not_synced(error))
            call(self._over, None, lambda: said)
        else:
            call(self._over, result, lambda: result_text(result))

    def _progress(self, done: int, total: int, what: str) -> None:
        self.query_one("#sync-progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#sync-step", Static).update(f"{done}/{total} · {what}")

    def _over(self, result: SyncResult | None, message) -> None:
        """The sync ended (or was refused): say so, and have every screen read again."""
        self.saving = False
        self.result = result or self.result
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=bar.total or 1, progress=(bar.total or 1) if result else 0)
        self.query_one("#sync-step", Static).update("")
        self.tell(message())
        self.refresh_bindings()
        self.app.synced()

    def action_conflicts(self) -> None:
        """Open the conflicts the sync left."""
        from screens.sync.conflicts import ConflictsScreen

        self.dismiss(self.result)
        self.app.push_screen(ConflictsScreen())

    def action_close(self) -> None:
        """Stop retrying a busy database, else close (not while a sync runs)."""
        if self._stop_retry() and not self.saving:
            self.tell(Text(stopped_message(self.SAVE_KEY)))
            return
        if self.saving:
            self.query_one("#sync-step", Static).update(
                "Wait: the sync is still running (it stops on its own, whole)."
            )
            return
        self.dismiss(self.result)
