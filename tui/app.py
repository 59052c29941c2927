"""The Textual App: a small shell holding the store handle, global keys and the palette.

It also watches the database for writes (anyone's: another desk, another process) and
tells the screen on top, which reads what it shows again (`screens.common.live_data`).
"""

from __future__ import annotations

import gc
import threading
from urllib.parse import urlsplit

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen

from screens.common import breakpoints
from screens.common.live_data import DataChanged, LiveData
from screens.common.navigation import DESTINATIONS, Destination
from store.first_read import FirstRead
from store.handle import Store
from store.users.read_models import Standing
from store.users.roles import Permission
from tui.commands import PortfolioCommands
from tui.kept_reads import KeptReads
from tui.key_order import KeysInOrder
from tui.replica import ReplicaSync

WARM_UP_DELAY = 1.0  # seconds after start-up before the write path is imported
# How long a save waits for another process's write lock before the form says the
# database is busy (and retries): short, so the user sees why nothing happened.
SAVE_BUSY_TIMEOUT_MS = 300


class PortfolioApp(ReplicaSync, KeysInOrder, KeptReads, App[None]):
    """Portfolio office in a terminal."""

    TITLE = "Portfolio"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {PortfolioCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),  # also from a field, where ? is typed
        # On a laptop replica only (`tui.replica`).
        Binding("S", "sync", "Sync"),
        Binding("C", "sync_conflicts", "Sync conflicts", show=False),
    ]
    HORIZONTAL_BREAKPOINTS = breakpoints.HORIZONTAL
    VERTICAL_BREAKPOINTS = breakpoints.VERTICAL
    # A replica's sync badge in the header, longest first (`widgets.header`).
    sync_notes: reactive[tuple[str, ...]] = reactive(())

    def __init__(
        self,
        store: Store,
        *,
        warm_up: bool = True,
        live: bool = True,
        first_read: FirstRead | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        # The list's first rows, read while the app starts (`store.first_read`): the
        # list takes them; the watcher checks nothing was saved after them.
        self.first_read = first_read
        self._read_before_watching = first_read
        store.set_busy_timeout(SAVE_BUSY_TIMEOUT_MS)
        # The file's name, or the server database's.
        self.sub_title = store.path.name if store.path else urlsplit(store.url).path.lstrip("/")
        self.standing: Standing | None = None
        self.drafts: dict[tuple[str, str], str] = {}
        self._warm_up = warm_up
        self._live = live
        self._stop_watching: threading.Event | None = None
        self._watcher: threading.Thread | None = None

    def on_mount(self) -> None:
        self.refresh_standing()
        self.refresh_sync()
        self.push_screen(DESTINATIONS[0].make())
        if self._warm_up:
            # After first paint, not during it: the import holds the GIL for ~0.4 s.
            self.set_timer(WARM_UP_DELAY, self.warm_up_writes)
        if self._live:
            self.watch_database()

    def watch_database(self) -> None:
        """Start the watcher thread: it waits for writes to the database (a cheap poll
        or a notification, off the event loop) and tells the screen on top of each,
        until the app unmounts. A plain daemon thread, not a Textual worker, so that
        waiting for the workers to finish does not wait for it."""
        self._stop_watching = threading.Event()
        self._watcher = threading.Thread(
            target=self._watch,
            args=(self._stop_watching, self._read_before_watching),
            name="live-refresh",
            daemon=True,
        )
        self._watcher.start()

    def _watch(self, stop: threading.Event, first_read: FirstRead | None) -> None:
        try:
            watcher = self.store.watch_changes()
        except self.store.backend.error_type:
            return  # no database to watch: the screens still read it as they go
        try:
            if first_read is not None and first_read.changed_since(self.store):
                self.call_from_thread(self.data_changed)  # a save before the watcher
            while watcher.wait(stop) and not stop.is_set():
                self.call_from_thread(self.data_changed)
        except (RuntimeError, self.store.backend.error_type):
            pass  # the app stopped meanwhile, or the database went away: stop watching
        finally:
            watcher.close()

    def take_first_read(self) -> FirstRead | None:
        """The read made while the app started, for the first screen to take (once)."""
        first_read, self.first_read = self.first_read, None
        return first_read

    def on_unmount(self) -> None:
        """Stop the watcher thread."""
        if self._stop_watching is not None:
            self._stop_watching.set()

    def data_changed(self, *, standing: bool = False) -> None:
        """Someone saved: each screen in the stack that shows store data reads it again,
        so the one under a form is up to date when the form closes; a form is never
        changed under the user (`screens.common.live_data`). A replica's sync badge
        follows (and, with `standing`, who the user is: a sync pulled the users)."""
        self.refresh_sync(standing=standing)
        for screen in self.screen_stack:
            screen.post_message(DataChanged())
        self.kept_reads_changed()

    @work(thread=True, group="warm-up")
    def warm_up_writes(self) -> None:
        """Import the write path (SQLModel, pydantic) after first paint, off the event loop,
        so the first save is as quick as the rest; then work out the reads the store
        keeps (`tui.kept_reads`), so the portfolio benefits view opens at once."""
        import screens.portfolio.programme_detail  # noqa: F401  (the first detail open is then quick)
        import store.portfolio.services  # noqa: F401

        self.store.engine()
        # What is loaded by now (Textual, the modules, the first screen) lives as long as
        # the app: keep it out of the garbage collector's full passes, which otherwise
        # walk it all, a pause of 50-200 ms in the middle of a keystroke every few dozen.
        # Collect first: whatever is already garbage would otherwise be frozen with it
        # and never freed. Once, here: freezing again later would pin what was garbage
        # then (a closed screen), and memory would only grow.
        gc.collect()
        gc.freeze()
        self.warm_kept_reads()

    def refresh_standing(self) -> None:
        """Read who the user is to the app (one indexed row) and put it in the title:
        `Portfolio · r.achebe (star chamber secretary)`."""
        self.show_standing(self.read_standing())

    def read_standing(self) -> Standing:
        """Who the user is to the app, read from the database (one indexed row)."""
        from store.users.queries import standing

        identity = self.store.identity
        with self.store.reading() as connection:
            return standing(connection, identity.actor, identity.os_user)

    def show_standing(self, standing: Standing) -> None:
        """Put who the user is in the title."""
        self.standing = standing
        self.title = f"{self.TITLE} · {standing.describe}"

    def may(self, permission: Permission) -> bool:
        """True when the user's role allows `permission` (the store checks again)."""
        return self.standing is None or self.standing.may(permission)

    def notify(self, message: str, *, markup: bool = False, **options) -> None:
        """Show a notification; its message is plain text, never markup (see
        `widgets.plain_text`), whatever the caller asks."""
        super().notify(message, markup=False, **options)

    def action_help(self) -> None:
        """Show help for the current screen."""
        from screens.common.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def go_to(self, destination: Destination) -> None:
        """Open a top-level screen; the portfolio list is the bottom of the stack."""
        if destination is DESTINATIONS[0]:
            while len(self.screen_stack) > 2:
                self.pop_screen()
            return
        self.push_screen(destination.make())

    def push_screen(self, screen, *args, **kwargs):
        """Push `screen`; keys typed while one that reads its data as it opens is still
        reading wait for it (`screens.common.live_data`)."""
        if isinstance(screen, LiveData) and screen.keys_wait_for_data():
            self.hold_keys()
        return super().push_screen(screen, *args, **kwargs)

    def pop_screen(self):
        """Close the screen on top; what Textual keeps of it elsewhere goes too
        (`forget_screen`)."""
        closing = self.screen
        popped = super().pop_screen()
        forget_screen(self, closing)
        return popped

    def open_initiative(self, code: str) -> None:
        """Open the detail screen of one initiative, read first so that it paints once;
        keys typed meanwhile wait for it."""
        self.hold_keys()
        self.read_then_open(code, self.screen)

    @work(thread=True, exclusive=True, group="open-initiative")
    def read_then_open(self, code: str, asked_from: object) -> None:
        """Read the initiative off the event loop, then push its detail screen (unless the
        person has moved to another screen meanwhile)."""
        from screens.portfolio.programme_detail import read_detail

        try:
            with self.store.reading() as connection:
                data = read_detail(connection, code)
        except BaseException:
            self.call_from_thread(self.release_keys)
            raise
        self.call_from_thread(self._push_detail, code, data, asked_from)

    async def _push_detail(self, code: str, data: object, asked_from: object) -> None:
        from screens.portfolio.programme_detail import ProgrammeDetailScreen

        try:
            if self.screen is asked_from:
                await self.push_screen(ProgrammeDetailScreen(code, data))
        finally:
            self.release_keys()

    def call_from_thread(self, callback, *args, **kwargs):
        """Run `callback` on the event loop for a worker thread. A screen's reply that
        arrives after the screen has gone (closed, or the app quitting: its widgets
        are removed) is dropped rather than crashing the app; live refresh makes such
        late replies common (someone saves just as a screen closes). Quitting stops the App
        running before it removes the screens' widgets, which are still on the stack."""
        try:
            return super().call_from_thread(callback, *args, **kwargs)
        except NoMatches:
            owner = getattr(callback, "__self__", None)
            gone = self._closing or not self.is_running or owner not in self.screen_stack
            if isinstance(owner, Screen) and gone:
                return None
            raise


def forget_screen(app: App, screen: Screen) -> None:
    """Let go of what Textual keeps of a screen being closed, beyond the screen itself:
    - the watchers its widgets set on the app (a header watches the app's titles, a
      text area the theme): Textual drops a closed widget's watchers only when the value
      watched next changes, and these rarely do;
    - `StylesCache.get_inner_outer`'s cache, an `lru_cache` on a method, which keeps the
      style caches of up to 1,024 widgets, with the lines they drew, long after they are
      gone (Textualize/textual#6665); emptied, it costs a few styles made again.
    Kept, they came to about 9,000 objects for each detail screen opened and closed,
    which every full garbage collection then walked."""
    watchers = getattr(app, "__watchers", {})  # Textual's own (`reactive._watch`)
    for entries in watchers.values():
        entries[:] = [(node, call) for node, call in entries if not _within(node, screen)]
    try:
        from textual._styles_cache import StylesCache

        StylesCache.get_inner_outer.cache_clear()
    except (ImportError, AttributeError):  # a Textual without the cache
        pass


def _within(node: object, screen: Screen) -> bool:
    """Whether `node` is `screen` or one of its widgets."""
    while node is not None:
        if node is screen:
            return True
        node = getattr(node, "parent", None)
    return False
