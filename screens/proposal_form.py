"""Log a new proposal, or correct one, with checks as you type.

`ctrl+s` saves from anywhere and `escape` cancels. A failed save keeps everything
typed and shows the problem next to the field it is about.
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

from store import clock
from store.errors import InputError, PortfolioError
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
REQUIRED = {
    "title": "a title",
    "sponsor": "the sponsor",
    "problem": "the problem or opportunity",
}


def _field(label: str, widget, name: str, classes: str = "field") -> Vertical:
    return Vertical(Label(label), widget, ErrorLine(id=f"{name}-error"), classes=classes)


class ProposalFormScreen(ModalScreen[str | None]):
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
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, reference: str | None = None) -> None:
        super().__init__()
        self.reference = reference
        self.version: int | None = None
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
        for name in ("title", "sponsor", "cost", "yearly_benefit", "non_cash_benefit"):
            self.query_one(f"#{name}", Input).value = values[name]
        for name in ("problem", "intended_outcome"):
            self.query_one(f"#{name}", TextArea).text = values[name]
        for name in ("business_group", "requested_tier"):
            if values[name]:
                self.query_one(f"#{name}", Select).value = values[name]
        received = self.query_one("#received_on", Input)
        if not received.disabled:
            received.value = values["received_on"]
        self.query_one("#data_digital", TickBox).value = values["data_digital"]
        self.query_one("#form-error", ErrorLine).say(
            "What you typed last time is restored.", note=True
        )

    def _fill_detail(self, detail: ProposalDetail) -> None:
        select = self.query_one("#business_group", Select)
        self.version = detail.version
        self.query_one("#title", Input).value = detail.title
        select.value = detail.business_group
        self.query_one("#sponsor", Input).value = detail.sponsor
        self.query_one("#problem", TextArea).text = detail.problem
        self.query_one("#intended_outcome", TextArea).text = detail.intended_outcome
        self.query_one("#cost", Input).value = format_pounds(detail.cost_pence, blank="")
        self.query_one("#yearly_benefit", Input).value = format_pounds(
            detail.yearly_benefit_pence, blank=""
        )
        self.query_one("#non_cash_benefit", Input).value = detail.non_cash_benefit
        if detail.requested_tier:
            self.query_one("#requested_tier", Select).value = detail.requested_tier
        received = self.query_one("#received_on", Input)
        received.value = str(detail.received_on)
        received.disabled = True
        self.query_one("#data_digital", TickBox).value = detail.data_digital
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

    def validate_form(self) -> bool:
        """Show every problem next to its field; True when there are none."""
        for name in (*FIELDS, "form"):
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
            self.validate_form()

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
        except InputError as error:
            self.app.call_from_thread(self._save_failed, error.field, str(error))
        except PortfolioError as error:
            self.app.call_from_thread(self._save_failed, "form", str(error))
        else:
            self.app.call_from_thread(self._saved, saved.reference)

    def _saved(self, reference: str) -> None:
        verb = "Saved" if self.reference else "Logged"
        self.notify(f"{verb} proposal {reference}", title="Front door")
        self.dismiss(reference)

    def _save_failed(self, field: str, message: str) -> None:
        self.saving = False
        self.query_one("#save", Button).disabled = False
        target = field if field in FIELDS else "form"
        self.query_one(f"#{target}-error", ErrorLine).say(f"Not saved. {message}")
        self._focus_first_problem()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving; anything typed is kept as a draft for next time."""
        values = self.values()
        if self.loaded is not None and values != self.loaded:
            self.app.drafts[self.draft_key] = json.dumps(values)
        self.dismiss(None)
