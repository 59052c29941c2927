"""Record progress on one recommendation: status, % complete, owner and a note.

Not started is 0%, complete is 100%, in progress anything between: choosing a status
sets the % to match where it must. `ctrl+s` saves, `escape` cancels. If someone else
saved the recommendation first, the save is refused and the conflict dialog shows their
values against this user's and who saved them when (re-apply or reload; what was typed
is kept); while another process holds the write lock the editor says "Database busy"
and retries every second.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from screens.common.busy_retry import BusyRetry, stopped_message
from screens.common.conflict_dialog import ConflictDialog, ReapplyOrReload
from screens.common.record_form import resolve_conflict
from store.concurrency import LastChange, last_change
from store.errors import DatabaseBusyError, InputError, PortfolioError
from store.recommendations.queries import recommendation as current_recommendation
from store.recommendations.read_models import RecommendationRead
from store.recommendations.types import RecommendationStatus
from widgets.choice_picker import Choice, ChoicePicker
from widgets.error_line import ErrorLine

STATUS_CHOICES = [
    Choice(RecommendationStatus.NOT_STARTED.value, "Not started", "n"),
    Choice(RecommendationStatus.IN_PROGRESS.value, "In progress", "i"),
    Choice(RecommendationStatus.COMPLETE.value, "Complete", "c"),
]
FIELDS = ("status", "percent_complete", "owner", "note")
# The recommendation's own fields (the note belongs to one change), as the dialog names them.
LABELS = {"status": "Status", "percent_complete": "% complete", "owner": "Owner"}


def values_of(rec: RecommendationRead) -> dict[str, str]:
    """A recommendation's progress as the editor holds it."""
    return {"status": rec.status, "percent_complete": str(rec.percent_complete), "owner": rec.owner}


def shown(values: dict[str, str]) -> dict[str, str]:
    """Values as people read them (the status's label, not its code)."""
    status = values.get("status", "")
    return values | {"status": RecommendationStatus(status).label if status else ""}


