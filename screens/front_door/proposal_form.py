"""Log a new proposal, or correct one, with checks as you type.

`ctrl+s` saves from anywhere and `escape` cancels. A failed save keeps everything
typed and shows the problem next to the field it is about. A correction carries the
version it was opened at: if someone else saved the proposal first, the save is refused
and the conflict dialog shows their values against this user's and who saved them when;
the form keeps what was typed (on top of their changes) until the user re-applies or
reloads. While another process holds the write lock the form says "Database busy" and
retries every second, as the record forms do.
"""

from __future__ import annotations

import json
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from screens.common.busy_retry import BusyRetry, stopped_message
from screens.common.conflict_dialog import ConflictDialog, ReapplyOrReload
from screens.common.record_form import resolve_conflict
from store import clock
from store.concurrency import LastChange, last_change
from store.errors import DatabaseBusyError, InputError, PortfolioError
from store.front_door.money import format_pounds, parse_pounds
from store.front_door.queries import proposal_detail
from store.front_door.read_models import ProposalDetail
from store.portfolio.queries import list_business_groups
from store.types import Tier
from widgets.error_line import ErrorLine
from widgets.tick_box import TickBox

FIELDS = (
    "title",
    "business_group",
    "sponsor",
    "problem",
    "intended_outcome",
    "cost",
    "yearly_benefit",
    "non_cash_benefit",
    "requested_tier",
    "received_on",
)
# What the conflict dialog calls each field someone else may have changed.
LABELS = {
    "title": "Title",
    "business_group": "Group",
    "sponsor": "Sponsor",
    "problem": "Problem",
    "intended_outcome": "Outcome",
    "cost": "Cost (£)",
    "yearly_benefit": "Benefit (£/yr)",
    "non_cash_benefit": "Non-cash",
    "data_digital": "Data & digital",
    "requested_tier": "Tier asked",
}
REQUIRED = {
    "title": "a title",
    "sponsor": "the sponsor",
    "problem": "the problem or opportunity",
}


def shown(values: dict) -> dict[str, str]:
    """The form's values as text, for saying what differs."""
    text = {name: value or "" for name, value in values.items()}
    text["data_digital"] = "yes" if values.get("data_digital") else "no"
    return text


def _field(label: str, widget, name: str, classes: str = "field") -> Vertical:
    return Vertical(Label(label), widget, ErrorLine(id=f"{name}-error"), classes=classes)


