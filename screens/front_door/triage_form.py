"""The triage form: score a proposal through three lenses, classify its complexity, answer
two questions, and see the suggested tier with the rule that produced it.

`ctrl+s` saves the triage; `ctrl+d` opens the panel's decision. Everything typed
is kept when a save fails, and kept as a draft when the form is left unsaved. A save
carries the proposal's version as read: if someone else triaged, corrected or decided
it since, the conflict dialog shows theirs against what was typed (re-apply or reload);
a busy database is retried every second.
"""

from __future__ import annotations

import json

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input

from screens.common.conflict_dialog import ConflictDialog
from screens.common.form import Form
from screens.common.form_fields import read_field, write_field
from screens.common.role_keys import RoleKeys
from screens.front_door.triage_values import (
    CHOICES,
    COMPLEXITY_CHOICES,
    FIELDS,
    FLAGS,
    KIND_IDS,
    LENSES,
    SCORE_CHOICES,
    empty_form,
    form_from,
    read_detail,
    suggestion_for,
    triage_data,
    triage_problems,
    triage_rows,
    why_not_decide,
)
from store.concurrency import LastChange
from store.front_door.lenses import QUESTIONS
from store.front_door.queries import last_proposal_change
from store.front_door.read_models import DecisionRead, ProposalDetail, TriageRead
from store.front_door.types import Outcome
from store.types import Tier
from store.users.roles import Permission
from widgets.choice_picker import ChoicePicker
from widgets.error_line import ErrorLine
from widgets.fitted import Fitted
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import Label, Select, Static
from widgets.tick_box import TickBox
from widgets.triage_parts import (
    decision_lines,
    guide_text,
    proposal_facts,
    proposal_texts,
    rules_table,
    score_text,
    suggestion_panel,
    title_line,
)


