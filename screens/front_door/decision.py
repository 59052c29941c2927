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

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from screens.common.busy_retry import BusyRetry, stopped_message
from screens.common.conflict_dialog import OPENED_AND_NOW, REAPPLY, RELOAD, ConflictDialog
from screens.front_door.decision_conflict import conflict_message, decision_conflict_rows
from store import clock
from store.concurrency import LastChange
from store.errors import DatabaseBusyError, InputError, PortfolioError
from store.front_door.queries import last_proposal_change, proposal_detail, suggested_code
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


class ProposalDecisionScreen(BusyRetry, ModalScreen[DecisionRead | None]):
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

    def __init__(self, detail: ProposalDetail, *, correcting: DecisionRead | None = None) -> None:
        super().__init__()
        self.detail = detail
        self.correcting = correcting
        self.version = detail.version
        self.attempted = False
        self.saving = False
        self.busy_retry = None

    @property
    def draft_key(self) -> tuple[str, str]:
        """Where a cancelled rationale is kept."""
        return ("decision", self.detail.reference)

    def compose(self) -> ComposeResult:
        detail, triage = self.detail, self.detail.triage
        tier_in_force = triage.tier if triage else ""
        with Vertical(id="decision"):
            yield Static(self._title_text(), id="decision-title")
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

    def validate_form(self, *, keep_form_line: bool = False) -> bool:
        """Show every problem next to its field; True when there are none. While the
        user types (`keep_form_line`) the message under the form stays until the next
        save, so what a refused save said (e.g. who changed the proposal) is not lost."""
        for name in FIELDS if keep_form_line else (*FIELDS, "form"):
            self.query_one(f"#{name}-error", ErrorLine).say("")
        found = self.problems()
        for name, message in found.items():
            self.query_one(f"#{name}-error", ErrorLine).say(message)
        return not found

    @on(ChoicePicker.Changed, "#outcome")
    def _outcome_changed(self, event: ChoicePicker.Changed) -> None:
        self._show_fields(Outcome(event.value) if event.value else None)
        if self.attempted:
            self.validate_form(keep_form_line=True)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _revalidate(self) -> None:
        if self.attempted:
            self.validate_form(keep_form_line=True)

    # ---------------------------------------------------------------- save

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form, then record the decision off the event loop."""
        self.attempted = True
        if self.saving or not self.validate_form():
            self._focus_first_problem()
            return
        self._stop_retry()
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
        except DatabaseBusyError:
            self.app.call_from_thread(self._busy)
        except InputError as error:
            self.app.call_from_thread(self._save_failed, error.field, str(error))
        except PortfolioError as error:
            self.app.call_from_thread(self._save_failed, "form", str(error))
        else:
            self.app.call_from_thread(self.finish, decision)

    def _say(self, message) -> None:
        """Show `message` under the form, scrolled into view (an acceptance's fields
        can push it below the fold)."""
        line = self.query_one("#form-error", ErrorLine)
        line.say(message)
        self.call_after_refresh(line.scroll_visible)

    def _busy(self) -> None:
        """Another process holds the write lock: say so, keep everything, retry soon."""
        self.saving = False
        self.query_one("#save", Button).disabled = False
        self._say(self.retry_when_busy())

    def _save_failed(self, field: str, message: str) -> None:
        if field == "version":  # still saving until the conflict is shown
            self._say("Not saved. Checking what changed…")
            self.load_current()
            return
        self.saving = False
        self.query_one("#save", Button).disabled = False
        target = field if field in FIELDS else "form"
        self.query_one(f"#{target}-error", ErrorLine).say(f"Not saved. {message}")
        self._focus_first_problem()

    # ------------------------------------------------------ someone saved first

    @work(thread=True, exclusive=True, group="decision-current")
    def load_current(self) -> None:
        """Read the proposal as someone else left it, and who changed it when."""
        reference = self.detail.reference
        with self.app.store.reading() as connection:
            current = proposal_detail(connection, reference)
            change = last_proposal_change(connection, reference)
        self.app.call_from_thread(self._show_conflict, current, change)

    def _show_conflict(self, current: ProposalDetail | None, change: LastChange | None) -> None:
        """Take the proposal as it is now into the form (what was typed stays) and open
        the conflict dialog: what changed since the form opened, and who changed it."""
        self.saving = False
        self.query_one("#save", Button).disabled = False
        if current is None:
            self._say(f"Not saved. Proposal {self.detail.reference} no longer exists.")
            return
        rows = decision_conflict_rows(self.detail, current)
        self.detail, self.version = current, current.version
        self.correcting = None if current.can_decide else current.decision
        self.query_one("#decision-title", Static).update(self._title_text())
        self.query_one("#context", Static).update(self._context_text())
        who = change.describe if change else "someone else"
        message = conflict_message(current.reference, who, self.correcting)
        self._say(message)
        dialog = ConflictDialog("proposal", rows, change, headings=OPENED_AND_NOW)
        self.app.push_screen(dialog, self._conflict_chosen)

    def _conflict_chosen(self, choice: str | None) -> None:
        """Re-apply (record this decision against the proposal as it is now), reload
        (take their triage's tier into the form), or go back to the form to look."""
        if choice == REAPPLY:
            self.action_save()
        elif choice == RELOAD:
            triage = self.detail.triage
            tier = self.query_one("#tier", Select)
            if triage is not None and not tier.disabled:
                tier.value = triage.tier
            self.query_one("#rationale", TextArea).focus()
        if choice != REAPPLY:
            self.call_after_refresh(self.query_one("#form-error", ErrorLine).scroll_visible)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving; a typed rationale is kept as a draft. While a busy
        database is being retried, the first escape only stops the retrying."""
        if self._stop_retry():
            self._say(stopped_message())
            return
        rationale = self.query_one("#rationale", TextArea).text
        if rationale.strip():
            self.app.drafts[self.draft_key] = rationale
        self.dismiss(None)
