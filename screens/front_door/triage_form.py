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
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from screens.common.busy_retry import BusyRetry, stopped_message
from screens.common.conflict_dialog import REAPPLY, RELOAD, ConflictDialog
from screens.common.role_keys import RoleKeys
from screens.front_door.triage_conflict import triage_rows
from store import clock
from store.concurrency import LastChange
from store.errors import DatabaseBusyError, InputError, PortfolioError, StaleVersionError
from store.front_door.lenses import GUIDANCE, QUESTIONS, SCORES
from store.front_door.queries import last_proposal_change, proposal_detail
from store.front_door.read_models import DecisionRead, ProposalDetail, TriageRead
from store.front_door.tier_rules import TriageFacts, suggest_tier
from store.front_door.types import Lens, Outcome
from store.types import Complexity, ComplexityKind, Tier
from store.users.roles import Permission
from widgets.choice_picker import Choice, ChoicePicker
from widgets.error_line import ErrorLine
from widgets.tick_box import TickBox
from widgets.triage_parts import decision_lines, facts_table, rules_table

LENSES = tuple(Lens)
SCORE_CHOICES = [Choice(str(score), str(score), str(score)) for score in SCORES]
COMPLEXITY_CHOICES = [
    Choice("high", "High", "h"),
    Choice("medium", "Medium", "m"),
    Choice("low", "Low", "l"),
]
KIND_IDS = {kind: f"kind-{kind.value}" for kind in ComplexityKind}
FIELDS = (*(lens.value for lens in LENSES), "complexity", "override_tier", "override_reason")
STATUS_STYLES = {
    "received": "bold #000000 on #90caf9",
    "in_triage": "bold #000000 on #ffcc80",
    "decided": "bold #000000 on #a5d6a7",
}


def empty_form() -> dict:
    """The triage form with nothing chosen."""
    return {
        "desirable": None,
        "deliverable": None,
        "affordable": None,
        "complexity": None,
        "complexity_kinds": [],
        "cross_group": False,
        "hypothesis": False,
        "override_tier": None,
        "override_reason": "",
    }


def form_from(triage: TriageRead | None) -> dict:
    """The triage form holding a recorded triage's values."""
    if triage is None:
        return empty_form()
    return {
        "desirable": str(triage.desirable),
        "deliverable": str(triage.deliverable),
        "affordable": str(triage.affordable),
        "complexity": triage.complexity,
        "complexity_kinds": list(triage.complexity_kinds),
        "cross_group": triage.cross_group,
        "hypothesis": triage.hypothesis,
        "override_tier": triage.override_tier,
        "override_reason": triage.override_reason,
    }


