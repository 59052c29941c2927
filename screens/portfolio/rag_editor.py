"""The RAG editor: record one RAG with its rationale for one criterion and period.

It opens with the R/A/G choice focused (`r`, `a`, `g`), `tab` goes to the rationale,
`ctrl+s` saves from anywhere and `escape` cancels. A failed save keeps everything
typed; a cancelled one keeps the rationale as a draft for next time. While another
process holds the write lock the editor says "Database busy" and retries every second
(`ctrl+s` retries now, `escape` stops retrying), as the record forms do.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from screens.common.form import Form
from store.periods import after_current, parse_period
from store.portfolio.queries import assessment_in_period, previous_assessment
from store.portfolio.read_models import AssessmentRead
from store.types import Rag
from widgets.error_line import ErrorLine
from widgets.footer import Footer
from widgets.period_input import PeriodInput
from widgets.plain_text import Label, Select, Static
from widgets.rag import rag_badge
from widgets.rag_picker import RagPicker


def repeats_previous(previous: AssessmentRead | None, rag: Rag | None, rationale: str) -> bool:
    """True when the colour changed from last period but the rationale is word for word
    the same as last period's (the store refuses this too)."""
    return (
        previous is not None
        and rag is not None
        and previous.rag != rag.value
        and previous.rationale.split() == rationale.split()
    )


def error_line(name: str) -> ErrorLine:
    """A field's error line, keeping its room while empty as this editor is laid out."""
    return ErrorLine(id=f"{name}-error", classes="error", keep_room=True)


