"""The RAG editor: record one RAG with its rationale for one criterion and period.

It opens with the R/A/G choice focused (`r`, `a`, `g`), `tab` goes to the rationale,
`ctrl+s` saves from anywhere and `escape` cancels. A failed save keeps everything
typed; a cancelled one keeps the rationale as a draft for next time. While another
process holds the write lock the editor says "Database busy" and retries every second
(`ctrl+s` retries now, `escape` stops retrying), as the record forms do.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from screens.common.busy_retry import BusyRetry, stopped_message
from store.errors import DatabaseBusyError, InputError, PortfolioError
from store.periods import parse_period
from store.portfolio.queries import previous_assessment
from store.portfolio.read_models import AssessmentRead
from store.types import Rag
from widgets.rag import rag_badge
from widgets.rag_picker import RagPicker

FIELDS = ("criterion", "period", "rag", "rationale")


def repeats_previous(previous: AssessmentRead | None, rag: Rag | None, rationale: str) -> bool:
    """True when the colour changed from last period but the rationale is word for word
    the same as last period's (the store refuses this too)."""
    return (
        previous is not None
        and rag is not None
        and previous.rag != rag.value
        and previous.rationale.split() == rationale.split()
    )


class RagEditorScreen(BusyRetry, ModalScreen[AssessmentRead | None]):
    """Record a RAG assessment; dismisses with what was saved, or None when cancelled."""

    CSS_PATH = "rag_editor.tcss"
    HELP_TITLE = "RAG editor"
    HELP = """
Choose the colour with `r`, `a` or `g` (or the arrow keys), then `tab` to the
rationale and say why. **Red**: off target with significant issues. **Amber**: some
slippage, with mitigations in place. **Green**: on target.

A rationale is required. When the colour changes from last period, say what changed:
last period's text repeated word for word is refused.

`ctrl+s` saves from anywhere; `escape` cancels and keeps your rationale as a draft.
If another process is writing, the editor says "Database busy" and retries every
second: `ctrl+s` retries now, `escape` stops retrying (a second `escape` leaves).
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

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
        self.attempted = False
        self.saving = False
        self.refusal: str | Text = ""  # why the last save did not land, until the next one
        self.busy_retry = None

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
                    yield Static(id="criterion-error", classes="error")
                with Vertical(classes="field narrow"):
                    yield Label("Period")
                    yield Input(value=self.initial_period, id="period", max_length=7)
                    yield Static(id="period-error", classes="error")
            yield Label("RAG")
            yield RagPicker(id="rag")
            yield Static(id="rag-error", classes="error")
            yield Static(id="previous", classes="hint")
            yield Label("Rationale")
            yield TextArea(id="rationale", soft_wrap=True, tab_behavior="focus")
            yield Static(id="rationale-error", classes="error")
            yield Static(id="form-error", classes="error")
            with Horizontal(id="buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="save")
                yield Button("Cancel  esc", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        draft = self.app.drafts.pop((self.code, self.initial_criterion), "")
        if draft:
            self.query_one("#rationale", TextArea).text = draft
            self.query_one("#form-error", Static).update(
                Text("Your unsaved rationale from last time is restored.", style="italic")
            )
        self.query_one("#rag", RagPicker).focus()
        self.load_previous()

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

    def show_error(self, field: str, message: str) -> None:
        """Show `message` next to `field` (or under the form for anything else)."""
        target = field if field in FIELDS else "form"
        self.query_one(f"#{target}-error", Static).update(message)

    def clear_errors(self) -> None:
        """Remove every error message, except why the last save did not land (a busy
        database, retrying), which stays until the next save."""
        for field in FIELDS:
            self.query_one(f"#{field}-error", Static).update("")
        self.query_one("#form-error", Static).update(self.refusal)

    def problems(self) -> dict[str, str]:
        """What is wrong with the form right now, by field."""
        found: dict[str, str] = {}
        try:
            parse_period(self.period)
        except ValueError as error:
            found["period"] = f"Period: {error}"
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

    def validate_form(self) -> bool:
        """Show every problem next to its field; True when there are none."""
        self.clear_errors()
        found = self.problems()
        for field, message in found.items():
            self.show_error(field, message)
        return not found

    @on(TextArea.Changed, "#rationale")
    @on(RagPicker.Changed, "#rag")
    def _revalidate(self) -> None:
        if self.attempted:
            self.validate_form()

    @on(Input.Changed, "#period")
    @on(Select.Changed, "#criterion")
    def _where_changed(self) -> None:
        try:
            parse_period(self.period)
        except ValueError as error:
            self.show_error("period", f"Period: {error}")
            return
        self.show_error("period", "")
        self.load_previous()

    # ------------------------------------------------------ previous period

    @work(thread=True, exclusive=True, group="previous")
    def load_previous(self) -> None:
        """Fetch last period's assessment for this criterion, for context and the
        word-for-word check."""
        criterion, period = self.criterion, self.period
        with self.app.store.reading() as connection:
            previous = previous_assessment(connection, self.code, criterion, period)
        self.app.call_from_thread(self._show_previous, previous)

    def _show_previous(self, previous: AssessmentRead | None) -> None:
        self.previous = previous
        hint = self.query_one("#previous", Static)
        if previous is None:
            hint.update(Text("No earlier assessment for this criterion.", style="italic"))
        else:
            text = Text(f"Last period ({previous.period}): ")
            text.append_text(rag_badge(previous.rag, word=True))
            text.append(f"  {previous.rationale}")
            hint.update(text)
        if self.attempted:
            self.validate_form()

    # ---------------------------------------------------------------- save

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form, then save it off the event loop."""
        self.attempted = True
        if self.saving or not self.validate_form():
            self._focus_first_problem()
            return
        self._stop_retry()
        self._refuse("")
        self.saving = True
        self.query_one("#save", Button).disabled = True
        self.save(
            {
                "code": self.code,
                "criterion": self.criterion,
                "period": self.period,
                "rag": self.rag.value,
                "rationale": self.rationale,
            }
        )

    def _focus_first_problem(self) -> None:
        for field in ("rag", "rationale", "period", "criterion"):
            if str(self.query_one(f"#{field}-error", Static).render()).strip():
                self.query_one(f"#{field}").focus()
                return

    @work(thread=True, exclusive=True, group="save")
    def save(self, data: dict) -> None:
        """Record the assessment through the store service."""
        from store.portfolio.services import record_assessment

        try:
            with self.app.store.writing() as session:
                saved = record_assessment(data, session=session)
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
        self._refuse(self.retry_when_busy())

    def _save_failed(self, field: str, message: str) -> None:
        self.saving = False
        self.query_one("#save", Button).disabled = False
        if field in FIELDS:
            self.show_error(field, f"Not saved. {message}")
        else:
            self._refuse(f"Not saved. {message}")
        self._focus_first_problem()

    def _refuse(self, message: str | Text) -> None:
        """Say under the form why the save did not land (kept while the user types)."""
        self.refusal = message
        self.query_one("#form-error", Static).update(message)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving; a typed rationale is kept as a draft. While a busy
        database is being retried, the first escape only stops the retrying."""
        if self._stop_retry():
            self._refuse(stopped_message())
            return
        if self.rationale.strip():
            self.app.drafts[(self.code, self.criterion)] = self.rationale
        self.dismiss(None)