class ProgressEditorScreen(ReapplyOrReload, BusyRetry, ModalScreen[RecommendationRead | None]):
    """Edit one recommendation's progress; dismisses with it saved, or None."""

    CSS_PATH = "progress_editor.tcss"
    HELP_TITLE = "Record progress"
    HELP = """
Choose the status with `n` (not started), `i` (in progress) or `c` (complete), then
`tab` to the % complete, the owner and a note saying what moved. Not started is 0%
and complete is 100%; in progress is anything from 1% to 99%.

`ctrl+s` saves and `escape` cancels. If someone else changed this recommendation
since you opened it, the save is refused so their change is not lost: a dialog shows
your values against theirs and who saved when; `a` re-applies yours over theirs, `r`
reloads theirs (`ctrl+r` too). If another process is writing, the editor says
"Database busy" and retries every second (`ctrl+s` retries now, `escape` stops).
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+r", "revert", "Revert to saved", show=False),
    ]

    def __init__(self, recommendation: RecommendationRead) -> None:
        super().__init__()
        self.recommendation = recommendation
        self.saving = False

    def compose(self) -> ComposeResult:
        rec = self.recommendation
        with Vertical(id="progress"):
            title = Text().append(f"Recommendation {rec.number} · {rec.heading}\n", style="bold")
            title.append(rec.text, style="")
            yield Static(title, id="progress-title")
            yield Label("Status")
            yield ChoicePicker(STATUS_CHOICES, value=rec.status, id="status")
            yield ErrorLine(id="status-error")
            with Horizontal(classes="row"):
                with Vertical(classes="field narrow"):
                    yield Label("% complete")
                    yield Input(
                        value=str(rec.percent_complete),
                        id="percent_complete",
                        max_length=4,
                        compact=True,
                    )
                    yield ErrorLine(id="percent_complete-error")
                with Vertical(classes="field"):
                    yield Label("Owner")
                    yield Input(value=rec.owner, id="owner", compact=True)
                    yield ErrorLine(id="owner-error")
            yield Label("Note (what moved, for the audit log)")
            yield Input(id="note", compact=True)
            yield ErrorLine(id="note-error")
            yield ErrorLine(id="form-error")
            with Horizontal(id="buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="save")
                yield Button("Cancel  esc", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#status", ChoicePicker).focus()

    def percent(self) -> int | None:
        """The % complete as typed, or None when it is not a whole number 0–100."""
        text = self.query_one("#percent_complete", Input).value.strip().removesuffix("%")
        return int(text) if text.isdigit() and int(text) <= 100 else None

    def problems(self) -> dict[str, str]:
        """What is wrong with the form, by field."""
        status = RecommendationStatus(self.query_one("#status", ChoicePicker).value)
        percent, found = self.percent(), {}
        if percent is None:
            found["percent_complete"] = "A whole number from 0 to 100."
        elif status is RecommendationStatus.COMPLETE and percent != 100:
            found["percent_complete"] = "Complete means 100%."
        elif status is RecommendationStatus.NOT_STARTED and percent != 0:
            found["percent_complete"] = "Not started means 0%."
        elif status is RecommendationStatus.IN_PROGRESS and percent in (0, 100):
            found["percent_complete"] = "In progress means 1% to 99%."
        return found

    def values(self) -> dict[str, str]:
        """The recommendation's fields as typed (not the note)."""
        return {
            "status": self.query_one("#status", ChoicePicker).value or "",
            "percent_complete": self.query_one("#percent_complete", Input).value,
            "owner": self.query_one("#owner", Input).value,
        }

    def fill(self, values: dict[str, str]) -> None:
        """Put the recommendation's fields into the editor (the note stays as typed)."""
        self.query_one("#status", ChoicePicker).value = values["status"]
        self.query_one("#percent_complete", Input).value = values["percent_complete"]
        self.query_one("#owner", Input).value = values["owner"]

    def validate_form(self, *, keep_form_line: bool = False) -> bool:
        """Show every problem next to its field; True when there are none. While the
        user edits (`keep_form_line`) the message under the form stays until the next
        save, so what a refused save said (e.g. who saved first) is not lost."""
        for name in FIELDS if keep_form_line else (*FIELDS, "form"):
            self.query_one(f"#{name}-error", ErrorLine).say("")
        found = self.problems()
        for name, message in found.items():
            self.query_one(f"#{name}-error", ErrorLine).say(message)
        return not found

    @on(ChoicePicker.Changed, "#status")
    def _status_changed(self, event: ChoicePicker.Changed) -> None:
        box = self.query_one("#percent_complete", Input)
        if event.value == RecommendationStatus.COMPLETE:
            box.value = "100"
        elif event.value == RecommendationStatus.NOT_STARTED:
            box.value = "0"
        elif self.percent() in (0, 100):
            box.value = "50"
        self.validate_form(keep_form_line=True)

    @on(Input.Changed, "#percent_complete")
    def _percent_changed(self) -> None:
        self.validate_form(keep_form_line=True)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form, then save it off the event loop."""
        if self.saving or not self.validate_form():
            self.query_one("#percent_complete", Input).focus()
            return
        self._stop_retry()
        self.saving = True
        self.query_one("#save", Button).disabled = True
        self.save(
            {
                "number": self.recommendation.number,
                "status": self.query_one("#status", ChoicePicker).value,
                "percent_complete": self.percent(),
                "owner": self.query_one("#owner", Input).value,
                "note": self.query_one("#note", Input).value,
                "version": self.recommendation.version,
            }
        )

    @work(thread=True, exclusive=True, group="progress-save")
    def save(self, data: dict) -> None:
        """Record the progress through the store service."""
        from store.recommendations.services import record_progress

        try:
            with self.app.store.writing() as session:
                saved = record_progress(data, session=session)
        except DatabaseBusyError:
            self.app.call_from_thread(self._busy)
        except InputError as error:
            self.app.call_from_thread(self._save_failed, error.field, str(error))
        except PortfolioError as error:
            self.app.call_from_thread(self._save_failed, "form", str(error))
        else:
            self.app.call_from_thread(self.finish, saved)

    def _busy(self) -> None:
        """Another process holds the write lock: say so, keep everything, retry soon."""
        self.saving = False
        self.query_one("#save", Button).disabled = False
        self.query_one("#form-error", ErrorLine).say(self.retry_when_busy())

    def _save_failed(self, field: str, message: str) -> None:
        if field == "version":  # still saving until the conflict is shown
            self.query_one("#form-error", ErrorLine).say("Not saved. Checking what changed…")
            self.load_current()
            return
        self.saving = False
        self.query_one("#save", Button).disabled = False
        target = field if field in FIELDS else "form"
        self.query_one(f"#{target}-error", ErrorLine).say(f"Not saved. {message}")

    @work(thread=True, exclusive=True, group="progress-current")
    def load_current(self) -> None:
        """Read the recommendation as someone else left it, and who saved it when."""
        with self.app.store.reading() as connection:
            current = current_recommendation(connection, self.recommendation.number)
            change = last_change(connection, "recommendation", self.recommendation.id)
        self.app.call_from_thread(self._show_conflict, current, change)

    def _show_conflict(self, current: RecommendationRead | None, change: LastChange | None) -> None:
        """Take their changes in with this user's on top, and open the conflict dialog."""
        self.saving = False
        self.query_one("#save", Button).disabled = False
        if current is None:
            self.query_one("#form-error", ErrorLine).say(
                f"Not saved. Recommendation {self.recommendation.number} no longer exists."
            )
            return
        base, now = values_of(self.recommendation), values_of(current)
        conflict = resolve_conflict(
            "recommendation", LABELS, base, self.values(), now, change, shown
        )
        self.recommendation = current
        self.fill(conflict.values)
        self.query_one("#form-error", ErrorLine).say(conflict.message)
        dialog = ConflictDialog("recommendation", conflict.rows, change)
        self.app.push_screen(dialog, self._conflict_chosen)

    def action_revert(self) -> None:
        """Put back the recommendation as last read (theirs, after a conflict)."""
        self.fill(values_of(self.recommendation))
        self.query_one("#form-error", ErrorLine).say(
            "The saved values are back in the form.", note=True
        )
        self.query_one("#status", ChoicePicker).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving. While a busy database is being retried, the first
        escape only stops the retrying."""
        if self._stop_retry():
            self.query_one("#form-error", ErrorLine).say(stopped_message())
            return
        self.dismiss(None)
