"""The "go to" menu: every top-level screen with its key and one line of help.

Opened with `m` from the portfolio list. Pressing a screen's key opens it at once;
`up`/`down` and `enter` pick one without a key; `escape` closes the menu.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets.option_list import Option

from screens.common.navigation import DESTINATIONS, Destination
from widgets.plain_text import OptionList, Static, Table


def _prompt(destination: Destination) -> Table:
    # The help takes the room left: on a narrow screen it is the part shortened.
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=2, no_wrap=True)
    table.add_column(width=24, no_wrap=True)
    table.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_row(
        Text(destination.key or "", style="bold #ffa62b"),
        Text(destination.name, style="bold"),
        Text(destination.help, style="dim"),
    )
    return table


class GoToMenu(ModalScreen[Destination | None]):
    """Pick a screen to open; dismisses with it, or None."""

    CSS_PATH = "go_to.tcss"
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, destinations: list[Destination] | None = None) -> None:
        super().__init__()
        self.destinations = destinations if destinations is not None else DESTINATIONS[1:]

    def compose(self) -> ComposeResult:
        with Vertical(id="go-to-box"):
            yield Static(Text("Go to", style="bold"), id="go-to-title")
            yield OptionList(
                *(Option(_prompt(d), id=d.name) for d in self.destinations), id="go-to-list"
            )
            yield Static(
                Text("Press a screen's key, or up/down and enter. escape closes.", style="dim"),
                id="go-to-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#go-to-list", OptionList).focus()

    def on_key(self, event: Key) -> None:
        """A destination's key opens it straight away."""
        for destination in self.destinations:
            if destination.key and event.character == destination.key:
                event.stop()
                self.dismiss(destination)
                return

    @on(OptionList.OptionSelected, "#go-to-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(d for d in self.destinations if d.name == event.option.id))

    def action_close(self) -> None:
        """Close without going anywhere."""
        self.dismiss(None)
