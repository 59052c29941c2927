"""A meeting, walked through one agenda item at a time: the request, the establishment
check an approval would face, the displaced staff who could fill the post, and the
decision once it is recorded."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from screens.common.role_keys import RoleKeys
from screens.star_chamber.meeting_text import (
    NO_MEETING,
    decision_text,
    empty_agenda_text,
    item_text,
    meeting_heading,
    people_text,
)
from store.star_chamber.queries.meetings import default_meeting, meeting_detail
from store.star_chamber.queries.minutes import decision_preview
from store.star_chamber.queries.requests import request_detail
from store.star_chamber.read_models import (
    AgendaItem,
    DecisionPreview,
    DecisionRead,
    MeetingDetail,
    RequestDetail,
)
from store.star_chamber.types import Outcome
from store.users.roles import Permission
from widgets.keyed_table import KeyedDataTable
from widgets.star_chamber import impact_text, outcome_text


class MeetingScreen(RoleKeys, Screen):
    """Walk through one meeting's agenda and record each decision."""

    CSS_PATH = "meeting.tcss"
    HELP_TITLE = "Star Chamber meeting"
    HELP = """
The agenda is on the left, in order; carried-over deferrals come first. Move with
`j`/`k` or the arrow keys (`n` and `N` jump to the next and previous undecided
item). The right shows the highlighted request, the **establishment check** an
approval would face (vacancy factor against target, headcount against the reduction
plan: a ⚠ WARNING needs an override reason), and the **Posting List**: displaced staff
of the same band, or one band away who could fill the post with training.

`d` (or `enter`) records the decision. An approval must post someone from the list or
say why no one was suitable. `c` corrects a decision already recorded: a new decision
that names the old one and says why (the only way once the meeting is closed).
`b` adds every waiting request to the agenda, oldest first; `r` takes an undecided
item off. `x` closes the meeting, `i` opens its minutes, `escape` goes back.
"""

    BINDINGS = [
        Binding("d", "decide", "Decide"),
        Binding("c", "correct", "Correct"),
        Binding("n", "next_undecided(1)", "Next undecided"),
        Binding("N", "next_undecided(-1)", "Previous undecided", show=False),
        Binding("b", "build_agenda", "Build agenda"),
        Binding("r", "remove_item", "Remove item", show=False),
        Binding("x", "close_meeting", "Close meeting"),
        Binding("i", "minutes", "Minutes"),
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = {
        "decide": Permission.RECORD_SC_DECISIONS,
        "correct": Permission.RECORD_SC_DECISIONS,
        "build_agenda": Permission.RUN_MEETINGS,
        "remove_item": Permission.RUN_MEETINGS,
        "close_meeting": Permission.RUN_MEETINGS,
    }

    def __init__(self, held_on: date | None = None, *, focus_reference: str | None = None) -> None:
        super().__init__()
        self.held_on = held_on
        self.focus_reference = focus_reference
        self.meeting: MeetingDetail | None = None
        self.current: RequestDetail | None = None
        self.preview: DecisionPreview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="mt-title")
        yield Static(id="mt-people")
        with Horizontal(id="mt-body"):
            with Vertical(id="mt-left"):
                yield Static("Agenda", classes="section-title")
                yield KeyedDataTable(id="mt-agenda", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="mt-right"):
                yield Static(id="mt-item")
                yield Static("Establishment check", classes="section-title")
                yield Static(id="mt-impact")
                yield Static("Posting List: who could fill it", classes="section-title")
                yield KeyedDataTable(id="mt-matches", cursor_type="row", zebra_stripes=True)
                yield Static(id="mt-decision")
        yield Footer()

    @property
    def agenda_table(self) -> DataTable:
        """The agenda."""
        return self.query_one("#mt-agenda", DataTable)

    def on_mount(self) -> None:
        self.sub_title = "Star Chamber meeting"
        for label, width in (("#", 2), ("Reference", 12), ("Decision", 13)):
            self.agenda_table.add_column(label, width=width)
        matches = self.query_one("#mt-matches", DataTable)
        for label, width in (
            ("Ref", 7),
            ("Name", 16),
            ("Band", 6),
            ("Fit", 15),
            ("From", 4),
            ("Skills", 17),
        ):
            matches.add_column(label, width=width)
        self.agenda_table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.meeting is not None:
            self.load()

    # ------------------------------------------------------------- loading

    @work(thread=True, exclusive=True, group="mt-load")
    def load(self) -> None:
        """Read the meeting and its agenda off the event loop."""
        with self.app.store.reading() as connection:
            held_on = self.held_on or default_meeting(connection)
            meeting = meeting_detail(connection, held_on) if held_on else None
        self.app.call_from_thread(self.show, meeting)

    def show(self, meeting: MeetingDetail | None) -> None:
        """Fill the header and agenda; keep the cursor on the same item."""
        title = self.query_one("#mt-title", Static)
        if meeting is None:
            title.update(Text(NO_MEETING, style="bold"))
            return
        self.meeting, self.held_on = meeting, meeting.held_on
        title.update(meeting_heading(meeting))
        self.query_one("#mt-people", Static).update(people_text(meeting))
        table = self.agenda_table
        keep = self.focus_reference or (self.current.row.reference if self.current else None)
        self.focus_reference = None
        table.clear()
        for item in meeting.agenda:
            decision = item.decision
            table.add_row(
                str(item.position),
                item.request.reference,
                outcome_text(decision.outcome) if decision else Text("—", style="dim"),
                key=item.request.reference,
            )
        if not meeting.agenda:
            empty = empty_agenda_text(self.role_allows("build_agenda"))
            self.query_one("#mt-item", Static).update(empty)
            return
        index = next(
            (n for n, item in enumerate(meeting.agenda) if item.request.reference == keep), 0
        )
        table.move_cursor(row=index)
        self._load_item(index)

    @on(DataTable.RowHighlighted, "#mt-agenda")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._load_item(event.cursor_row)

    def _load_item(self, index: int) -> None:
        if self.meeting is None or not self.meeting.agenda:
            return
        item = self.meeting.agenda[max(0, min(index, len(self.meeting.agenda) - 1))]
        self.load_item(item.request.reference, self.meeting.held_on)

    @work(thread=True, exclusive=True, group="mt-item")
    def load_item(self, reference: str, held_on: date) -> None:
        """Read one item's request, the check and the Posting List matches."""
        with self.app.store.reading() as connection:
            detail = request_detail(connection, reference)
            preview = decision_preview(connection, reference, held_on)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_item, detail, preview)

    def current_item(self) -> AgendaItem | None:
        """The agenda item under the cursor."""
        if self.meeting is None or not self.meeting.agenda:
            return None
        row = self.agenda_table.cursor_row
        return self.meeting.agenda[max(0, min(row, len(self.meeting.agenda) - 1))]

    def show_item(self, detail: RequestDetail, preview: DecisionPreview) -> None:
        """Show the request, the establishment check and the Posting List matches."""
        item = next(
            (i for i in self.meeting.agenda if i.request.reference == detail.row.reference), None
        )
        if item is None:
            return
        self.current, self.preview = detail, preview
        self.query_one("#mt-item", Static).update(item_text(detail, item, self.meeting.held_on))
        self.query_one("#mt-impact", Static).update(impact_text(preview.impact))
        matches = self.query_one("#mt-matches", DataTable)
        matches.clear()
        for match in preview.matches:
            person = match.person
            matches.add_row(
                person.reference,
                person.name,
                person.grade,
                match.label.replace("one band below: with training", "below: training"),
                person.business_group,
                person.skills,
            )
        if not preview.matches:
            matches.add_row("—", f"no one at or next to {detail.row.grade}", "", "", "", "")
        self.query_one("#mt-decision", Static).update(
            decision_text(item.decision, self.meeting.is_open, self.role_allows("decide"))
        )

    # ------------------------------------------------------------- actions

    @on(DataTable.RowSelected, "#mt-agenda")
    def action_decide(self) -> None:
        """Record the decision on the highlighted item."""
        if self.refused("decide"):
            return
        item = self.current_item()
        if item is None or self.current is None or self.preview is None:
            return
        if item.request.reference != self.current.row.reference:
            return
        if not self.meeting.is_open:
            self.notify("This meeting is closed: its decisions are final. Press c to correct one.")
            return
        if item.decision is not None:
            self.notify(f"{item.request.reference} is decided. Press c to correct the decision.")
            return
        from screens.star_chamber.decision import ChamberDecisionScreen

        self.app.push_screen(
            ChamberDecisionScreen(self.current, self.meeting.held_on, self.preview), self._decided
        )

    def action_correct(self) -> None:
        """Correct the highlighted item's decision with a new one."""
        item = self.current_item()
        if item is None or self.current is None or self.preview is None:
            return
        live = self.current.live_decision
        if item.decision is None or live is None:
            self.notify(f"{item.request.reference} has no decision here to correct.")
            return
        if live.id != item.decision.id:
            self.notify(
                f"{item.request.reference} was decided again on {live.meeting.isoformat()}; "
                "correct it from that meeting.",
                severity="warning",
            )
            return
        from screens.star_chamber.decision import ChamberDecisionScreen

        self.app.push_screen(
            ChamberDecisionScreen(
                self.current, self.meeting.held_on, self.preview, correcting=live
            ),
            self._decided,
        )

    def _decided(self, decision: DecisionRead | None) -> None:
        if decision is None:
            return
        label = Outcome(decision.outcome).label
        message = f"{decision.reference}: {label}"
        if decision.posted_reference:
            message += f"; posted {decision.posted_reference} {decision.posted_name}"
        self.notify(message, title=f"Decision {decision.id} recorded")
        self.focus_reference = decision.reference
        self.load()

    def action_next_undecided(self, step: int) -> None:
        """Move to the next (or previous) item without a decision."""
        if self.meeting is None or not self.meeting.agenda:
            return
        count = len(self.meeting.agenda)
        row = self.agenda_table.cursor_row
        for offset in range(1, count + 1):
            index = (row + step * offset) % count
            if not self.meeting.agenda[index].decided:
                self.agenda_table.move_cursor(row=index)
                return
        self.notify("Every item on the agenda is decided.")

    def action_build_agenda(self) -> None:
        """Add every waiting request to this open meeting's agenda, oldest first."""
        if self.meeting is None:
            return
        self.build(self.meeting.held_on)

    @work(thread=True, exclusive=True, group="mt-build")
    def build(self, held_on: date) -> None:
        """Build the agenda through the store service."""
        from store.errors import PortfolioError
        from store.star_chamber.services.meetings import build_agenda

        try:
            with self.app.store.writing() as session:
                added = build_agenda(held_on, session=session)
        except PortfolioError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        message = f"Added {len(added)}: {', '.join(added)}" if added else "No requests are waiting."
        self.app.call_from_thread(self.notify, message)
        self.app.call_from_thread(self.load)

    def action_remove_item(self) -> None:
        """Take the highlighted undecided item off the agenda."""
        item = self.current_item()
        if item is None or self.meeting is None:
            return
        from screens.star_chamber.forms import remove_item_form

        self.app.push_screen(
            remove_item_form(self.meeting.held_on, item.request.reference), self._changed
        )

    def action_close_meeting(self) -> None:
        """Close the meeting after a confirmation."""
        if self.meeting is None:
            return
        if not self.meeting.is_open:
            self.notify("This meeting is already closed.")
            return
        from screens.star_chamber.forms import close_meeting_form

        self.app.push_screen(close_meeting_form(self.meeting), self._changed)

    def _changed(self, result) -> None:
        if result is not None:
            self.load()

    def action_minutes(self) -> None:
        """Open this meeting's minutes."""
        if self.meeting is None:
            return
        from screens.star_chamber.minutes import MinutesScreen

        self.app.push_screen(MinutesScreen(self.meeting.held_on))

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