class TriageScreen(RoleKeys, BusyRetry, Screen):
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
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = {
        "save": Permission.TRIAGE_PROPOSALS,
        "decide": Permission.RECORD_PROPOSAL_DECISIONS,
    }

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference
        self.detail: ProposalDetail | None = None
        self.saved_form = empty_form()
        self.attempted = False
        self.saving = False
        self.busy_retry = None
        self.refusal: tuple = ()  # (message, note) kept under the form until the next save

    # ------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="triage-body"):
            yield Static(Text(f"{self.reference} …", style="bold"), id="fd-title")
            yield Static(id="facts")
            yield Static(id="texts")
            with Horizontal(id="triage-columns"):
                with Vertical(id="triage-left"):
                    yield Static("Lenses (1–5 each)", classes="section-title")
                    for lens in LENSES:
                        with Horizontal(classes="lens-row"):
                            yield Label(lens.value.capitalize(), classes="lens-label")
                            yield ChoicePicker(SCORE_CHOICES, hint="press 1–5", id=lens.value)
                        yield Static(
                            Text(QUESTIONS[lens], style="italic"),
                            id=f"{lens.value}-guide",
                            classes="guide",
                        )
                        yield ErrorLine(id=f"{lens.value}-error")
                    yield Static(id="score")
                    yield Static("Complexity", classes="section-title")
                    yield ChoicePicker(COMPLEXITY_CHOICES, hint="press h, m or l", id="complexity")
                    yield ErrorLine(id="complexity-error")
                    with Horizontal(id="kinds"):
                        for kind, widget_id in KIND_IDS.items():
                            yield TickBox(kind.value, id=widget_id, compact=True)
                    yield Static("Questions", classes="section-title")
                    yield TickBox("Spans business groups", id="cross-group", compact=True)
                    yield TickBox("A hypothesis to test", id="hypothesis", compact=True)
                    yield Static("Override (the panel's own tier)", classes="section-title")
                    with Horizontal(id="override-row"):
                        yield Select(
                            [(tier.value, tier.value) for tier in Tier],
                            prompt="Use the suggestion",
                            id="override_tier",
                            compact=True,
                        )
                        yield Input(
                            placeholder="why the panel sets a different tier",
                            id="override_reason",
                            compact=True,
                        )
                    yield ErrorLine(id="override_tier-error")
                    yield ErrorLine(id="override_reason-error")
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

    def on_mount(self) -> None:
        self.sub_title = "Front door · triage"
        # The buttons of keys the role cannot use go with the keys.
        self.query_one("#save", Button).display = self.role_allows("save")
        self.query_one("#decide", Button).display = self.role_allows("decide")
        self.query_one("#desirable", ChoicePicker).focus()
        self._show_suggestion()
        self.load()

    # ------------------------------------------------------------- loading

    @work(thread=True, exclusive=True, group="triage-load")
    def load(self) -> None:
        """Read the proposal off the event loop."""
        with self.app.store.reading() as connection:
            detail = proposal_detail(connection, self.reference, today=clock.today())
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
        title = Text(f"{detail.reference}  ", style="bold")
        title.append(detail.title, style="bold")
        title.append("   ")
        title.append(f" {detail.status_label.upper()} ", style=STATUS_STYLES[detail.status])
        if detail.initiative:
            title.append(f"   → {detail.initiative}", style="bold")
            title.append("  (i opens it)", style="dim")
        self.query_one("#fd-title", Static).update(title)
        self.query_one("#facts", Static).update(facts_table(detail))
        texts = Text().append("Problem or opportunity: ", style="bold")
        texts.append(detail.problem + "\n", style="")
        texts.append("Intended outcome: ", style="bold")
        texts.append(detail.intended_outcome or "—")
        self.query_one("#texts", Static).update(texts)
        self.query_one("#decisions", Static).update(decision_lines(detail))
        self.saved_form = form_from(detail.triage)
        if not keep_form:
            self.set_form(self.saved_form)
        if first:
            self._restore_draft()
        self._lock_if_final(detail)
        self._show_suggestion()

    def _lock_if_final(self, detail: ProposalDetail) -> None:
        locked = not detail.can_triage
        for widget in self._inputs():
            widget.disabled = locked
        self.query_one("#save", Button).disabled = locked
        if locked:
            decision = detail.decision
            self.query_one("#form-error", ErrorLine).say(
                f"{Outcome(decision.outcome).label.capitalize()} on {decision.decided_on}: "
                "the triage is kept as it was.",
                note=True,
            )

    def _inputs(self) -> list:
        ids = [lens.value for lens in LENSES]
        ids += ["complexity", *KIND_IDS.values(), "cross-group", "hypothesis"]
        ids += ["override_tier", "override_reason"]
        return [self.query_one(f"#{widget_id}") for widget_id in ids]

    # ---------------------------------------------------------- form state

    def form(self) -> dict:
        """What the form holds now."""
        override = self.query_one("#override_tier", Select)
        return {
            **{lens.value: self.query_one(f"#{lens.value}", ChoicePicker).value for lens in LENSES},
            "complexity": self.query_one("#complexity", ChoicePicker).value,
            "complexity_kinds": [
                kind.value
                for kind, widget_id in KIND_IDS.items()
                if self.query_one(f"#{widget_id}", TickBox).value
            ],
            "cross_group": self.query_one("#cross-group", TickBox).value,
            "hypothesis": self.query_one("#hypothesis", TickBox).value,
            "override_tier": None if override.is_blank() else str(override.value),
            "override_reason": self.query_one("#override_reason", Input).value.strip(),
        }

    def set_form(self, form: dict) -> None:
        """Put `form`'s values in the widgets."""
        for lens in LENSES:
            self.query_one(f"#{lens.value}", ChoicePicker).value = form[lens.value]
        self.query_one("#complexity", ChoicePicker).value = form["complexity"]
        for kind, widget_id in KIND_IDS.items():
            self.query_one(f"#{widget_id}", TickBox).value = kind.value in form["complexity_kinds"]
        self.query_one("#cross-group", TickBox).value = form["cross_group"]
        self.query_one("#hypothesis", TickBox).value = form["hypothesis"]
        override = self.query_one("#override_tier", Select)
        if form["override_tier"]:
            override.value = form["override_tier"]
        else:
            override.clear()
        self.query_one("#override_reason", Input).value = form["override_reason"]

    @property
    def dirty(self) -> bool:
        """True when the form differs from the triage on record."""
        return self.form() != self.saved_form

    def problems(self) -> dict[str, str]:
        """What stops the triage being saved, by field."""
        form, found = self.form(), {}
        for lens in LENSES:
            if form[lens.value] is None:
                found[lens.value] = f"Score {lens.value} from 1 to 5."
        if form["complexity"] is None:
            found["complexity"] = "Choose the complexity: h, m or l."
        suggestion = self.suggestion()
        if form["override_tier"] and not form["override_reason"]:
            found["override_reason"] = "Say why the panel sets a different tier."
        if form["override_reason"] and not form["override_tier"]:
            found["override_tier"] = "Choose the tier the reason is for, or clear the reason."
        if suggestion and form["override_tier"] == suggestion.tier.value:
            found["override_tier"] = "That is the suggested tier already: clear the override."
        return found

    def validate_form(self) -> bool:
        """Show every problem next to its field; True when there are none. Why the last
        save was refused (busy, or someone else saved first) stays until the next save."""
        self.clear_errors()
        if self.refusal:
            message, note = self.refusal
            self.query_one("#form-error", ErrorLine).say(message, note=note)
        found = self.problems()
        for name, message in found.items():
            self.query_one(f"#{name}-error", ErrorLine).say(message)
        return not found

    def clear_errors(self) -> None:
        """Remove every error message."""
        for name in (*FIELDS, "form"):
            self.query_one(f"#{name}-error", ErrorLine).say("")

    def suggestion(self):
        """The tier the rules suggest for the form as it stands, once complexity is set."""
        form = self.form()
        if form["complexity"] is None:
            return None
        facts = TriageFacts(Complexity(form["complexity"]), form["cross_group"], form["hypothesis"])
        return suggest_tier(facts)

    # ------------------------------------------------------------ feedback

    @on(ChoicePicker.Changed)
    @on(TickBox.Changed)
    @on(Select.Changed)
    @on(Input.Changed)
    def _changed(self) -> None:
        self._show_suggestion()
        if self.attempted:
            self.validate_form()

    def _show_suggestion(self) -> None:
        form = self.form()
        for lens in LENSES:
            score = form[lens.value]
            guide = Text(QUESTIONS[lens] + ": ", style="italic")
            if score is not None:
                guide.append(GUIDANCE[lens][int(score)], style="")
            self.query_one(f"#{lens.value}-guide", Static).update(guide)
        scores = [form[lens.value] for lens in LENSES]
        total = Text().append("Score ", style="bold")
        if None in scores:
            total.append(f"{sum(int(s) for s in scores if s)} so far (of 15)", style="dim")
        else:
            total.append(f"{sum(int(s) for s in scores)} / 15")
        self.query_one("#score", Static).update(total)
        suggestion = self.suggestion()
        panel = Text().append("Suggested tier\n", style="bold")
        if suggestion is None:
            panel.append("set the complexity to see it\n", style="italic dim")
        else:
            panel.append(f" {suggestion.tier.value.upper()} ", style="bold reverse")
            panel.append(f"\n{suggestion.why}\n", style="italic")
        override = form["override_tier"]
        if override:
            panel.append("Panel's tier: ", style="bold")
            panel.append(f"{override} (override)\n")
        asked = self.detail.requested_tier if self.detail else None
        panel.append("Sponsor asked for: ", style="bold")
        panel.append(asked or "no tier given")
        self.query_one("#suggested", Static).update(panel)
        self.query_one("#rules", Static).update(rules_table(suggestion))

    # ---------------------------------------------------------------- save

    def action_save(self) -> None:
        """Check the form, then record the triage off the event loop."""
        if self.detail is None or self.saving:
            return
        if not self.detail.can_triage:
            self.notify(
                "This proposal's decision is final; its triage is kept.", severity="warning"
            )
            return
        self.attempted = True
        if not self.validate_form():
            self._focus_first_problem()
            return
        if self.detail.triage is not None and not self.dirty:
            self.notify("Nothing changed since the last triage.", title=self.reference)
            return
        self._stop_retry()
        self._say("")
        self.saving = True
        self.query_one("#save", Button).disabled = True
        form = self.form()
        self.save(
            {
                "reference": self.reference,
                "version": self.detail.version,
                **{lens.value: int(form[lens.value]) for lens in LENSES},
                "complexity": form["complexity"],
                "complexity_kinds": form["complexity_kinds"],
                "cross_group": form["cross_group"],
                "hypothesis": form["hypothesis"],
                "override_tier": form["override_tier"],
                "override_reason": form["override_reason"],
            }
        )

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def _focus_first_problem(self) -> None:
        for name in FIELDS:
            if self.query_one(f"#{name}-error", ErrorLine).message.strip():
                self.query_one(f"#{name}").focus()
                return

    @work(thread=True, exclusive=True, group="triage-save")
    def save(self, data: dict) -> None:
        """Record the triage through the store service, then read the proposal again."""
        from store.front_door.services import triage_proposal

        try:
            with self.app.store.writing() as session:
                result = triage_proposal(data, session=session)
        except DatabaseBusyError:
            self.app.call_from_thread(self._busy)
            return
        except StaleVersionError:
            with self.app.store.reading() as connection:
                detail = proposal_detail(connection, self.reference, today=clock.today())
                change = last_proposal_change(connection, self.reference)
            self.app.call_from_thread(self._stale, detail, change)
            return
        except InputError as error:
            self.app.call_from_thread(self._save_failed, error.field, str(error))
            return
        except PortfolioError as error:
            self.app.call_from_thread(self._save_failed, "form", str(error))
            return
        with self.app.store.reading() as connection:
            detail = proposal_detail(connection, self.reference, today=clock.today())
        self.app.call_from_thread(self._saved, result.triage, detail)

    def _busy(self) -> None:
        """Another process holds the write lock: say so, keep the form, retry soon."""
        self.saving = False
        self.query_one("#save", Button).disabled = False
        self._say(self.retry_when_busy())

    def _stale(self, detail: ProposalDetail, change: LastChange | None) -> None:
        """Someone else triaged, corrected or decided the proposal first: take their
        proposal in (keeping the form as typed) and ask whether to re-apply or reload."""
        self.saving = False
        opened, typed = self.detail, self.form()
        self.show(detail, keep_form=True)
        rows = triage_rows(typed, opened, detail, self.saved_form)
        who = change.describe if change else "someone else"
        message = Text(f"Not saved: {who} changed this proposal since you opened it", "bold")
        message.append(". Your triage is still in the form: ctrl+s saves it over theirs.")
        if detail.can_triage:
            self._say(message)
        dialog = ConflictDialog("proposal", rows, change, can_reapply=detail.can_triage)
        self.app.push_screen(dialog, self._conflict_chosen)

    def _conflict_chosen(self, choice: str | None) -> None:
        """Re-apply the triage typed over theirs, or reload theirs into the form."""
        if choice == REAPPLY:
            self.action_save()
        elif choice == RELOAD:
            self.set_form(self.saved_form)
            self._say("Their triage is in the form.", note=True)
            self._show_suggestion()

    def _say(self, message: str | Text, *, note: bool = False) -> None:
        """Show a message about the save under the form, scrolled into view (kept there
        while the user changes the form, until the next save)."""
        self.refusal = (message, note) if message else ()
        line = self.query_one("#form-error", ErrorLine)
        line.say(message, note=note)
        self.call_after_refresh(line.scroll_visible, animate=False)

    def _saved(self, triage: TriageRead, detail: ProposalDetail) -> None:
        self.saving = False
        self.attempted = False
        self.app.drafts.pop(("triage", self.reference), None)
        self.show(detail)
        self.notify(
            f"Triaged: score {triage.score}/15, suggested {triage.suggested_tier}. "
            "ctrl+d records the decision.",
            title=self.reference,
        )

    def _save_failed(self, field: str, message: str) -> None:
        self.saving = False
        self.query_one("#save", Button).disabled = False
        target = field if field in FIELDS else "form"
        self.query_one(f"#{target}-error", ErrorLine).say(f"Not saved. {message}")
        self._focus_first_problem()

    # ------------------------------------------------------------- decide

    def action_decide(self) -> None:
        """Open the decision form (or a correction of the decision in force)."""
        detail = self.detail
        if detail is None:
            return
        message = self._why_not_decide(detail)
        if message:
            self.query_one("#form-error", ErrorLine).say(message)
            self.notify(message, title=self.reference, severity="warning")
            return
        from screens.front_door.decision import ProposalDecisionScreen

        correcting = None if detail.can_decide else detail.decision
        self.app.push_screen(
            ProposalDecisionScreen(detail, correcting=correcting), self._after_decision
        )

    def _why_not_decide(self, detail: ProposalDetail) -> str:
        if detail.triage is None:
            return "Triage the proposal first: score it and press ctrl+s."
        if self.dirty and detail.can_triage:
            return "Save the triage first (ctrl+s), or put it back as it was."
        if detail.can_decide:
            return ""
        decision = detail.decision
        if decision is not None and decision.initiative:
            return (
                f"Decided: {decision.outcome_label}, creating {decision.initiative}. "
                "Change or close that initiative in the portfolio instead."
            )
        return ""

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

    def _restore_draft(self) -> None:
        draft = self.app.drafts.pop(("triage", self.reference), "")
        if draft and self.detail is not None and self.detail.can_triage:
            self.set_form(json.loads(draft))
            self.query_one("#form-error", ErrorLine).say(
                "Your unsaved triage from last time is restored.", note=True
            )

    def action_back(self) -> None:
        """Stop a busy database's retrying, else go back to the queue, keeping unsaved
        changes as a draft."""
        if self._stop_retry():
            self._say(stopped_message())
            return
        if self.detail is not None and self.detail.can_triage and self.dirty:
            self.app.drafts[("triage", self.reference)] = json.dumps(self.form())
        self.app.pop_screen()