class ProposalFormScreen(ReapplyOrReload, BusyRetry, ModalScreen[str | None]):
    """A proposal's details; dismisses with its reference when saved, None when cancelled."""

    CSS_PATH = "proposal_form.tcss"
    HELP_TITLE = "Proposal"
    HELP = """
Record a proposal as the sponsor put it: its **title**, **sponsor** and **business
group**; the **problem or opportunity** and the **intended outcome**; the estimated
**cost** and **yearly benefit** in pounds (type `250000`, `£250,000`, `250k` or `1.2m`)
and any **non-cash benefit**; whether it is **data & digital**; the **tier the sponsor
asks for**; and the **date received** (it sets the reference, `FD-<year>-<number>`).

Title, sponsor, business group and problem are required. `tab` moves between fields,
`ctrl+s` saves and `escape` cancels. A proposal that has been accepted, rejected or
sent to experimentation can no longer be changed.

If someone else saved the proposal after you opened it, your save is refused and a
dialog shows your values against theirs and who saved when: `a` re-applies yours over
theirs, `r` reloads theirs. If another process is writing, the form says "Database
busy" and retries every second (`ctrl+s` retries now, `escape` stops retrying).
`ctrl+r` puts the saved values back.
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+r", "revert", "Revert to saved", show=False),
    ]

    def __init__(self, reference: str | None = None) -> None:
        super().__init__()
        self.reference = reference
        self.version: int | None = None
        self.proposal_id: int | None = None
        self.loaded: dict | None = None
        self.attempted = False
        self.saving = False

    def compose(self) -> ComposeResult:
        title = f"Correct proposal {self.reference}" if self.reference else "New proposal"
        tiers = [(tier.value, tier.value) for tier in Tier]
        with Vertical(id="form"):
            yield Static(Text(title, style="bold"), id="form-title")
            with VerticalScroll(id="form-body"):
                yield _field("Title", Input(id="title", compact=True), "title")
                with Horizontal(classes="row"):
                    yield _field(
                        "Business group",
                        Select([], prompt="Choose…", id="business_group", compact=True),
                        "business_group",
                    )
                    yield _field("Sponsor", Input(id="sponsor", compact=True), "sponsor")
                yield _field(
                    "Problem or opportunity",
                    TextArea(id="problem", soft_wrap=True, tab_behavior="focus"),
                    "problem",
                )
                yield _field(
                    "Intended outcome",
                    TextArea(id="intended_outcome", soft_wrap=True, tab_behavior="focus"),
                    "intended_outcome",
                )
                with Horizontal(classes="row"):
                    yield _field(
                        "Estimated cost (£)",
                        Input(id="cost", placeholder="e.g. 250k", compact=True),
                        "cost",
                    )
                    yield _field(
                        "Yearly benefit (£)",
                        Input(id="yearly_benefit", placeholder="e.g. 1.2m", compact=True),
                        "yearly_benefit",
                    )
                yield _field(
                    "Non-cash benefit",
                    Input(id="non_cash_benefit", compact=True),
                    "non_cash_benefit",
                )
                with Horizontal(classes="row"):
                    yield _field(
                        "Tier the sponsor asks for",
                        Select(tiers, prompt="Not said", id="requested_tier", compact=True),
                        "requested_tier",
                    )
                    yield _field(
                        "Date received",
                        Input(
                            value=str(clock.today()), id="received_on", max_length=10, compact=True
                        ),
                        "received_on",
                    )
                yield TickBox("Data & digital change", id="data_digital", compact=True)
                yield ErrorLine(id="form-error")
            with Horizontal(id="buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="save")
                yield Button("Cancel  esc", id="cancel")
        yield Footer()

    @property
    def draft_key(self) -> tuple[str, str]:
        """Where a cancelled form's text is kept until next time."""
        return ("proposal", self.reference or "new")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self.load()

    @work(thread=True, exclusive=True, group="proposal-form")
    def load(self) -> None:
        """Read the business groups, and the proposal being corrected, off the event loop."""
        with self.app.store.reading() as connection:
            groups = list_business_groups(connection)
            detail = proposal_detail(connection, self.reference) if self.reference else None
        self.app.call_from_thread(self._fill, groups, detail)

    def _fill(self, groups, detail: ProposalDetail | None) -> None:
        select = self.query_one("#business_group", Select)
        select.set_options([(f"{group.code}  {group.name}", group.code) for group in groups])
        if detail is not None:
            self._fill_detail(detail)
        self.loaded = self.values()
        draft = self.app.drafts.pop(self.draft_key, "")
        if draft:
            self._restore(json.loads(draft))

    def _restore(self, values: dict) -> None:
        """Put back what was typed before the form was last cancelled."""
        self._put(values)
        received = self.query_one("#received_on", Input)
        if not received.disabled:
            received.value = values["received_on"]
        self.query_one("#form-error", ErrorLine).say(
            "What you typed last time is restored.", note=True
        )

    def _put(self, values: dict) -> None:
        """Put the editable fields' values into the form (not the date received)."""
        for name in ("title", "sponsor", "cost", "yearly_benefit", "non_cash_benefit"):
            self.query_one(f"#{name}", Input).value = values[name]
        for name in ("problem", "intended_outcome"):
            self.query_one(f"#{name}", TextArea).text = values[name]
        for name in ("business_group", "requested_tier"):
            select = self.query_one(f"#{name}", Select)
            if values[name]:
                select.value = values[name]
            elif name == "requested_tier":
                select.clear()
        self.query_one("#data_digital", TickBox).value = values["data_digital"]

    def _fill_detail(self, detail: ProposalDetail) -> None:
        self.version = detail.version
        self.proposal_id = detail.id
        self._put(detail_values(detail))
        received = self.query_one("#received_on", Input)
        received.value = str(detail.received_on)
        received.disabled = True
        if not detail.can_triage:
            decision = detail.decision
            self.query_one("#save", Button).disabled = True
            self.query_one("#form-error", ErrorLine).say(
                f"{decision.outcome_label.capitalize()} on {decision.decided_on}: "
                "its details are kept as they were decided.",
                note=True,
            )

    # ---------------------------------------------------------- form state

    def values(self) -> dict:
        """The form as the store's `ProposalIn` fields."""
        group = self.query_one("#business_group", Select)
        tier = self.query_one("#requested_tier", Select)
        return {
            "title": self.query_one("#title", Input).value,
            "business_group": "" if group.is_blank() else str(group.value),
            "sponsor": self.query_one("#sponsor", Input).value,
            "problem": self.query_one("#problem", TextArea).text,
            "intended_outcome": self.query_one("#intended_outcome", TextArea).text,
            "cost": self.query_one("#cost", Input).value,
            "yearly_benefit": self.query_one("#yearly_benefit", Input).value,
            "non_cash_benefit": self.query_one("#non_cash_benefit", Input).value,
            "data_digital": self.query_one("#data_digital", TickBox).value,
            "requested_tier": None if tier.is_blank() else str(tier.value),
            "received_on": self.query_one("#received_on", Input).value.strip(),
        }

    def problems(self) -> dict[str, str]:
        """What is wrong with the form right now, by field."""
        values, found = self.values(), {}
        for name, what in REQUIRED.items():
            if not values[name].strip():
                found[name] = f"Give {what}."
        if not values["business_group"]:
            found["business_group"] = "Choose the business group."
        for name in ("cost", "yearly_benefit"):
            try:
                parse_pounds(values[name])
            except ValueError as error:
                found[name] = f"Amount: {error}"
        try:
            date.fromisoformat(values["received_on"])
        except ValueError:
            found["received_on"] = "Write the date as YYYY-MM-DD, e.g. 2021-06-14."
        return found

    def validate_form(self, *, keep_form_line: bool = False) -> bool:
        """Show every problem next to its field; True when there are none. While the
        user types (`keep_form_line`) the message under the form stays until the next
        save, so what a refused save said (e.g. who saved first) is not lost."""
        for name in FIELDS if keep_form_line else (*FIELDS, "form"):
            self.query_one(f"#{name}-error", ErrorLine).say("")
        found = self.problems()
        for name, message in found.items():
            self.query_one(f"#{name}-error", ErrorLine).say(message)
        return not found

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _revalidate(self) -> None:
        if self.attempted:
            self.validate_form(keep_form_line=True)

    # ---------------------------------------------------------------- save

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form, then save it off the event loop."""
        if self.query_one("#save", Button).disabled and not self.saving:
            return
        self.attempted = True
        if self.saving or not self.validate_form():
            self._focus_first_problem()
            return
        self._stop_retry()
        self.saving = True
        self.query_one("#save", Button).disabled = True
        values = self.values()
        if self.reference:
            values |= {"reference": self.reference, "version": self.version}
        self.save(values)

    def _focus_first_problem(self) -> None:
        for name in FIELDS:
            if self.query_one(f"#{name}-error", ErrorLine).message.strip():
                self.query_one(f"#{name}").focus()
                return

    @work(thread=True, exclusive=True, group="proposal-save")
    def save(self, values: dict) -> None:
        """Add or update the proposal through the store service."""
        from store.front_door.services import add_proposal, update_proposal

        try:
            with self.app.store.writing() as session:
                if "reference" in values:
                    saved = update_proposal(values, session=session)
                else:
                    saved = add_proposal(values, session=session)
        except DatabaseBusyError:
            self.app.call_from_thread(self._busy)
        except InputError as error:
            self.app.call_from_thread(self._save_failed, error.field, str(error))
        except PortfolioError as error:
            self.app.call_from_thread(self._save_failed, "form", str(error))
        else:
            self.app.call_from_thread(self._saved, saved.reference)

    def _saved(self, reference: str) -> None:
        verb = "Saved" if self.reference else "Logged"
        self.notify(f"{verb} proposal {reference}", title="Front door")
        self.finish(reference)

    def _busy(self) -> None:
        """Another process holds the write lock: say so, keep everything, retry soon."""
        self.saving = False
        self.query_one("#save", Button).disabled = False
        self.query_one("#form-error", ErrorLine).say(self.retry_when_busy())

    def _save_failed(self, field: str, message: str) -> None:
        if field == "version" and self.reference:  # still saving until the conflict is shown
            self.query_one("#form-error", ErrorLine).say("Not saved. Checking what changed…")
            self.load_current()
            return
        self.saving = False
        self.query_one("#save", Button).disabled = False
        target = field if field in FIELDS else "form"
        self.query_one(f"#{target}-error", ErrorLine).say(f"Not saved. {message}")
        self._focus_first_problem()

    # ------------------------------------------------------ someone saved first

    @work(thread=True, exclusive=True, group="proposal-current")
    def load_current(self) -> None:
        """Read the proposal as someone else left it, and who saved it when."""
        with self.app.store.reading() as connection:
            current = proposal_detail(connection, self.reference)
            change = last_change(connection, "proposal", self.proposal_id)
        self.app.call_from_thread(self._show_conflict, current, change)

    def _show_conflict(self, current: ProposalDetail | None, change: LastChange | None) -> None:
        """Take their changes in with this user's on top, and open the conflict dialog."""
        self.saving = False
        self.query_one("#save", Button).disabled = False
        if current is None:
            self.query_one("#form-error", ErrorLine).say(
                f"Not saved. Proposal {self.reference} no longer exists."
            )
            return
        now = detail_values(current)
        conflict = resolve_conflict(
            "proposal", LABELS, self.loaded, self.values(), now, change, shown
        )
        self.version, self.loaded = current.version, self.values() | now
        self._put(conflict.values)
        self.query_one("#form-error", ErrorLine).say(conflict.message)
        dialog = ConflictDialog("proposal", conflict.rows, change)
        self.app.push_screen(dialog, self._conflict_chosen)

    def action_revert(self) -> None:
        """Put back the values as last read from the database (theirs, after a conflict)."""
        if self.loaded is None:
            return
        self.app.drafts.pop(self.draft_key, None)
        self._put(self.loaded)
        self.query_one("#form-error", ErrorLine).say(
            "The saved values are back in the form.", note=True
        )
        self.query_one("#title", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving; anything typed is kept as a draft for next time. While a
        busy database is being retried, the first escape only stops the retrying."""
        if self._stop_retry():
            self.query_one("#form-error", ErrorLine).say(stopped_message())
            return
        values = self.values()
        if self.loaded is not None and values != self.loaded:
            self.app.drafts[self.draft_key] = json.dumps(values)
        self.dismiss(None)


def detail_values(detail: ProposalDetail) -> dict:
    """A saved proposal's editable values as the form holds them."""
    return {
        "title": detail.title,
        "business_group": detail.business_group,
        "sponsor": detail.sponsor,
        "problem": detail.problem,
        "intended_outcome": detail.intended_outcome,
        "cost": format_pounds(detail.cost_pence, blank=""),
        "yearly_benefit": format_pounds(detail.yearly_benefit_pence, blank=""),
        "non_cash_benefit": detail.non_cash_benefit,
        "data_digital": detail.data_digital,
        "requested_tier": detail.requested_tier or None,
    }
