"""Record a Star Chamber decision (or a correction) on one agenda item.

The outcome comes first (`a`, `c`, `r`, `d`, `w`; once one is chosen only left and
right change it, so a reason typed on it by mistake changes nothing). For an approval
the form shows the establishment check and asks for an override reason when it warns,
and it lists the Posting List matches: the secretary chooses the person posted (enter
on them) or "No one on the list is suitable" and says why; nothing is chosen until
they do (screens/star_chamber/decision_posting.py). The store applies the same rules
again when saving.

A correction made after someone else changed the request's decision is refused and
opens the conflict dialog (screens/star_chamber/decision_conflict.py); a busy database is
retried every second. Nothing typed is lost either way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from screens.common.conflict_dialog import OPENED_AND_NOW, ConflictDialog
from screens.common.form import Form
from screens.common.form_fields import field_errors
from screens.star_chamber.decision_conflict import (
    correction_conflict_rows,
    read_current,
    taken_in_message,
)
from screens.star_chamber.decision_posting import (
    CHOOSE,
    NONE_SUITABLE,
    SAY_WHY,
    chosen_text,
    extension_note,
    outcome_note,
    posting_lines,
)
from store.concurrency import LastChange
from store.star_chamber.inputs import CorrectionIn, DecisionIn
from store.star_chamber.read_models import DecisionPreview, DecisionRead, RequestDetail
from store.star_chamber.types import Outcome
from widgets.choice_picker import Choice, ChoicePicker
from widgets.error_line import ErrorLine
from widgets.footer import Footer
from widgets.pick_list import PickList
from widgets.plain_text import Label, OptionList, Static
from widgets.star_chamber import OUTCOME_STYLES, impact_text

OUTCOMES = [
    Choice("approved", "Approved", "a", f"{OUTCOME_STYLES['approved']} reverse"),
    Choice(
        "approved_with_conditions", "With conditions", "c", f"{OUTCOME_STYLES['approved']} reverse"
    ),
    Choice("rejected", "Rejected", "r", f"{OUTCOME_STYLES['rejected']} reverse"),
    Choice("deferred", "Deferred", "d", f"{OUTCOME_STYLES['deferred']} reverse"),
    Choice("withdrawn", "Withdrawn", "w", "bold reverse"),
]
FIELDS = (
    "outcome",
    "posted",
    "none_suitable",
    "conditions",
    "override_reason",
    "approved_weeks",
    "reason",
    "why",
)


class ChamberDecisionScreen(Form, ModalScreen[DecisionRead | None]):
    """Decide one request; dismisses with the decision recorded, or None."""

    CSS_PATH = "decision.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    HELP_TITLE = "Star Chamber decision"
    HELP = """
Choose the outcome with `a` (approved), `c` (approved with conditions), `r`
(rejected), `d` (deferred: it goes onto the next meeting) or `w` (withdrawn), then
`tab` through the fields. Once an outcome is chosen, letters typed on it change
nothing (a reason typed there by mistake cannot turn a rejection into an approval):
`left` and `right` change it. Every decision needs a reason; an approval with
conditions needs its conditions.

**The Posting List comes first.** For an approval, choose the displaced person posted
(move with up and down, then `enter` or `space` on them: ● marks the choice), or the
last line, *No one on the list is suitable*, and say why. Nobody is chosen until you
do, and the line under the list says who will be posted. An extension keeps its worker
in post, so it can only say why no one on the list suits. If the approval would take
the group below its vacancy factor or past its reduction plan, a ⚠ WARNING shows and
the approval needs a reason for overriding it.

`ctrl+s` saves; `escape` cancels and keeps what you typed.

