"""The dependency form: record that this initiative needs something from another one
(incoming) or that another needs something from it (outgoing), or edit one.

The other initiative is typed by code (completed as you type, `right` accepts) and
named as soon as it is known; the upstream's milestones are offered for the one the
dependency relies on, with the at-risk rule worked out live.
"""

from __future__ import annotations

import sqlite3

from rich.text import Text
from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input

from screens.common.record_form import RecordForm, cell, date_cell, record_help, row, typed_date
from store.fields import field_problems
from store.programme.dependencies.inputs import DependencyIn
from store.programme.dependencies.read_models import DependencyRead
from store.programme.milestones.read_models import MilestoneRead
from store.programme.types import ACTIVE_DEPENDENCY_STATUSES, DependencyStatus, Importance
from widgets.plain_text import Select, Static

INCOMING, OUTGOING = "incoming", "outgoing"


def milestone_label(milestone: MilestoneRead, width: int = 56) -> str:
    """A milestone as the choice lists it: its name (cut to fit) and when it is expected."""
    name = milestone.name if len(milestone.name) <= width else milestone.name[: width - 1] + "…"
    return f"{name} · expected {milestone.expected}"


class DependencyForm(RecordForm):
    """Add or edit a dependency to or from this initiative."""

    KIND = "dependency"
    HELP_TITLE = "Dependency form"
    HELP = f"""
A dependency runs from the **upstream** initiative, which delivers something, to the
one that **needs** it by a date. One end is this initiative: choose the **direction**
(it needs something from another, or another needs something from it) and type the
other initiative's **code**; its name shows as soon as the code is known, and codes
complete as you type (`right` accepts the suggestion).

**What is needed**, the **needed-by** date (`YYYY-MM-DD`), the **importance** (high,
medium or low) and the **status** (open, agreed, delivered or cancelled) are recorded
with it. Optionally choose the upstream's **milestone** that delivers it. An open or
agreed dependency is **at risk** when that milestone is expected after the needed-by
date, or when the upstream's overall RAG is Red.

{record_help("dependency")}"""

    LABELS = {
        "direction": "Direction",
        "other": "Other code",
        "needed": "Needed",
        "needed_by": "Needed by",
        "importance": "Importance",
        "status": "Status",
        "milestone": "Milestone",
    }
    REQUIRED = ("other", "needed", "needed_by")
    ALIASES = {"from_code": "other", "to_code": "other", "code": "other"}

    def __init__(self, *, outgoing: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.start_outgoing = outgoing
        self.names: dict[str, str] | None = None  # code → name, once loaded
        self.milestones: dict[str, MilestoneRead] = {}
        self.milestones_of: str | None = None  # the upstream code they were read for
        self.wanted_milestone = ""  # to choose once the upstream's milestones are read

    def compose_fields(self) -> ComposeResult:
        directions = [
            (f"{self.code} needs something from another initiative", INCOMING),
            (f"Another initiative needs something from {self.code}", OUTGOING),
        ]
        direction = Select(directions, id="direction", allow_blank=False, compact=True)
        yield row(cell("direction", "Direction", direction))
        other = Input(id="other", compact=True, classes="short", placeholder="code")
        beside = Static(id="other-name", classes="beside")
        yield row(cell("other", "Other code", other, beside=beside))
        yield row(cell("needed", "Needed", Input(id="needed", compact=True)))
        yield row(date_cell("needed_by", "Needed by", "the date it is needed by"))
        importances = [(i.value, i.value) for i in Importance]
        statuses = [(s.value, s.value) for s in DependencyStatus]
        yield row(
            cell(
                "importance",
                "Importance",
                Select(importances, id="importance", allow_blank=False, compact=True),
            ),
            cell(
                "status",
                "Status",
                Select(statuses, id="status", allow_blank=False, compact=True),
                second=True,
            ),
        )
        milestone = Select([], id="milestone", prompt="none", compact=True)
        hint = "optional: the upstream's milestone that delivers it"
        yield row(cell("milestone", "Milestone", milestone, hint=hint))
        yield Static(id="summary", classes="score")

    # ------------------------------------------------------------ values

    def values_of(self, record: DependencyRead) -> dict[str, str]:
        """A dependency's values as the form shows them, seen from this initiative."""
        incoming = record.to_code == self.code
        return {
            "direction": INCOMING if incoming else OUTGOING,
            "other": record.from_code if incoming else record.to_code,
            "needed": record.needed,
            "needed_by": str(record.needed_by),
            "importance": record.importance,
            "status": record.status,
            "milestone": record.milestone or "",
        }

    def defaults(self) -> dict[str, str]:
        """A new dependency is open and of medium importance."""
        return {
            "direction": OUTGOING if self.start_outgoing else INCOMING,
            "importance": Importance.MEDIUM.value,
            "status": DependencyStatus.OPEN.value,
        }

    def fill(self, values: dict[str, str]) -> None:
        """Put values in; the milestone is chosen once the upstream's are read."""
        super().fill({**values, "milestone": ""})
        self.wanted_milestone = values.get("milestone", "")
        if self.wanted_milestone in self.milestones:
            self.query_one("#milestone", Select).value = self.wanted_milestone
            self.wanted_milestone = ""

    def values(self) -> dict[str, str]:
        """Every field as typed (a milestone still waiting for its list counts as chosen)."""
        found = super().values()
        if self.wanted_milestone:
            found["milestone"] = self.wanted_milestone
        return found

    @staticmethod
    def ends(code: str, values: dict[str, str]) -> tuple[str, str]:
        """(from, to) codes: upstream first."""
        other = values["other"].strip().upper()
        return (other, code) if values["direction"] == INCOMING else (code, other)

    def upstream(self, values: dict[str, str]) -> str:
        """The code of the initiative that delivers."""
        return self.ends(self.code, values)[0]

    # ------------------------------------------------------------ checks

    def record_data(self, values: dict[str, str]) -> dict[str, str]:
        """The values as the store's dependency fields (upstream first)."""
        from_code, to_code = self.ends(self.code, values)
        kept = ("needed", "needed_by", "importance", "status", "milestone")
        return {"from_code": from_code, "to_code": to_code} | {k: values[k] for k in kept}

    def problems_in(self, values: dict[str, str]) -> dict[str, str]:
        """The store's checks, and an unknown code (once the codes are read)."""
        data = self.record_data(values)
        found = {self.ALIASES.get(k, k): v for k, v in field_problems(DependencyIn, data).items()}
        other = values["other"].strip().upper()
        if not other:
            found["other"] = "the other initiative's code is required"
        elif other == self.code:
            found["other"] = f"that is {self.code} itself: give the other initiative's code"
        elif (
            self.names is not None
            and other not in self.names
            # While what is typed can still complete to a code, that is said beside it.
            and (self.attempted or self.completion(other) is None)
        ):
            found["other"] = f"no initiative has the code {other!r}"
        return found

    def completion(self, typed: str) -> str | None:
        """The first known code that starts with what was typed, if any."""
        return next((code for code in self.names or () if code.startswith(typed)), None)

    def live(self, values: dict[str, str]) -> None:
        """Name the other initiative, offer the upstream's milestones and say whether the
        dependency would be at risk."""
        other = values["other"].strip().upper()
        name = (self.names or {}).get(other)
        self.query_one("#other-name", Static).update(self.other_text(other, name))
        upstream = self.upstream(values)
        if self.names is not None and upstream != self.milestones_of:
            self.milestones_of = upstream
            known = upstream == self.code or upstream in self.names
            self.load_milestones(upstream, upstream if known else "")
        self.query_one("#summary", Static).update(self.sentence(values, name))

    def other_text(self, other: str, name: str | None) -> Text:
        """Beside the code: the initiative's name, or the code it could complete to."""
        if name:
            return Text(name, style="bold")
        completion = self.completion(other) if other and self.names else None
        if completion:
            return Text(f"right arrow completes {completion}: {self.names[completion]}", "italic")
        return Text("type the code of the initiative at the other end", style="italic")

    def sentence(self, values: dict[str, str], name: str | None) -> Text:
        """One sentence saying what will be recorded, and whether it is at risk."""
        if not name:
            return Text("")
        from_code, to_code = self.ends(self.code, values)
        text = Text(f"{to_code} needs ", style="bold")
        text.append(values["needed"].strip() or "…", style="")
        text.append(f" from {from_code} by {values['needed_by'].strip() or '…'}")
        chosen = self.milestones.get(values["milestone"])
        if chosen is None:
            return text
        text.append(f", through {chosen.name!r} (expected {chosen.expected})", style="")
        needed_by = typed_date(values["needed_by"])
        active = values["status"] in ACTIVE_DEPENDENCY_STATUSES
        if needed_by is not None and active and chosen.expected > needed_by:
            late = (chosen.expected - needed_by).days
            text.append(
                f"\n! at risk: that milestone is expected {late} days after it is needed",
                style="bold #ff5252",
            )
        return text

    # ------------------------------------------------------------ loading

    def on_mount(self) -> None:
        super().on_mount()
        self.load_names()

    @work(thread=True, exclusive=True, group="dependency-names")
    def load_names(self) -> None:
        """Every initiative's code and name, to name and complete the other end."""
        from store.portfolio.queries import initiative_names

        with self.app.store.reading() as connection:
            names = dict(initiative_names(connection))
        self.app.call_from_thread(self._names_loaded, names)

    def _names_loaded(self, names: dict[str, str]) -> None:
        self.names = {code: name for code, name in names.items() if code != self.code}
        self.query_one("#other", Input).suggester = SuggestFromList(
            list(self.names), case_sensitive=False
        )
        self.check()

    @work(thread=True, exclusive=True, group="dependency-milestones")
    def load_milestones(self, upstream: str, known: str) -> None:
        """The upstream's milestones (none for a code that is not known), for the choice."""
        from store.programme.milestones.queries import list_milestones

        found: list[MilestoneRead] = []
        if known:
            with self.app.store.reading() as connection:
                found = list_milestones(connection, known)
        self.app.call_from_thread(self._milestones_loaded, upstream, found)

    def _milestones_loaded(self, upstream: str, found: list[MilestoneRead]) -> None:
        if upstream != self.milestones_of:
            return  # the upstream changed again while these were read
        choice = self.query_one("#milestone", Select)
        keep = self.wanted_milestone or ("" if choice.value == Select.NULL else str(choice.value))
        self.wanted_milestone = ""
        self.milestones = {m.name: m for m in found}
        choice.prompt = "none" if found else f"none ({upstream or 'upstream'} has no milestones)"
        choice.set_options((milestone_label(m), m.name) for m in found)
        if keep in self.milestones:
            choice.value = keep
        self.check()

    # ------------------------------------------------------------ saving

    def write_record(
        self, values: dict[str, str], version: int | None, session: Session
    ) -> DependencyRead:
        """Create the dependency, or update it expecting the version it was opened at."""
        from store.programme.dependencies.services import create_dependency, update_dependency

        data = self.record_data(values)
        if self.record is None:
            return create_dependency(data, session=session)
        return update_dependency(
            {"id": self.record.id, **data, "expected_version": version}, session=session
        )

    def read_record(self, connection: sqlite3.Connection) -> DependencyRead | None:
        """The dependency as it is now."""
        from store.programme.dependencies.queries import dependency

        return dependency(connection, self.record.id)
