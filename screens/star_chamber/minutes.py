"""The minutes of a Star Chamber meeting: its decision log, exactly as
`portfolio minutes --meeting DATE` prints it."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen

from store.star_chamber.minutes import minutes_text
from store.star_chamber.queries.meetings import default_meeting, list_meetings
from store.star_chamber.queries.minutes import minutes
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Static


class MinutesScreen(Screen):
    """One meeting's decision log; `[` and `]` step to the meeting before or after."""

    CSS_PATH = "minutes.tcss"
    HELP_TITLE = "Star Chamber minutes"
    HELP = """
The decision log of one meeting: who attended (with the trade union side), then each
agenda item with its decision, conditions, reason, the Posting List outcome, the
establishment check and any override, and who recorded it. A correction appears under
the decision it supersedes, saying why. This is exactly what
`portfolio minutes --meeting DATE` prints.

`j`/`k`, the arrow keys and page up/down scroll; `[` and `]` go to the meeting before
or after; `escape` goes back.
"""

    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", "Earlier meeting"),
        Binding("right_square_bracket", "step(1)", "Later meeting"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, held_on: date | None = None) -> None:
        super().__init__()
        self.held_on = held_on
        self.dates: list[date] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="mn-scroll"):
            yield Static(id="mn-text")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Star Chamber minutes"
        self.query_one("#mn-scroll").focus()
        self.load()

    @work(thread=True, exclusive=True, group="mn-load")
    def load(self) -> None:
        """Read the minutes off the event loop."""
        with self.app.store.reading() as connection:
            held_on = self.held_on or default_meeting(connection)
            found = minutes(connection, held_on) if held_on else None
            dates = sorted(meeting.held_on for meeting in list_meetings(connection))
        self.app.call_from_thread(self.show, held_on, found, dates)

    def show(self, held_on, found, dates) -> None:
        """Put the minutes on screen."""
        self.held_on, self.dates = held_on, dates
        text = self.query_one("#mn-text", Static)
        if found is None:
            text.update(Text("No Star Chamber meeting has been recorded yet.", style="italic"))
            return
        text.update(Text(minutes_text(found)))
        self.query_one("#mn-scroll", VerticalScroll).scroll_home(animate=False)

    def action_step(self, step: int) -> None:
        """Show the minutes of the meeting before or after this one."""
        if self.held_on not in self.dates:
            return
        index = self.dates.index(self.held_on) + step
        if 0 <= index < len(self.dates):
            self.held_on = self.dates[index]
            self.load()
        else:
            self.notify("No meeting " + ("before" if step < 0 else "after") + " this one.")

    def action_scroll(self, lines: int) -> None:
        """Scroll the minutes by some lines."""
        scroll = self.query_one("#mn-scroll", VerticalScroll)
        scroll.scroll_relative(y=lines, animate=False)

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
