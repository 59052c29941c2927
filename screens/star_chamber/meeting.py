"""A meeting, walked through one agenda item at a time: the request, the decision once
it is recorded (or what to do next), the establishment check an approval would face,
and the displaced staff who could fill the post.

What cannot be done says why when its key is pressed, before any dialog opens:
deciding or correcting a request you entered (separation of duties), deciding a
decided item, taking a decided item off the agenda. Building the agenda shows what it
will add, and who entered each request, and asks first. A key pressed while the
highlighted item is still being read waits for it rather than being lost. On a narrow
terminal the agenda sits above the item instead of beside it."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.worker import get_current_worker

from screens.common.live_data import LiveData
from screens.common.role_keys import RoleKeys
from screens.star_chamber.meeting_build import BuildAgenda
from screens.star_chamber.meeting_text import (
    AGENDA_COLUMNS,
    MATCH_COLUMNS,
    NO_MEETING,
    agenda_row,
    decision_text,
    empty_agenda_text,
    item_text,
    match_rows,
    meeting_heading,
    own_request,
    people_text,
    why_not_correct,
    why_not_decide,
    why_not_remove,
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
from widgets.footer import Footer
from widgets.header import Header
from widgets.keyed_table import KeyedDataTable
from widgets.plain_text import DataTable, Static
from widgets.star_chamber import impact_text


class MeetingScreen(BuildAgenda, LiveData, RoleKeys, Screen):
    """Walk through one meeting's agenda and record each decision."""

    CSS_PATH = "meeting.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
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
that names the old one and says why (the only way once the meeting is closed). No one
decides or corrects a request they entered themselves: the agenda shows who entered
each one, and the key says so at once.

