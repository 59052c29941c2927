"""Record progress on one recommendation: status, % complete, owner and a note.

Not started is 0%, complete is 100%, in progress anything between: choosing a status
sets the % to match where it must. `ctrl+s` saves, `escape` cancels. If someone else
saved the recommendation first, the save is refused and the conflict dialog shows their
values against this user's and who saved them when (re-apply or reload; what was typed
is kept); while another process holds the write lock the editor says "Database busy"
and retries every second.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input

from screens.common.conflict_dialog import ConflictDialog
from screens.common.form import Form
from screens.common.form_fields import read_field
from store.concurrency import LastChange, last_change
from store.recommendations.queries import recommendation as current_recommendation
from store.recommendations.read_models import RecommendationRead
from store.recommendations.types import RecommendationStatus
from widgets.choice_picker import Choice, ChoicePicker
from widgets.error_line import ErrorLine
from widgets.footer import Footer
from widgets.plain_text import Label, Static

STATUS_CHOICES = [
    Choice(RecommendationStatus.NOT_STARTED.value, "Not started", "n"),
    Choice(RecommendationStatus.IN_PROGRESS.value, "In progress", "i"),
    Choice(RecommendationStatus.COMPLETE.value, "Complete", "c"),
]
# The recommendation's own fields (the note belongs to one change), as the dialog names them.
LABELS = {"status": "Status", "percent_complete": "% complete", "owner": "Owner"}


def values_of(rec: RecommendationRead) -> dict[str, str]:
    """A recommendation's progress as the editor holds it."""
    return {"status": rec.status, "percent_complete": str(rec.percent_complete), "owner": rec.owner}


def shown(values: dict[str, str]) -> dict[str, str]:
    """Values as people read them (the status's label, not its code)."""
    status = values.get("status", "")
    return values | {"status": RecommendationStatus(status).label if status else ""}


class ProgressEditorScreen(Form, ModalScreen[RecommendationRead | None]):
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
    KIND = "recommendation"
    FIELDS = ("status", "percent_complete", "owner", "note")
    COMPACT_WHEN_SHORT = "#buttons Button"

    def __init__(self, recommendation: RecommendationRead) -> None:
        super().__init__()
        self.recommendation = recommendation

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
            yield self.buttons()
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
        return {name: read_field(self.field(name)) or "" for name in LABELS}

    @on(ChoicePicker.Changed, "#status")
    def _status_changed(self, event: ChoicePicker.Changed) -> None:
        box = self.query_one("#percent_complete", Input)
        if event.value == RecommendationStatus.COMPLETE:
            box.value = "100"
        elif event.value == RecommendationStatus.NOT_STARTED:
            box.value = "0"
        elif self.percent() in (0, 100):
            box.value = "50"

    def data(self) -> dict[str, Any]:
        """The progress as the store's fields, with the version it was typed over."""
        return {
            "number": self.recommendation.number,
            "status": self.query_one("#status", ChoicePicker).value,
            "percent_complete": self.percent(),
            "owner": self.query_one("#owner", Input).value,
            "note": self.query_one("#note", Input).value,
            "version": self.recommendation.version,
        }

    def write(self, data: dict[str, Any]) -> RecommendationRead:
        """Record the progress through the store service."""
        from store.recommendations.services import record_progress

        with self.app.store.writing() as session:
            return record_progress(data, session=session)

    def read_current(self, data: Any) -> tuple[RecommendationRead, LastChange | None] | None:
        """The recommendation as someone else left it, and who saved it when."""
        with self.app.store.reading() as connection:
            current = current_recommendation(connection, self.recommendation.number)
            if current is None:
                return None
            return current, last_change(connection, "recommendation", self.recommendation.id)

    def take_in(self, current: tuple, data: Any) -> ConflictDialog:
        """Their changes with this user's on top."""
        now, change = current
        base = values_of(self.recommendation)
        dialog = self.merge_theirs(LABELS, base, values_of(now), change, shown)
        self.recommendation = now
        return dialog

    def saved_values(self) -> dict[str, str]:
        """The recommendation as last read (theirs, after a conflict)."""
        return values_of(self.recommendation)
