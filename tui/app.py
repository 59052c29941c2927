"""The Textual App: a small shell holding the store handle, global keys and the palette."""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.binding import Binding

from screens.navigation import DESTINATIONS, Destination
from store.handle import Store
from tui.commands import PortfolioCommands

WARM_UP_DELAY = 1.0  # seconds after start-up before the write path is imported


class PortfolioApp(App[None]):
    """Portfolio office in a terminal."""

    TITLE = "Portfolio"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {PortfolioCommands}
    BINDINGS = [Binding("question_mark", "help", "Help")]

    def __init__(self, store: Store, *, warm_up: bool = True) -> None:
        super().__init__()
        self.store = store
        self.sub_title = store.path.name
        self.drafts: dict[tuple[str, str], str] = {}
        self._warm_up = warm_up

    def on_mount(self) -> None:
        self.push_screen(DESTINATIONS[0].make())
        if self._warm_up:
            # After first paint, not during it: the import holds the GIL for ~0.4 s.
            self.set_timer(WARM_UP_DELAY, self.warm_up_writes)

    @work(thread=True, group="warm-up")
    def warm_up_writes(self) -> None:
        """Import the write path (SQLModel, pydantic) after first paint, off the event loop,
        so the first save is as quick as the rest."""
        import screens.programme_detail  # noqa: F401  (the first detail open is then quick)
        import store.portfolio.services  # noqa: F401

        self.store.engine()

    def action_help(self) -> None:
        """Show help for the current screen."""
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def go_to(self, destination: Destination) -> None:
        """Open a top-level screen; the portfolio list is the bottom of the stack."""
        if destination is DESTINATIONS[0]:
            while len(self.screen_stack) > 2:
                self.pop_screen()
            return
        self.push_screen(destination.make())

    def open_initiative(self, code: str) -> None:
        """Open the detail screen of one initiative, read first so that it paints once."""
        self.read_then_open(code, self.screen)

    @work(thread=True, exclusive=True, group="open-initiative")
    def read_then_open(self, code: str, asked_from: object) -> None:
        """Read the initiative off the event loop, then push its detail screen (unless the
        person has moved to another screen meanwhile)."""
        from screens.programme_detail import read_detail

        with self.store.reading() as connection:
            data = read_detail(connection, code)
        self.call_from_thread(self._push_detail, code, data, asked_from)

    def _push_detail(self, code: str, data: object, asked_from: object) -> None:
        from screens.programme_detail import ProgrammeDetailScreen

        if self.screen is asked_from:
            self.push_screen(ProgrammeDetailScreen(code, data))
