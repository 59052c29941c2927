"""The panel's decision on a triaged proposal, or a correction of the decision in force.

The outcome is one key (`a` accept, `r` reject, `d` defer, `x` experiment, `m` more
information); the fields that outcome needs appear under it. A rationale is always
required. `ctrl+s` saves, `escape` cancels keeping the rationale as a draft.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from store import clock
from store.errors import InputError, PortfolioError
from store.front_door.queries import suggested_code
from store.front_door.read_models import DecisionRead, ProposalDetail
from store.front_door.tier_rules import rule_by_number
from store.front_door.types import Outcome
from store.types import Tier
from widgets.choice_picker import Choice, ChoicePicker
from widgets.error_line import ErrorLine

OUTCOME_CHOICES = [
    Choice(Outcome.ACCEPTED.value, "Accept", "a"),
    Choice(Outcome.REJECTED.value, "Reject", "r"),
    Choice(Outcome.DEFERRED.value, "Defer", "d"),
    Choice(Outcome.EXPERIMENT.value, "Experiment", "x"),
    Choice(Outcome.RETURNED.value, "More information", "m"),
]
FIELDS = (
    "outcome",
    "tier",
    "code",
    "sro",
    "programme_manager",
    "until",
    "review_date",
    "decided_on",
    "rationale",
)
DATE_FIELDS = {"until": "date to come back", "review_date": "review date", "decided_on": "date"}


def _field(label: str, widget, name: str) -> Vertical:
    return Vertical(Label(label), widget, ErrorLine(id=f"{name}-error"), classes="field")


def _parse_date(text: str) -> date | None:
    return date.fromisoformat(text.strip()) if text.strip() else None


class DecisionScreen(ModalScreen[DecisionRead | None]):
    """Record a decision; dismisses with it, or None when cancelled."""

    CSS_PATH = "decision_form.tcss"
    HELP_TITLE = "Decision"
    HELP = """
Choose the outcome with one key: `a` **accept** (creates the initiative in the
portfolio with the tier, complexity, business group and SRO), `r` **reject**,
`d` **defer** until a date (the proposal comes back into the queue that day),
`x` **send to experimentation** (creates an experimental initiative with a review
date), or `m` **return for more information**.

An acceptance takes the triage's tier unless you choose another; the new
initiative's code is made from the title unless you type one, and its SRO is the
sponsor unless you name someone else. A **rationale** is always required.