`b` shows every waiting request it would add to the agenda (deferred ones first, then
the oldest), with who entered each, and adds them when you press `ctrl+s`; `r` takes
an undecided item off. `x` closes the meeting, `i` opens its minutes, `escape` goes
back.
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
        self.waiting_for: str | None = None  # an action pressed while the item was read
        self._serial = 0  # of the latest read of the meeting asked for

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
                yield Static(id="mt-decision")
                yield Static("Establishment check", classes="section-title")
                yield Static(id="mt-impact")
                yield Static("Posting List: who could fill it", classes="section-title")
                yield KeyedDataTable(id="mt-matches", cursor_type="row", zebra_stripes=True)
        yield Footer()

    @property
    def agenda_table(self) -> DataTable:
        """The agenda."""
        return self.query_one("#mt-agenda", DataTable)

    def on_mount(self) -> None:
        self.sub_title = "Star Chamber meeting"
        for label, width in AGENDA_COLUMNS:
            self.agenda_table.add_column(label, width=width)
        for label, width in MATCH_COLUMNS:
            self.query_one("#mt-matches", DataTable).add_column(label, width=width)
        self.agenda_table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.meeting is not None:
            self.reload()

    @property
    def keys_wait(self) -> bool:
        """Keys for the screen wait while the agenda is read again, whatever is focused."""
        return self.is_mounted and self.agenda_table.keys_wait

    def reload(self) -> None:
        """Read the meeting again. Keys for the screen wait until it is in: a `d` typed
        straight after a decision acts on the agenda as it is now, not as it was (where
        the item just decided was still waiting)."""
        self.agenda_table.rows_coming()
        self.load()

    # ------------------------------------------------------------- loading

    def load(self) -> None:
        """Read the meeting and its agenda off the event loop (only the latest read asked
        for is shown: one that began before a save is not)."""
        self._serial += 1
        self.read_meeting(self._serial)

    @work(thread=True, exclusive=True, group="mt-load")
    def read_meeting(self, serial: int) -> None:
        """Read the meeting and its agenda (in a worker thread)."""
        with self.app.store.reading() as connection:
            held_on = self.held_on or default_meeting(connection)
            meeting = meeting_detail(connection, held_on) if held_on else None
        self.app.call_from_thread(self.show, serial, meeting)

    def show(self, serial: int, meeting: MeetingDetail | None) -> None:
        """Fill the header and agenda, keeping the cursor on the same item; a read
        overtaken by a newer one is dropped (the newer one lets waiting keys go)."""
        if serial != self._serial:
            return
        try:
            self._show(meeting)
        finally:
            self.agenda_table.rows_put()

    def _show(self, meeting: MeetingDetail | None) -> None:
        self.data_shown()
        title = self.query_one("#mt-title", Static)
        if meeting is None:
            title.update(Text(NO_MEETING, style="bold"))
            return
        keep = self.focus_reference or self._reference_at_cursor()
        self.focus_reference = None
        self.current = None  # read again for this agenda: actions wait for it (loaded_item)
        self.meeting, self.held_on = meeting, meeting.held_on
        title.update(meeting_heading(meeting))
        self.query_one("#mt-people", Static).update(people_text(meeting))
        table = self.agenda_table
        table.clear()
        for item in meeting.agenda:
            table.add_row(*agenda_row(item), key=item.request.reference)
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

    def _reference_at_cursor(self) -> str | None:
        """The item the person is on: the agenda row under the cursor (its detail may
        still be being read), else the item shown."""
        item = self.current_item()
        if item is not None:
            return item.request.reference
        return self.current.row.reference if self.current else None

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
        for row in match_rows(preview, detail.row.grade):
            matches.add_row(*row)
        refusal = own_request(self.app.store.identity, item.request)
        self.query_one("#mt-decision", Static).update(
            decision_text(item.decision, self.meeting.is_open, self.role_allows("decide"), refusal)
        )
        if self.waiting_for and self.app.screen is self:
            action, self.waiting_for = self.waiting_for, None
            getattr(self, f"action_{action}")()

    def on_screen_suspend(self) -> None:
        """Another screen opened over this one: a key waiting for the item is dropped,
        not run over it when the item's read lands."""
        self.waiting_for = None

    # ------------------------------------------------------------- actions

    def loaded_item(self, action: str) -> AgendaItem | None:
        """The highlighted item once its request and check are read. While they are still
        being read, `action` runs as soon as they are: a key pressed straight after
        moving is not lost."""
        item = self.current_item()
        if item is None:
            return None
        if self.current is None or item.request.reference != self.current.row.reference:
            self.waiting_for = action
            return None
        return item

    def _refuse(self, reference: str, why: str) -> bool:
        """Say why (if there is a why) and return True."""
        if why:
            self.notify(why, title=reference, severity="warning")
        return bool(why)

    @on(DataTable.RowSelected, "#mt-agenda")
    def action_decide(self) -> None:
        """Record the decision on the highlighted item (or say why not, at once)."""
        if self.refused("decide"):
            return
        item = self.loaded_item("decide")
        if item is None:
            return
        reference = item.request.reference
        if self._refuse(reference, why_not_decide(self.meeting, item, self.app.store.identity)):
            return
        from screens.star_chamber.decision import ChamberDecisionScreen

        self.app.push_screen(
            ChamberDecisionScreen(self.current, self.meeting.held_on, self.preview), self._decided
        )

    def action_correct(self) -> None:
        """Correct the highlighted item's decision with a new one (or say why not)."""
        item = self.loaded_item("correct")
        if item is None:
            return
        why = why_not_correct(item, self.current, self.app.store.identity)
        if self._refuse(item.request.reference, why):
            return
        from screens.star_chamber.decision import ChamberDecisionScreen

        live = self.current.live_decision
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
        self.reload()  # the cursor stays where the person is by the time it lands

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

    def action_remove_item(self) -> None:
        """Take the highlighted undecided item off the agenda (or say why not, at once)."""
        item = self.current_item()
        if item is None or self.meeting is None:
            return
        if self._refuse(item.request.reference, why_not_remove(self.meeting, item)):
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
            self.reload()

    def action_minutes(self) -> None:
        """Open this meeting's minutes."""
        if self.meeting is None:
            return
        from screens.star_chamber.minutes import MinutesScreen

        self.app.push_screen(MinutesScreen(self.meeting.held_on))

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
