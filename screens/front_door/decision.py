"""The panel's decision on a triaged proposal, or a correction of the decision in force.

The outcome is one key (`a` accept, `r` reject, `d` defer, `x` experiment, `m` more
information); the fields that outcome needs appear under it. A rationale is always
required. `ctrl+s` saves, `escape` cancels keeping the rationale as a draft.

The save carries the proposal's version as read when the form opened: if someone else
triaged, decided or changed the proposal since, it is refused and the conflict dialog
shows what changed (status, triage, decision in force) and who changed it when. Re-apply
records the decision against the proposal as it is now; reload or escape keeps what was
typed, unsaved, with the form showing the proposal as it is now. While another process
holds the write lock the form says "Database busy" and retries every second.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from screens.common.conflict_dialog import OPENED_AND_NOW, ConflictDialog
from screens.common.form import Form, labelled
from screens.front_door.decision_conflict import conflict_message, decision_conflict_rows
from store import clock
from store.concurrency import LastChange
from store.fields import in_the_future
from store.front_door.queries import last_proposal_change, proposal_detail, suggested_code
from store.front_door.read_models import DecisionRead, ProposalDetail
from store.front_door.tier_rules import rule_by_number
from store.front_door.types import Outcome
from store.types import Tier
from widgets.choice_picker import Choice, ChoicePicker
from widgets.error_line import ErrorLine
from widgets.footer import Footer
from widgets.plain_text import Label, Select, Static

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


def row(*fields: Vertical, creates: bool = False) -> Horizontal:
    """Fields side by side (`creates`: shown only for an outcome that creates an initiative)."""
    return Horizontal(*fields, classes="row creates" if creates else "row")


def date_input(name: str, value: str = "") -> Input:
    """A date box, `YYYY-MM-DD`."""
    return Input(value=value, id=name, max_length=10, compact=True)


def _parse_date(text: str) -> date | None:
    return date.fromisoformat(text.strip()) if text.strip() else None


class ProposalDecisionScreen(Form, ModalScreen[DecisionRead | None]):
    """Record a decision; dismisses with it, or None when cancelled."""

    CSS_PATH = "decision.tcss"
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

If someone else triaged, decided or changed the proposal after you opened this form,
your save is refused and a dialog shows what changed and who changed it when: `a`
records your decision against the proposal as it is now, `r` takes their triage's tier
into the form, `escape` goes back to the form; what you typed stays. If another
process is writing, the form says "Database busy" and retries every second (`ctrl+s`
retries now, `escape` stops retrying).
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save decision", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    KIND = "proposal"
    FIELDS = FIELDS
    QUIET_UNTIL_SAVED = True
    SCROLL_TO_MESSAGE = True  # an acceptance's fields can push it below the fold
    COMPACT_WHEN_SHORT = "#buttons Button"

    def __init__(self, detail: ProposalDetail, *, correcting: DecisionRead | None = None) -> None:
        super().__init__()
        self.detail = detail
        self.correcting = correcting
        self.version = detail.version

    @property
    def draft_key(self) -> tuple[str, str]:
        """Where a cancelled rationale is kept."""
        return ("decision", self.detail.reference)

    def draft(self) -> str | None:
        """The rationale typed, if any."""
        rationale = self.query_one("#rationale", TextArea).text
        return rationale if rationale.strip() else None

    def restore(self, draft: str) -> None:
        """Put last time's rationale back."""
        self.query_one("#rationale", TextArea).text = draft
        self.tell("Your unsaved rationale from last time is restored.", note=True)

    def compose(self) -> ComposeResult:
        with Vertical(id="decision"):
            yield Static(self._title_text(), id="decision-title")
            yield Static(self._context_text(), id="context")
            with VerticalScroll(id="decision-body"):
                yield Label("Outcome")
                yield ChoicePicker(OUTCOME_CHOICES, hint="press a, r, d, x or m", id="outcome")
                yield ErrorLine(id="outcome-error")
                yield from self.compose_fields()
                yield Label("Rationale")
                yield TextArea(id="rationale", soft_wrap=True, tab_behavior="focus")
                yield ErrorLine(id="rationale-error")
                yield ErrorLine(id="form-error")
            yield self.buttons()
        yield Footer()

    def compose_fields(self) -> ComposeResult:
        """The fields an outcome may need: what an acceptance creates, and the dates."""
        triage = self.detail.triage
        tiers = [(tier.label, tier.value) for tier in Tier]
        tier = Select(
            tiers,
            value=(triage.tier if triage else "") or Select.BLANK,
            allow_blank=False,
            id="tier",
            compact=True,
        )
        code = Input(id="code", placeholder="made from the title", compact=True)
        yield row(labelled("Tier", tier), labelled("Initiative code", code), creates=True)
        sro = Input(value=self.detail.sponsor, id="sro", compact=True)
        manager = Input(id="programme_manager", compact=True)
        yield row(
            labelled("SRO or project executive", sro),
            labelled("Project manager", manager),
            creates=True,
        )
        yield row(
            labelled("Defer until (YYYY-MM-DD)", date_input("until")),
            labelled("Review date (YYYY-MM-DD)", date_input("review_date")),
            labelled("Decided on", date_input("decided_on", str(clock.today()))),
        )

    def _title_text(self) -> Text:
        heading = "Correct the decision on" if self.correcting else "Decide"
        title = Text(f"{heading} {self.detail.reference}  ", style="bold")
        title.append(self.detail.title)
        return title

    def _context_text(self) -> Text:
        triage = self.detail.triage
        text = Text()
        if triage is not None:
            rule = rule_by_number(triage.suggested_rule)
            text.append(f"Triage: score {triage.score}/15, {triage.complexity} complexity. ")
            suggested = Tier.words(triage.suggested_tier)
            text.append(f"Suggested {suggested} (rule {rule.number}: {rule.when})")
            if triage.override_tier:
                panel = Tier.words(triage.override_tier)
                text.append(f"; panel's tier {panel}: {triage.override_reason}")
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
        self.restore_draft()
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

    def data(self) -> dict:
        """The form as the store's `DecisionIn` fields."""
        outcome = self.outcome
        data = {
            "reference": self.detail.reference,
            "outcome": outcome.value if outcome else "",
            "rationale": self.query_one("#rationale", TextArea).text,
            "decided_on": self.query_one("#decided_on", Input).value.strip(),
            "version": self.version,
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
        data, found = self.data(), {}
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
        elif later := in_the_future(decided_on):
            found["decided_on"] = f"Decided on: {later}."
        for name, what in (("until", "date to come back"), ("review_date", "review date")):
            if name in data and name not in found:
                if dates.get(name) is None:
                    found[name] = f"Give the {what}."
                elif dates[name] <= decided_on:
                    found[name] = f"The {what} must be after the decision ({decided_on})."
        return found

    @on(ChoicePicker.Changed, "#outcome")
    def _outcome_changed(self, event: ChoicePicker.Changed) -> None:
        self._show_fields(Outcome(event.value) if event.value else None)

    # ---------------------------------------------------------------- save

    def write(self, data: dict) -> DecisionRead:
        """Record the decision through the store service."""
        from store.front_door.services import decide_proposal

        with self.app.store.writing() as session:
            return decide_proposal(data, session=session)

    # ------------------------------------------------------ someone saved first

    def read_current(self, data: Any) -> tuple[ProposalDetail, LastChange | None] | None:
        """The proposal as someone else left it, and who changed it when."""
        reference = self.detail.reference
        with self.app.store.reading() as connection:
            current = proposal_detail(connection, reference)
            if current is None:
                return None
            return current, last_proposal_change(connection, reference)

    def take_in(self, current: tuple, data: Any) -> ConflictDialog:
        """Take the proposal as it is now into the form (what was typed stays): the
        dialog says what changed since the form opened, and who changed it."""
        detail, change = current
        rows = decision_conflict_rows(self.detail, detail)
        self.detail, self.version = detail, detail.version
        self.correcting = None if detail.can_decide else detail.decision
        self.query_one("#decision-title", Static).update(self._title_text())
        self.query_one("#context", Static).update(self._context_text())
        who = change.describe if change else "someone else"
        self.refuse(conflict_message(detail.reference, who, self.correcting))
        return ConflictDialog("proposal", rows, change, headings=OPENED_AND_NOW)

    def action_revert(self) -> None:
        """Reload: take their triage's tier into the form; what was typed stays."""
        triage = self.detail.triage
        tier = self.query_one("#tier", Select)
        if triage is not None and not tier.disabled:
            tier.value = triage.tier
        self.query_one("#rationale", TextArea).focus()
