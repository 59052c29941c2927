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
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, TextArea

from screens.common.conflict_dialog import ConflictDialog
from screens.common.form import Form, labelled
from store import clock
from store.concurrency import LastChange, last_change
from store.front_door.money import format_pounds, parse_pounds
from store.front_door.queries import proposal_detail
from store.front_door.read_models import ProposalDetail
from store.portfolio.queries import list_business_groups
from store.types import Tier
from widgets.error_line import ErrorLine
from widgets.footer import Footer
from widgets.plain_text import Select, Static
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
    "data_digital",
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


def _pair(label: str, widget, second_label: str, second) -> Horizontal:
    """Two short fields side by side."""
    return Horizontal(labelled(label, widget), labelled(second_label, second), classes="row")


class ProposalFormScreen(Form, ModalScreen[str | None]):
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

    KIND = "proposal"
    FIELDS = FIELDS
    QUIET_UNTIL_SAVED = True
    COMPACT_WHEN_SHORT = "#buttons Button"

    def __init__(self, reference: str | None = None) -> None:
        super().__init__()
        self.reference = reference
        self.version: int | None = None
        self.proposal_id: int | None = None
        self.loaded: dict | None = None

    def compose(self) -> ComposeResult:
        title = f"Correct proposal {self.reference}" if self.reference else "New proposal"
        with Vertical(id="form"):
            yield Static(Text(title, style="bold"), id="form-title")
            with VerticalScroll(id="form-body"):
                yield from self.compose_fields()
                yield TickBox("Data & digital change", id="data_digital", compact=True)
                yield ErrorLine(id="form-error")
            yield self.buttons()
        yield Footer()

    def compose_fields(self) -> ComposeResult:
        """The proposal's fields, two to a row where they are short."""
        yield labelled("Title", Input(id="title", compact=True))
        group = Select([], prompt="Choose…", id="business_group", compact=True)
        sponsor = Input(id="sponsor", compact=True)
        yield _pair("Business group", group, "Sponsor", sponsor)
        problem = TextArea(id="problem", soft_wrap=True, tab_behavior="focus")
        yield labelled("Problem or opportunity", problem)
        outcome = TextArea(id="intended_outcome", soft_wrap=True, tab_behavior="focus")
        yield labelled("Intended outcome", outcome)
        cost = Input(id="cost", placeholder="e.g. 250k", compact=True)
        benefit = Input(id="yearly_benefit", placeholder="e.g. 1.2m", compact=True)
        yield _pair("Estimated cost (£)", cost, "Yearly benefit (£)", benefit)
        yield labelled("Non-cash benefit", Input(id="non_cash_benefit", compact=True))
        tiers = [(tier.label, tier.value) for tier in Tier]
        tier = Select(tiers, prompt="Not said", id="requested_tier", compact=True)
        received = Input(value=str(clock.today()), id="received_on", max_length=10, compact=True)
        yield _pair("Tier the sponsor asks for", tier, "Date received", received)

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
        self.restore_draft()

    def draft(self) -> str | None:
        """What was typed, if it differs from the proposal as loaded."""
        values = self.values()
        if self.loaded is None or values == self.loaded:
            return None
        return json.dumps(values)

    def restore(self, draft: str) -> None:
        """Put back what was typed before the form was last cancelled."""
        self.fill(json.loads(draft))
        self.tell("What you typed last time is restored.", note=True)

    def _fill_detail(self, detail: ProposalDetail) -> None:
        self.version = detail.version
        self.proposal_id = detail.id
        self.fill(detail_values(detail))
        received = self.query_one("#received_on", Input)
        received.value = str(detail.received_on)
        received.disabled = True
        if not detail.can_triage:
            decision = detail.decision
            self.query_one("#save", Button).disabled = True
            self.tell(
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

    # ---------------------------------------------------------------- save

    def may_save(self) -> bool:
        """A decided proposal's details are kept as they were (its Save is disabled)."""
        return not self.query_one("#save", Button).disabled

    def data(self) -> dict:
        """The values, and for a correction the proposal and the version typed over."""
        values = self.values()
        if self.reference:
            values |= {"reference": self.reference, "version": self.version}
        return values

    def write(self, data: dict) -> str:
        """Add or update the proposal through the store service."""
        from store.front_door.services import add_proposal, update_proposal

        with self.app.store.writing() as session:
            if "reference" in data:
                return update_proposal(data, session=session).reference
            return add_proposal(data, session=session).reference

    def save_landed(self, reference: str) -> None:
        """Saved: say so, and close with the proposal's reference."""
        verb = "Saved" if self.reference else "Logged"
        self.notify(f"{verb} proposal {reference}", title="Front door")
        super().save_landed(reference)

    # ------------------------------------------------------ someone saved first

    def read_current(self, data: Any) -> tuple[ProposalDetail, LastChange | None] | None:
        """The proposal as someone else left it, and who saved it when."""
        with self.app.store.reading() as connection:
            current = proposal_detail(connection, self.reference)
            if current is None:
                return None
            return current, last_change(connection, "proposal", self.proposal_id)

    def take_in(self, current: tuple, data: Any) -> ConflictDialog:
        """Their changes with this user's on top."""
        detail, change = current
        mine, now = self.values(), detail_values(detail)
        dialog = self.merge_theirs(LABELS, self.loaded, now, change, shown)
        self.version, self.loaded = detail.version, mine | now
        return dialog

    def saved_values(self) -> dict | None:
        """The values as last read from the database (theirs, after a conflict)."""
        return self.loaded


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
