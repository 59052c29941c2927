"""Choose which open meeting a waiting request goes on: every open meeting it can go
on (held on or after the day it was received), earliest first. Nothing is chosen until
`enter` (or `space`) on a meeting; `escape` puts it on none."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from store.star_chamber.read_models import MeetingRow, RequestRow
from widgets.footer import Footer
from widgets.pick_list import Line, PickList
from widgets.plain_text import Static


def meeting_line(meeting: MeetingRow) -> Line:
    """One open meeting to choose: its date, chair and how full its agenda is."""
    prompt = Text(meeting.held_on.isoformat(), style="bold")
    prompt.append(f"  {meeting.chair}  ·  {meeting.items} items, {meeting.decided} decided")
    return Line(meeting.held_on.isoformat(), prompt)


class MeetingChoiceScreen(ModalScreen[date | None]):
    """Dismisses with the chosen meeting's date, or None."""

    CSS_PATH = "meeting_choice.tcss"
    HELP_TITLE = "Which meeting"
    HELP = """
The open meetings this request can go on, earliest first. Move with up and down and
press `enter` (or `space`) on the meeting it should go on; `escape` puts it on none.
"""
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, request: RequestRow, meetings: list[MeetingRow]) -> None:
        super().__init__()
        self.request = request
        self.meetings = meetings

    def compose(self) -> ComposeResult:
        row = self.request
        with Vertical(id="mc-box"):
            yield Static(
                Text(f"Which meeting should {row.reference} go on?", style="bold"),
                id="mc-title",
            )
            yield Static(f"{row.post}, {row.grade}, {row.business_group}", classes="hint")
            yield PickList([meeting_line(m) for m in self.meetings], id="mc-meetings")
            yield Static("enter puts it on the highlighted meeting; escape on none.", id="mc-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PickList).focus()

    def on_pick_list_changed(self, event: PickList.Changed) -> None:
        if event.value:
            self.dismiss(date.fromisoformat(event.value))

    def action_cancel(self) -> None:
        """Put the request on no meeting."""
        self.dismiss(None)