A correction replaces the decision in force and must say why. `ctrl+s` saves;
`escape` cancels, keeping your rationale as a draft.
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save decision", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, detail: ProposalDetail, *, correcting: DecisionRead | None = None) -> None:
        super().__init__()
        self.detail = detail
        self.correcting = correcting
        self.attempted = False
        self.saving = False

    @property
    def draft_key(self) -> tuple[str, str]:
        """Where a cancelled rationale is kept."""
        return ("decision", self.detail.reference)

    def compose(self) -> ComposeResult:
        detail, triage = self.detail, self.detail.triage
        tier_in_force = triage.tier if triage else ""
        with Vertical(id="decision"):
            heading = "Correct the decision on" if self.correcting else "Decide"
            title = Text(f"{heading} {detail.reference}  ", style="bold")
            title.append(detail.title)
            yield Static(title, id="decision-title")
            yield Static(self._context_text(), id="context")
            with VerticalScroll(id="decision-body"):
                yield Label("Outcome")
                yield ChoicePicker(OUTCOME_CHOICES, hint="press a, r, d, x or m", id="outcome")
                yield ErrorLine(id="outcome-error")
                with Horizontal(classes="row creates"):
                    yield _field(
                        "Tier",
                        Select(
                            [(tier.value, tier.value) for tier in Tier],
                            value=tier_in_force or Select.BLANK,
                            allow_blank=False,
                            id="tier",
                            compact=True,
                        ),
                        "tier",
                    )
                    yield _field(
                        "Initiative code",
                        Input(id="code", placeholder="made from the title", compact=True),
                        "code",
                    )
                with Horizontal(classes="row creates"):
                    yield _field(
                        "SRO or project executive",
                        Input(value=detail.sponsor, id="sro", compact=True),
                        "sro",
                    )
                    yield _field(
                        "Project manager",
                        Input(id="programme_manager", compact=True),
                        "programme_manager",
                    )
                with Horizontal(classes="row"):
                    yield _field(
                        "Defer until (YYYY-MM-DD)",
                        Input(id="until", max_length=10, compact=True),
                        "until",
                    )
                    yield _field(
                        "Review date (YYYY-MM-DD)",
                        Input(id="review_date", max_length=10, compact=True),
                        "review_date",
                    )
                    yield _field(
                        "Decided on",
                        Input(
                            value=str(clock.today()), id="decided_on", max_length=10, compact=True
                        ),
                        "decided_on",
                    )
                yield Label("Rationale")
                yield TextArea(id="rationale", soft_wrap=True, tab_behavior="focus")
                yield ErrorLine(id="rationale-error")
                yield ErrorLine(id="form-error")
            with Horizontal(id="buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="save")
                yield Button("Cancel  esc", id="cancel")
        yield Footer()

    def _context_text(self) -> Text:
        triage = self.detail.triage
        text = Text()
        if triage is not None:
            rule = rule_by_number(triage.suggested_rule)
            text.append(f"Triage: score {triage.score}/15, {triage.complexity} complexity. ")
            text.append(f"Suggested {triage.suggested_tier} (rule {rule.number}: {rule.when})")
            if triage.override_tier:
                text.append(f"; panel's tier {triage.override_tier}: {triage.override_reason}")
            text.append(".")
        if self.correcting is not None:
            decision = self.correcting
            text.append(
                f"\nThis corrects decision {decision.id} ({decision.outcome_label}"
                + (f" {decision.deferred_until}" if decision.deferred_until else "")
                + f", {decision.decided_on}); say why in the rationale.",
                style="bold",
            )
        return text

    def on_mount(self) -> None:
        draft = self.app.drafts.pop(self.draft_key, "")
        if draft:
            self.query_one("#rationale", TextArea).text = draft
            self.query_one("#form-error", ErrorLine).say(
                "Your unsaved rationale from last time is restored.", note=True
            )
        self.query_one("#outcome", ChoicePicker).focus()
        self._show_fields(None)
        self.load_code()

    @work(thread=True, exclusive=True, group="decision-code")
    def load_code(self) -> None:
        """Work out the code an acceptance would give, to show in the code box."""
        with self.app.store.reading() as connection:
            code = suggested_code(connection, self.detail.title, self.detail.reference)
        self.app.call_from_thread(self._show_code, code)

    def _show_code(self, code: str) -> None:
        self.query_one("#code", Input).placeholder = f"{code} (made from the title)"

    # ---------------------------------------------------------- form state

    @property
    def outcome(self) -> Outcome | None:
        """The chosen outcome, if any."""
        value = self.query_one("#outcome", ChoicePicker).value
        return Outcome(value) if value else None

    def _show_fields(self, outcome: Outcome | None) -> None:
        creates = outcome is not None and outcome.creates_initiative
        for row in self.query(".creates"):
            row.display = creates
        self.query_one("#tier", Select).disabled = outcome is Outcome.EXPERIMENT
        if outcome is Outcome.EXPERIMENT:
            self.query_one("#tier", Select).value = Tier.EXPERIMENTAL.value
        self.query_one("#until").parent.display = outcome is Outcome.DEFERRED
        self.query_one("#review_date").parent.display = outcome is Outcome.EXPERIMENT

    def values(self) -> dict:
        """The form as the store's `DecisionIn` fields."""
        outcome = self.outcome
        data = {
            "reference": self.detail.reference,
            "outcome": outcome.value if outcome else "",
            "rationale": self.query_one("#rationale", TextArea).text,
            "decided_on": self.query_one("#decided_on", Input).value.strip(),
        }
        if self.correcting is not None:
            data["supersedes"] = self.correcting.id
        if outcome is not None and outcome.creates_initiative:
            tier = self.query_one("#tier", Select)
            if outcome is Outcome.ACCEPTED and not tier.is_blank():
                data["tier"] = str(tier.value)
            data["code"] = self.query_one("#code", Input).value.strip().upper()
            data["sro"] = self.query_one("#sro", Input).value
            data["programme_manager"] = self.query_one("#programme_manager", Input).value
        if outcome is Outcome.DEFERRED:
            data["until"] = self.query_one("#until", Input).value.strip()
        if outcome is Outcome.EXPERIMENT:
            data["review_date"] = self.query_one("#review_date", Input).value.strip()
        return data

    def problems(self) -> dict[str, str]:
        """What is wrong with the form right now, by field."""
        data, found = self.values(), {}
        if not data["outcome"]:
            found["outcome"] = "Choose the outcome: a, r, d, x or m."
        if not data["rationale"].strip():
            found["rationale"] = "A rationale is required: say why the panel decided this."
        dates: dict[str, date | None] = {}
        for name, what in DATE_FIELDS.items():
            if name not in data:
                continue
            try:
                dates[name] = _parse_date(data[name])
            except ValueError:
                found[name] = f"Write the {what} as YYYY-MM-DD, e.g. 2021-09-30."
        decided_on = dates.get("decided_on") or clock.today()
        if "decided_on" in dates and dates["decided_on"] is None:
            found["decided_on"] = "Give the date of the decision."
        for name, what in (("until", "date to come back"), ("review_date", "review date")):
            if name in data and name not in found:
                if dates.get(name) is None:
                    found[name] = f"Give the {what}."
                elif dates[name] <= decided_on:
                    found[name] = f"The {what} must be after the decision ({decided_on})."
        return found

    def validate_form(self) -> bool:
        """Show every problem next to its field; True when there are none."""
        for name in (*FIELDS, "form"):
            self.query_one(f"#{name}-error", ErrorLine).say("")
        found = self.problems()
        for name, message in found.items():
            self.query_one(f"#{name}-error", ErrorLine).say(message)
        return not found

    @on(ChoicePicker.Changed, "#outcome")
    def _outcome_changed(self, event: ChoicePicker.Changed) -> None:
        self._show_fields(Outcome(event.value) if event.value else None)
        if self.attempted:
            self.validate_form()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _revalidate(self) -> None:
        if self.attempted:
            self.validate_form()

    # ---------------------------------------------------------------- save

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form, then record the decision off the event loop."""
        self.attempted = True
        if self.saving or not self.validate_form():
            self._focus_first_problem()
            return
        self.saving = True
        self.query_one("#save", Button).disabled = True
        self.save(self.values())

    def _focus_first_problem(self) -> None:
        for name in FIELDS:
            if self.query_one(f"#{name}-error", ErrorLine).message.strip():
                self.query_one(f"#{name}").focus()
                return

    @work(thread=True, exclusive=True, group="decision-save")
    def save(self, data: dict) -> None:
        """Record the decision through the store service."""
        from store.front_door.services import decide_proposal

        try:
            with self.app.store.writing() as session:
                decision = decide_proposal(data, session=session)
        except InputError as error:
            self.app.call_from_thread(self._save_failed, error.field, str(error))
        except PortfolioError as error:
            self.app.call_from_thread(self._save_failed, "form", str(error))
        else:
            self.app.call_from_thread(self.dismiss, decision)

    def _save_failed(self, field: str, message: str) -> None:
        self.saving = False
        self.query_one("#save", Button).disabled = False
        target = field if field in FIELDS else "form"
        self.query_one(f"#{target}-error", ErrorLine).say(f"Not saved. {message}")
        self._focus_first_problem()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving; a typed rationale is kept as a draft."""
        rationale = self.query_one("#rationale", TextArea).text
        if rationale.strip():
            self.app.drafts[self.draft_key] = rationale
        self.dismiss(None)