If someone else changed the decision after you opened a correction, a dialog shows it
then and now, and who changed it when; yours now supersedes theirs: `a` saves it, `r`
or `escape` goes back to the form. "Database busy" retries every second (`ctrl+s`
retries now, `escape` stops retrying). What you typed always stays.
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    KIND = "decision"
    FIELDS = FIELDS
    FIELD_ID = "dc-{name}"
    ERROR_ID = "error-{name}"
    SAVE_ID = "dc-save"
    CANCEL_ID = "dc-cancel"
    BUTTONS_ID = "dc-buttons"
    COMPACT_BUTTONS = True
    TEXTS = ("reason", "none_suitable", "conditions", "override_reason", "why")

    def __init__(
        self,
        request: RequestDetail,
        held_on: date,
        preview: DecisionPreview,
        *,
        correcting: DecisionRead | None = None,
    ) -> None:
        super().__init__()
        self.request = request
        self.held_on = held_on
        self.preview = preview
        self.correcting = correcting
        self.version = request.version  # the request's, as read when the form opened
        self.typed_on_outcome = False  # keys were typed on the outcome, changing nothing

    @property
    def draft_key(self) -> tuple[str, str]:
        """Where a cancelled form's text waits for next time."""
        return ("sc-decision", self.request.row.reference)

    def draft(self) -> dict[str, str] | None:
        """Every text typed, and the Posting List choice, if any."""
        typed = {name: self._text(name) for name in self.TEXTS}
        typed["posted"] = self.posting_choice or ""
        return typed if any(typed.values()) else None

    def restore(self, draft: dict[str, str]) -> None:
        """Put last time's texts and choice back (in the fields this form has)."""
        shown = {
            name: text for name, text in draft.items() if self.query_one_optional(f"#dc-{name}")
        }
        if shown.get("posted") not in self.query_one("#dc-posted", PickList).lines:
            shown.pop("posted", None)
        self.fill({name: text for name, text in shown.items() if text})
        self.tell("Your unsaved text from last time is restored.")

    def compose(self) -> ComposeResult:
        row = self.request.row
        with Vertical(id="dc-form"):
            yield Static(self._title(), id="dc-title")
            asked = f", {self.request.max_weeks} weeks asked" if self.request.max_weeks else ""
            yield Static(f"{row.post}, {row.grade}, {row.business_group}{asked}", classes="hint")
            if self.correcting:
                yield Static(self._in_force(), id="dc-in-force", classes="hint")
            with VerticalScroll(id="dc-fields"):
                yield from self.compose_fields()
            yield ErrorLine(id="error-form", classes="error")
            yield self.buttons()
        yield Footer()

    def compose_fields(self) -> ComposeResult:
        """The outcome, then the fields the outcome needs, then the reason."""
        yield Label("Outcome")
        yield ChoicePicker(OUTCOMES, show_keys=True, guard_typing=True, wrap=True, id="dc-outcome")
        yield Static(id="dc-outcome-note")
        yield ErrorLine(id="error-outcome", classes="error")
        yield Static(impact_text(self.preview.impact), id="dc-impact")
        with Vertical(id="dc-approval"):
            yield Label("Posting List: who is posted? Choose a person, or say no one suits")
            if self.request.row.is_extension:
                yield Static(extension_note(self.request), classes="hint")
            yield PickList(posting_lines(self.request, self.preview), id="dc-posted")
            yield Static(id="dc-chosen")
            yield ErrorLine(id="error-posted", classes="error")
        yield self._row("none_suitable", "Why no one suits")
        yield self._row("conditions", "Conditions")
        yield self._row("override_reason", "Override reason")
        yield self._row("approved_weeks", "Approved weeks", str(self.request.max_weeks or ""))
        yield Label("Reason (enter starts a new line)")
        yield TextArea(id="dc-reason", soft_wrap=True, tab_behavior="focus", compact=True)
        yield ErrorLine(id="error-reason", classes="error")
        if self.correcting:
            yield self._row("why", "Why correct it")

    def _title(self) -> Text:
        reference = self.request.row.reference
        if self.correcting:
            title = f"Correct decision {self.correcting.id} on {reference}"
        else:
            title = f"Decide {reference} at the meeting of {self.held_on.isoformat()}"
        return Text(title, style="bold")

    def _in_force(self) -> str:
        old = self.correcting
        return f"In force: {Outcome(old.outcome).label}: {old.reason}" if old else ""

    def _row(self, name: str, label: str, value: str = "") -> Vertical:
        return Vertical(
            Horizontal(
                Label(label, classes="dc-label"),
                Input(value=value, id=f"dc-{name}", compact=True, classes="dc-input"),
                classes="dc-row",
            ),
            ErrorLine(id=f"error-{name}", classes="error dc-error"),
            id=f"row-{name}",
            classes="dc-field",
        )

    def on_mount(self) -> None:
        self.restore_draft()
        self.query_one("#dc-outcome", ChoicePicker).focus()
        self._arrange()

    # ---------------------------------------------------------- form state

    @property
    def outcome(self) -> Outcome | None:
        """The chosen outcome."""
        value = self.query_one("#dc-outcome", ChoicePicker).value
        return Outcome(value) if value else None

    @property
    def posting_choice(self) -> str | None:
        """The Posting List line chosen: a person's reference, NONE_SUITABLE, or None
        while nothing is chosen (moving up and down the list chooses nothing)."""
        return self.query_one("#dc-posted", PickList).value

    def _text(self, name: str) -> str:
        if name == "reason":
            return self.query_one("#dc-reason", TextArea).text.strip()
        found = self.query_one_optional(f"#dc-{name}", Input)
        return found.value.strip() if found else ""

    def _visible(self, name: str) -> bool:
        row = self.query_one_optional(f"#row-{name}")
        return row is not None and row.display

    def data(self) -> dict[str, Any]:
        """What goes to the store, from the fields that apply to the chosen outcome."""
        outcome = self.outcome
        data: dict[str, Any] = {
            "reference": self.request.row.reference,
            "outcome": outcome.value if outcome else None,
            "reason": self._text("reason"),
        }
        if self.correcting:
            data["why"] = self._text("why")
            data["expected_version"] = self.version
        else:
            data["meeting"] = self.held_on
        if outcome is not None and outcome.is_approval:
            choice = self.posting_choice
            if choice == NONE_SUITABLE:
                data["none_suitable"] = self._text("none_suitable")
            elif choice:
                data["posted"] = choice
        for name in ("conditions", "override_reason", "approved_weeks"):
            if self._visible(name) and self._text(name):
                data[name] = self._text(name)
        return data

    def problems(self) -> dict[str, str]:
        """What is wrong now, by field: the store's own checks plus the override rule."""
        data = self.data()
        model = CorrectionIn if self.correcting else DecisionIn
        if data["outcome"] is None:
            found = {"outcome": "choose an outcome: press a, c, r, d or w"}
        else:
            found = field_errors(model, data)
        outcome = self.outcome
        approval = outcome is not None and outcome.is_approval
        if approval and self.posting_choice is None:
            found["posted"] = CHOOSE
        elif found.get("posted") and self.posting_choice == NONE_SUITABLE:
            found["none_suitable"] = SAY_WHY
            del found["posted"]
        if approval and self.preview.impact.warns and not self._text("override_reason"):
            found.setdefault("override_reason", "the check warns: give a reason for overriding it")
        return found

    def _show(self, selector: str, shown: bool) -> None:
        """Show or hide a part of the form at once (so keys pressed straight after an
        outcome is chosen already find the fields it needs)."""
        self.query_one(selector).display = shown

    def _arrange(self) -> None:
        """Show only the fields that apply to the chosen outcome and posting choice."""
        outcome = self.outcome
        approval = outcome is not None and outcome.is_approval
        choice = self.posting_choice
        self._show("#dc-approval", approval)
        self._show("#row-none_suitable", approval and choice == NONE_SUITABLE)
        self._show("#row-conditions", outcome is Outcome.APPROVED_WITH_CONDITIONS)
        self._show("#row-override_reason", approval and self.preview.impact.warns)
        self._show("#row-approved_weeks", approval and bool(self.request.max_weeks))
        if self.correcting:
            self._show("#row-why", True)
        self.query_one("#dc-chosen", Static).update(chosen_text(choice, self.request, self.preview))
        self._note_outcome()
        self.check()

    def _note_outcome(self) -> None:
        self.query_one("#dc-outcome-note", Static).update(
            outcome_note(self.outcome, self.typed_on_outcome)
        )

    @on(ChoicePicker.Changed, "#dc-outcome")
    def _outcome_changed(self) -> None:
        self.typed_on_outcome = False
        self._arrange()

    @on(ChoicePicker.Ignored, "#dc-outcome")
    def _typed_on_outcome(self) -> None:
        """Keys typed on the outcome changed nothing: say so, where the user looks."""
        self.typed_on_outcome = True
        self._note_outcome()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if self.typed_on_outcome and getattr(event.widget, "id", None) == "dc-outcome":
            self.typed_on_outcome = False
            self._note_outcome()

    @on(PickList.Changed, "#dc-posted")
    def _posting_changed(self) -> None:
        self._arrange()

    @on(OptionList.OptionSelected, "#dc-posted")
    def _posting_selected(self) -> None:
        """Chosen: on to the next field shown (the reason why no one suits, if that was
        it), named rather than found by position, which lags a field just shown."""
        self.touched.add("posted")
        self._arrange()
        after = FIELDS[FIELDS.index("posted") + 1 :]
        name = next(n for n in after if n == "reason" or self._visible(n))
        self.field(name).focus()

    # ---------------------------------------------------------------- save

    def write(self, data: dict[str, Any]) -> DecisionRead:
        """Record the decision or correction through the store service."""
        from store.star_chamber.services.decisions import correct, decide

        with self.app.store.writing() as session:
            if self.correcting:
                return correct(data, session=session)
            return decide(data, session=session)

    # ------------------------------------------------------ someone saved first

    @property
    def knows_current(self) -> bool:
        """Only a correction carries the request's version."""
        return self.correcting is not None

    def read_current(self, data: Any) -> tuple[RequestDetail, LastChange | None] | None:
        """The request and its decision in force now, and who changed it when."""
        current, change = read_current(self.app.store, self.request.row.reference)
        return None if current is None else (current, change)

    def take_in(self, current: tuple, data: Any) -> ConflictDialog | None:
        """Take in the decision now in force (the correction will supersede it), keep
        everything typed: the dialog shows then against now, who and when."""
        detail, change = current
        reference = self.request.row.reference
        live = detail.live_decision
        if live is None:
            self.refuse(f"Not saved. {reference} has no decision in force to correct now.")
            return None
        rows = correction_conflict_rows(self.request.row.status, self.correcting, detail)
        self.request, self.version, self.correcting = detail, detail.version, live
        self.query_one("#dc-title", Static).update(self._title())
        self.query_one("#dc-in-force", Static).update(self._in_force())
        who = change.describe if change else "someone else"
        self.refuse(taken_in_message(reference, who, live))
        return ConflictDialog("decision", rows, change, headings=OPENED_AND_NOW)