class TriageScreen(RoleKeys, Form, Screen):
    """Triage one proposal and take it to the panel's decision."""

    CSS_PATH = "triage_form.tcss"
    HELP_TITLE = "Triage"
    HELP = """
Score the proposal through three lenses, 1 to 5 each, by pressing the number while a
lens has focus (`tab` moves on): **desirable** (fit with the force's direction and
demand), **deliverable** (capacity, capability and dependencies) and **affordable**
(cost against budget and benefits). The guidance line says what each score means.

Set the **complexity** (`h`, `m`, `l`) and its kinds, and answer the two questions
(`space` ticks a box). The **suggested tier** on the right follows explicit rules,
tried in order: the first that applies wins, and it is marked ▶. The panel may set a
different tier with a reason (**override**).

`ctrl+s` saves the triage (a re-triage adds a record; earlier ones are kept).
`ctrl+d` opens the panel's decision once the triage is saved, or records a
correction of a decision already made. `i` opens the initiative a decision created.
`escape` goes back, keeping unsaved changes as a draft.
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save triage", priority=True),
        Binding("ctrl+d", "decide", "Decide", priority=True),
        Binding("i", "open_initiative", "Initiative"),
        Binding("escape", "cancel", "Back"),
    ]
    ROLE_KEYS = {
        "save": Permission.TRIAGE_PROPOSALS,
        "decide": Permission.RECORD_PROPOSAL_DECISIONS,
    }

    KIND = "proposal"
    FIELDS = FIELDS
    QUIET_UNTIL_SAVED = True
    SCROLL_TO_MESSAGE = True

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference
        self.detail: ProposalDetail | None = None
        self.saved_form = empty_form()

    # ------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="triage-body"):
            yield Static(Text(f"{self.reference} …", style="bold"), id="fd-title")
            yield Fitted(id="facts")
            yield Static(id="texts")
            with Horizontal(id="triage-columns"):
                with Vertical(id="triage-left"):
                    yield from self.compose_form()
                with Vertical(id="suggestion"):
                    yield Static(id="suggested")
                    yield Static(id="rules")
            yield ErrorLine(id="form-error")
            with Horizontal(id="buttons"):
                yield Button("Save triage  ctrl+s", variant="primary", id="save")
                yield Button("Decide…  ctrl+d", id="decide")
            yield Static("Decisions", classes="section-title")
            yield Static(id="decisions")
        yield Footer()

    def compose_form(self) -> ComposeResult:
        """The lenses, complexity, questions and override."""
        yield Static("Lenses (1–5 each)", classes="section-title")
        for lens in LENSES:
            with Horizontal(classes="lens-row"):
                yield Label(lens.value.capitalize(), classes="lens-label")
                yield ChoicePicker(SCORE_CHOICES, hint="press 1–5", id=lens.value)
            guide = Text(QUESTIONS[lens], style="italic")
            yield Static(guide, id=f"{lens.value}-guide", classes="guide")
            yield ErrorLine(id=f"{lens.value}-error")
        yield Static(id="score")
        yield Static("Complexity", classes="section-title")
        yield ChoicePicker(COMPLEXITY_CHOICES, hint="press h, m or l", id="complexity")
        yield ErrorLine(id="complexity-error")
        with Horizontal(id="kinds"):
            for kind, widget_id in KIND_IDS.items():
                yield TickBox(kind, id=widget_id, compact=True)
        yield Static("Questions", classes="section-title")
        yield TickBox("Spans business groups", id="cross-group", compact=True)
        yield TickBox("A hypothesis to test", id="hypothesis", compact=True)
        yield Static("Override (the panel's own tier)", classes="section-title")
        with Horizontal(id="override-row"):
            tiers = [(tier.label, tier.value) for tier in Tier]
            yield Select(tiers, prompt="Use the suggestion", id="override_tier", compact=True)
            yield Input(
                placeholder="why the panel sets a different tier",
                id="override_reason",
                compact=True,
            )
        yield ErrorLine(id="override_tier-error")
        yield ErrorLine(id="override_reason-error")

    def on_mount(self) -> None:
        self.sub_title = "Front door · triage"
        # The buttons of keys the role cannot use go with the keys.
        self.query_one("#save", Button).display = self.role_allows("save")
        self.query_one("#decide", Button).display = self.role_allows("decide")
        self.query_one("#desirable", ChoicePicker).focus()
        self.refresh_live()
        self.load()

    # ------------------------------------------------------------- loading

    @work(thread=True, exclusive=True, group="triage-load")
    def load(self) -> None:
        """Read the proposal off the event loop."""
        with self.app.store.reading() as connection:
            detail = read_detail(connection, self.reference)
        self.app.call_from_thread(self.show, detail)

    def show(self, detail: ProposalDetail | None, *, keep_form: bool = False) -> None:
        """Fill the screen from a freshly read proposal."""
        if detail is None:
            self.query_one("#fd-title", Static).update(
                Text(f"No proposal with reference {self.reference}", style="bold red")
            )
            return
        first = self.detail is None
        self.detail = detail
        self.query_one("#fd-title", Static).update(title_line(detail))
        self.query_one("#facts", Fitted).show(proposal_facts(detail))
        self.query_one("#texts", Static).update(proposal_texts(detail))
        self.query_one("#decisions", Static).update(decision_lines(detail))
        self.saved_form = form_from(detail.triage)
        if not keep_form:
            self.set_form(self.saved_form)
        if first:
            self.restore_draft()
        self._lock_if_final(detail)
        self.refresh_live()

    def _lock_if_final(self, detail: ProposalDetail) -> None:
        locked = not detail.can_triage
        for widget in self._inputs():
            widget.disabled = locked
        self.query_one("#save", Button).disabled = locked
        if locked:
            decision = detail.decision
            self.tell(
                f"{Outcome(decision.outcome).label.capitalize()} on {decision.decided_on}: "
                "the triage is kept as it was.",
                note=True,
            )

    def _inputs(self) -> list:
        return list(self.query_one("#triage-left").query("ChoicePicker, TickBox, Select, Input"))

    # ---------------------------------------------------------- form state

    def form(self) -> dict:
        """What the form holds now."""
        found = {name: read_field(self.query_one(f"#{name}")) for name in CHOICES}
        found["complexity_kinds"] = [k for k, id_ in KIND_IDS.items() if self._ticked(id_)]
        found |= {name: self._ticked(widget_id) for name, widget_id in FLAGS.items()}
        found["override_reason"] = self.query_one("#override_reason", Input).value.strip()
        return found

    def _ticked(self, widget_id: str) -> bool:
        return self.query_one(f"#{widget_id}", TickBox).value

    def set_form(self, form: dict) -> None:
        """Put `form`'s values in the widgets."""
        for name in CHOICES:
            write_field(self.query_one(f"#{name}"), form[name])
        for kind, widget_id in KIND_IDS.items():
            self.query_one(f"#{widget_id}", TickBox).value = kind in form["complexity_kinds"]
        for name, widget_id in FLAGS.items():
            self.query_one(f"#{widget_id}", TickBox).value = form[name]
        self.query_one("#override_reason", Input).value = form["override_reason"]

    @property
    def dirty(self) -> bool:
        """True when the form differs from the triage on record."""
        return self.form() != self.saved_form

    def problems(self) -> dict[str, str]:
        """What stops the triage being saved, by field."""
        return triage_problems(self.form())

    # ------------------------------------------------------------ feedback

    def refresh_live(self) -> None:
        """The score, guidance and suggested tier follow the form."""
        form = self.form()
        for lens in LENSES:
            guide = guide_text(lens, form[lens.value])
            self.query_one(f"#{lens.value}-guide", Static).update(guide)
        self.query_one("#score", Static).update(score_text([form[x.value] for x in LENSES]))
        suggestion = suggestion_for(form)
        asked = self.detail.requested_tier if self.detail else None
        panel = suggestion_panel(suggestion, form["override_tier"], asked)
        self.query_one("#suggested", Static).update(panel)
        self.query_one("#rules", Static).update(rules_table(suggestion))

    # ---------------------------------------------------------------- save

    def may_save(self) -> bool:
        """Only once the proposal is read, and while its triage can change."""
        if self.detail is None:
            return False
        if not self.detail.can_triage:
            self.notify(
                "This proposal's decision is final; its triage is kept.", severity="warning"
            )
            return False
        return True

    def payload(self) -> dict | None:
        """The triage to record, unless it is the one on record already."""
        if self.detail.triage is not None and not self.dirty:
            self.notify("Nothing changed since the last triage.", title=self.reference)
            return None
        return self.data()

    def data(self) -> dict:
        """The triage as the store's fields, with the proposal's version as read."""
        return triage_data(self.reference, self.detail.version, self.form())

    def write(self, data: dict) -> tuple[TriageRead, ProposalDetail]:
        """Record the triage through the store service, then read the proposal again."""
        from store.front_door.services import triage_proposal

        with self.app.store.writing() as session:
            result = triage_proposal(data, session=session)
        return result.triage, self._read()

    def _read(self) -> ProposalDetail | None:
        with self.app.store.reading() as connection:
            return read_detail(connection, self.reference)

    def save_landed(self, result: tuple[TriageRead, ProposalDetail]) -> None:
        """Saved: show the proposal as it is now; the screen stays for the decision."""
        triage, detail = result
        self._set_saving(False)
        self.attempted = False
        self.forget_draft()
        self.show(detail)
        self.notify(
            f"Triaged: score {triage.score}/15, suggested {Tier.words(triage.suggested_tier)}. "
            "ctrl+d records the decision.",
            title=self.reference,
        )

    def read_current(self, data: dict) -> tuple[ProposalDetail, LastChange | None]:
        """The proposal as someone else left it, and who changed it last."""
        with self.app.store.reading() as connection:
            detail = read_detail(connection, self.reference)
            return detail, last_proposal_change(connection, self.reference)

    def take_in(self, current: tuple, data: dict) -> ConflictDialog:
        """Someone else triaged, corrected or decided the proposal first: take their
        proposal in, keeping the form as typed."""
        detail, change = current
        opened, typed = self.detail, self.form()
        self.show(detail, keep_form=True)
        rows = triage_rows(typed, opened, detail, self.saved_form)
        who = change.describe if change else "someone else"
        message = Text(f"Not saved: {who} changed this proposal since you opened it", "bold")
        message.append(". Your triage is still in the form: ctrl+s saves it over theirs.")
        if detail.can_triage:
            self.refuse(message)
        return ConflictDialog("proposal", rows, change, can_reapply=detail.can_triage)

    def action_revert(self) -> None:
        """Reload: their triage into the form."""
        self.set_form(self.saved_form)
        self.refuse("Their triage is in the form.", note=True)
        self.refresh_live()

    # ------------------------------------------------------------- decide

    def action_decide(self) -> None:
        """Open the decision form (or a correction of the decision in force)."""
        detail = self.detail
        if detail is None:
            return
        message = why_not_decide(detail, dirty=self.dirty, identity=self.app.store.identity)
        if message:
            self.tell(message)
            self.notify(message, title=self.reference, severity="warning")
            return
        from screens.front_door.decision import ProposalDecisionScreen

        correcting = None if detail.can_decide else detail.decision
        self.app.push_screen(
            ProposalDecisionScreen(detail, correcting=correcting), self._after_decision
        )

    @on(Button.Pressed, "#decide")
    def _decide_pressed(self) -> None:
        self.action_decide()

    def _after_decision(self, decision: DecisionRead | None) -> None:
        if decision is None:
            return
        created = f": created {decision.initiative}" if decision.initiative else ""
        self.notify(f"{decision.outcome_label.capitalize()}{created}", title=self.reference)
        self.load()

    # ------------------------------------------------------------ leaving

    def action_open_initiative(self) -> None:
        """Open the initiative this proposal's decision created."""
        if self.detail is not None and self.detail.initiative:
            self.app.open_initiative(self.detail.initiative)

    @property
    def draft_key(self) -> tuple[str, str]:
        """Where unsaved changes wait for next time."""
        return ("triage", self.reference)

    def draft(self) -> str | None:
        """The form, if it differs from the triage on record and can still change."""
        if self.detail is not None and self.detail.can_triage and self.dirty:
            return json.dumps(self.form())
        return None

    def restore(self, draft: str) -> None:
        """Put back the triage typed last time (not over a final decision)."""
        if self.detail is not None and self.detail.can_triage:
            self.set_form(json.loads(draft))
            self.tell("Your unsaved triage from last time is restored.", note=True)

    def leave(self) -> None:
        """Back to the queue."""
        self.app.pop_screen()