class RagEditorScreen(Form, ModalScreen[AssessmentRead | None]):
    """Record a RAG assessment; dismisses with what was saved, or None when cancelled.

    It opens on `period`, the current reporting period: a later one is refused."""

    CSS_PATH = "rag_editor.tcss"
    HELP_TITLE = "RAG editor"
    HELP = """
Choose the colour with `r`, `a` or `g` (or the arrow keys), then `tab` to the
rationale and say why. **Red**: off target with significant issues. **Amber**: some
slippage, with mitigations in place. **Green**: on target.

A rationale is required. When the colour changes from last period, say what changed:
last period's text repeated word for word is refused. When a RAG is already recorded
for this criterion and period, the editor shows it (who, when, why): saving replaces
it, and the RAG history shows which replaced which.

`ctrl+s` saves from anywhere; `escape` cancels and keeps your rationale as a draft.
If another process is writing, the editor says "Database busy" and retries every
second: `ctrl+s` retries now, `escape` stops retrying (a second `escape` leaves).
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    # The order the cursor goes to the first field with a problem.
    FIELDS = ("rag", "rationale", "period", "criterion")
    QUIET_UNTIL_SAVED = True
    COMPACT_WHEN_SHORT = "#criterion, #period, #buttons Button"

    def __init__(
        self, *, code: str, name: str, criteria: list[str], criterion: str, period: str
    ) -> None:
        super().__init__()
        self.code = code
        self.initiative_name = name
        self.criteria = criteria or [criterion]
        self.initial_criterion = criterion if criterion in self.criteria else self.criteria[0]
        self.initial_period = period
        self.previous: AssessmentRead | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Static(Text(f"Record a RAG · {self.code} {self.initiative_name}"), id="title")
            with Horizontal(id="where"):
                with Vertical(classes="field"):
                    yield Label("Criterion")
                    yield Select(
                        [(name, name) for name in self.criteria],
                        value=self.initial_criterion,
                        allow_blank=False,
                        id="criterion",
                    )
                    yield error_line("criterion")
                with Vertical(classes="field narrow"):
                    yield Label("Period")
                    yield PeriodInput(self.initial_period, id="period")
                    yield error_line("period")
            yield Label("RAG")
            yield RagPicker(id="rag")
            yield error_line("rag")
            yield Static(id="previous", classes="hint")
            yield Label("Rationale")
            yield TextArea(id="rationale", soft_wrap=True, tab_behavior="focus")
            yield error_line("rationale")
            yield error_line("form")
            yield self.buttons()
        yield Footer()

    def on_mount(self) -> None:
        self.restore_draft()
        self.query_one("#rag", RagPicker).focus()
        self.load_previous()

    @property
    def draft_key(self) -> tuple[str, str]:
        """A rationale left unsaved waits under the initiative and criterion."""
        return (self.code, self.criterion)

    def draft(self) -> str | None:
        """The rationale typed, if any."""
        return self.rationale if self.rationale.strip() else None

    def restore(self, draft: str) -> None:
        """Put last time's rationale back."""
        self.query_one("#rationale", TextArea).text = draft
        self.tell(Text("Your unsaved rationale from last time is restored.", style="italic"))

    # ---------------------------------------------------------- form state

    @property
    def criterion(self) -> str:
        """The chosen criterion."""
        return str(self.query_one("#criterion", Select).value)

    @property
    def period(self) -> str:
        """The period as typed."""
        return self.query_one("#period", Input).value.strip().upper()

    @property
    def rag(self) -> Rag | None:
        """The chosen colour, if any."""
        return self.query_one("#rag", RagPicker).value

    @property
    def rationale(self) -> str:
        """The rationale as typed."""
        return self.query_one("#rationale", TextArea).text

    def problems(self) -> dict[str, str]:
        """What is wrong with the form right now, by field."""
        found: dict[str, str] = {}
        try:
            parse_period(self.period)
        except ValueError as error:
            found["period"] = f"Period: {error}"
        else:
            if later := after_current(self.period, self.initial_period):
                found["period"] = f"Period: {later}"
        if self.rag is None:
            found["rag"] = "RAG: choose Red, Amber or Green (press r, a or g)"
        if not self.rationale.strip():
            found["rationale"] = "Rationale is required: say why the RAG is what it is."
        elif repeats_previous(self.previous, self.rag, self.rationale):
            found["rationale"] = (
                f"Rationale: the colour changed from {Rag(self.previous.rag).word}, so say what "
                f"changed; this repeats {self.previous.period}'s rationale word for word."
            )
        return found

    def quiet(self, name: str) -> bool:
        """A period that is not one shows at once; the rest once a save was tried."""
        return not self.attempted and name != "period"

    @on(Input.Changed, "#period")
    @on(Select.Changed, "#criterion")
    def _where_changed(self) -> None:
        try:
            parse_period(self.period)
        except ValueError:
            return
        self.load_previous()

    # ------------------------------------------------------ previous period

    @work(thread=True, exclusive=True, group="previous")
    def load_previous(self) -> None:
        """Fetch last period's assessment for this criterion, for context and the
        word-for-word check."""
        criterion, period = self.criterion, self.period
        with self.app.store.reading() as connection:
            previous = previous_assessment(connection, self.code, criterion, period)
            recorded = assessment_in_period(connection, self.code, criterion, period)
        self.app.call_from_thread(self._show_previous, previous, recorded)

    def _show_previous(
        self, previous: AssessmentRead | None, recorded: AssessmentRead | None = None
    ) -> None:
        self.previous = previous
        hint = self.query_one("#previous", Static)
        if previous is None:
            text = Text("No earlier assessment for this criterion.", style="italic")
        else:
            text = Text(f"Last period ({previous.period}): ")
            text.append_text(rag_badge(previous.rag, word=True))
            text.append(f"  {previous.rationale}")
        if recorded is not None:
            text.append(f"\nAlready recorded for {recorded.period}: ", style="bold")
            text.append_text(rag_badge(recorded.rag, word=True))
            text.append(f" by {recorded.recorded}. {recorded.rationale}\n")
            text.append("Saving replaces it; the history keeps both.", style="bold")
        hint.update(text)
        self.check()

    # ---------------------------------------------------------------- save

    def data(self) -> dict[str, Any]:
        """The assessment as the store's fields."""
        return {
            "code": self.code,
            "criterion": self.criterion,
            "period": self.period,
            "rag": self.rag.value,
            "rationale": self.rationale,
        }

    @property
    def knows_current(self) -> bool:
        """A new assessment has no one else's version to be stale against."""
        return False

    def write(self, data: dict[str, Any]) -> AssessmentRead:
        """Record the assessment through the store service."""
        from store.portfolio.services import record_assessment

        with self.app.store.writing() as session:
            return record_assessment(data, session=session)
