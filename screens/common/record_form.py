"""What the record forms of the programme detail screen (risk, milestone, dependency)
share: a modal of labelled fields, each with its error right under it.

Fields are checked as the user types (a required field left blank is only flagged once
it has been changed or a save was tried). `ctrl+s` saves from anywhere, in a worker,
through the store service; a failed save keeps everything typed and shows the problem
next to its field. An edit carries the version it was opened at: if someone else saved
the record first, the save is refused, the form says what they changed and takes their
changes in, keeping what this user changed on top; a second `ctrl+s` saves the two
together. `escape` cancels and keeps what was typed as a draft for next time (a draft
of an edit comes back the same way over anyone else's later changes); `ctrl+r` puts the
saved values back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from screens.common.busy_retry import BusyRetry, stopped_message
from screens.common.conflict_dialog import ConflictDialog, ReapplyOrReload, differing_rows
from store.concurrency import LastChange, last_change
from store.errors import DatabaseBusyError, InputError, PortfolioError

NEW = "new"


def cell(
    name: str,
    label: str,
    control: Widget,
    hint: str = "",
    *,
    beside: Widget | None = None,
    second: bool = False,
) -> list[Widget]:
    """A label and its control (with `beside` it on the same line), an optional hint,
    and the field's error under it. A `second` cell shares its row with the one before."""
    top = Horizontal(control, beside, classes="with-beside") if beside is not None else control
    below = [Static(Text(hint), classes="hint")] if hint else []
    return [
        Label(label, classes="label second" if second else "label"),
        Vertical(top, *below, Static(id=f"{name}-error", classes="error"), classes="control"),
    ]


def row(*cells: list[Widget], id: str | None = None) -> Horizontal:
    """One line of the form holding one or more cells."""
    return Horizontal(*(widget for one in cells for widget in one), classes="row", id=id)


def read_value(widget: Widget) -> str:
    """What a field holds, as text ('' for an empty choice)."""
    if isinstance(widget, Select):
        return "" if widget.value == Select.NULL else str(widget.value)
    if isinstance(widget, TextArea):
        return widget.text
    return widget.value


def write_value(widget: Widget, value: str) -> None:
    """Put `value` into a field."""
    if isinstance(widget, Select):
        widget.value = value if value else Select.NULL
    elif isinstance(widget, TextArea):
        widget.text = value
    else:
        widget.value = value


def changes_between(
    before: dict[str, str], after: dict[str, str], labels: dict[str, str]
) -> list[str]:
    """'Label: old → new' for each field that differs."""
    return [
        f"{labels.get(name, name)}: {before.get(name) or '—'} → {after.get(name) or '—'}"
        for name in labels
        if before.get(name, "") != after.get(name, "")
    ]


def merge(
    base: dict[str, str], mine: dict[str, str], theirs: dict[str, str], labels: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """Someone else's changes (base → theirs) with this user's (base → mine) on top, and
    the labels of fields both changed, to different values (this user's value wins)."""
    values = dict(theirs)
    clashes = []
    for name, label in labels.items():
        own = mine.get(name, "")
        if own != base.get(name, ""):
            values[name] = own
            if theirs.get(name, "") not in (base.get(name, ""), own):
                clashes.append(label)
    return values, clashes


def conflict_text(lead: str, theirs: list[str], clashes: list[str]) -> Text:
    """What someone else changed, and that the form now holds theirs with this user's
    changes on top."""
    text = Text(lead, style="bold")
    text.append(": " + "; ".join(theirs or ["no visible change"]) + ". ")
    text.append("Their changes are now in the form and yours are kept")
    if clashes:
        text.append(f" (you both changed {', '.join(clashes)}: yours is in the form)")
    text.append(". ctrl+s saves this; ctrl+r takes theirs as they are.")
    return text


@dataclass(frozen=True)
class Conflict:
    """What a stale save found: the values for the form (theirs with this user's changes
    on top), the message for the form, and the dialog's Field / yours / current rows."""

    values: dict[str, str]
    message: Text
    rows: list[tuple[str, str, str]]


def resolve_conflict(
    kind: str,
    labels: dict[str, str],
    base: dict[str, str],
    mine: dict[str, str],
    now: dict[str, str],
    change: LastChange | None,
    shown: Callable[[dict[str, str]], dict[str, str]] = dict,
) -> Conflict:
    """Merge a stale save (`base` as loaded, `mine` as typed, `now` as saved by someone
    else) and word it; `shown` turns stored values into what the user reads."""
    values, clashes = merge(base, mine, now, labels)
    who = change.describe if change else "someone else"
    lead = f"Not saved: {who} changed this {kind} since you opened it"
    theirs = changes_between(shown(base), shown(now), labels)
    rows = [
        (label, yours if mine.get(name, "") != base.get(name, "") else kept(yours), current)
        for name, (label, yours, current) in zip(
            labels, differing_rows(labels, shown(mine), shown(now), keep_all=True), strict=True
        )
        if yours != current
    ]
    return Conflict(values, conflict_text(lead, theirs, clashes), rows)


def kept(value: str) -> str:
    """A value the user did not change, as the conflict dialog shows it: re-applying
    keeps theirs, not this."""
    return f"{value or '—'} (not changed by you: re-apply keeps theirs)"


class RecordForm(ReapplyOrReload, BusyRetry, ModalScreen[Any]):
    """Add or edit one record; dismisses with the saved read model, or None."""

    # Beside this module, for subclasses in other folders too.
    CSS_PATH = Path(__file__).with_name("record_form.tcss")
    KIND = "record"
    # Field name → label, in the order the form shows them.
    LABELS: ClassVar[dict[str, str]] = {}
    # Fields that must not be blank (flagged only once touched or a save was tried).
    REQUIRED: ClassVar[tuple[str, ...]] = ()
    # The store's field names that the form calls something else.
    ALIASES: ClassVar[dict[str, str]] = {}

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+r", "revert", "Revert to saved"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, *, code: str, name: str, record: Any = None) -> None:
        super().__init__()
        self.code = code
        self.initiative_name = name
        self.record = record
        self.version: int | None = record.version if record is not None else None
        self.initial: dict[str, str] = {}
        self.attempted = False
        self.saving = False
        self.ready = False
        self.counting = False  # the form's message is the count of fields to put right
        self.busy_retry = None  # the timer of an automatic retry while the database is busy

    # ------------------------------------------------------------ for subclasses

    def compose_fields(self) -> ComposeResult:
        """The form's rows."""
        raise NotImplementedError

    def values_of(self, record: Any) -> dict[str, str]:
        """A record's values as the form shows them (also used to say what changed)."""
        raise NotImplementedError

    def defaults(self) -> dict[str, str]:
        """The values a new record starts with."""
        return {}

    def problems(self, values: dict[str, str]) -> dict[str, str]:
        """What is wrong with `values`, by field."""
        raise NotImplementedError

    def write(self, values: dict[str, str], version: int | None, session: Session) -> Any:
        """Save through the store service (runs in a worker thread); an edit passes
        `version` as the version it expects."""
        raise NotImplementedError

    def read_current(self, connection: sqlite3.Connection) -> Any:
        """The record as it is in the database now (runs in a worker thread)."""
        raise NotImplementedError

    def refresh_live(self, values: dict[str, str]) -> None:
        """Update anything worked out from the values as they are typed."""

    @property
    def title_text(self) -> str:
        """The form's heading."""
        verb = "New" if self.record is None else "Edit"
        return f"{verb} {self.KIND} · {self.code} {self.initiative_name}"

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            yield from self.compose_fields()
            yield Static(id="form-error", classes="error")
            with Horizontal(id="buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="save", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.initial = self.values_of(self.record) if self.record is not None else self.defaults()
        draft = self.app.drafts.pop(self.draft_key, None)
        if draft is None:
            self.fill(self.initial)
        else:
            self._restore(draft)
        self.query_one(f"#{next(iter(self.LABELS))}").focus()
        self.ready = True
        self.call_after_refresh(self.check)

    @property
    def draft_key(self) -> tuple[str, str, str]:
        """Where this form's unsaved values are kept between openings."""
        record = NEW if self.record is None else str(self.record.id)
        return (self.KIND, self.code, record)

    def fill(self, values: dict[str, str]) -> None:
        """Put values into the fields."""
        for name in self.LABELS:
            write_value(self.query_one(f"#{name}"), values.get(name, ""))

    def values(self) -> dict[str, str]:
        """Every field's value as typed."""
        return {name: read_value(self.query_one(f"#{name}")) for name in self.LABELS}

    def _restore(self, draft: dict) -> None:
        """Put back what was typed last time; if someone else has saved the record since,
        their changes with the draft's on top."""
        if self.record is None or draft["version"] == self.record.version:
            self.fill(draft["values"])
            notice = Text("Your unsaved changes from last time are restored", style="italic")
            notice.append("; ctrl+r puts the saved values back.")
            self.show_error("form", notice)
            return
        values, clashes = merge(draft["base"], draft["values"], self.initial, self.LABELS)
        self.fill(values)
        lead = (
            "Your unsaved changes from last time are restored, but someone else has "
            f"changed this {self.KIND} since"
        )
        theirs = changes_between(draft["base"], self.initial, self.LABELS)
        self.show_error("form", conflict_text(lead, theirs, clashes))

    # ------------------------------------------------------------ checking

    def show_error(self, field: str, message: str | Text) -> None:
        """Show `message` under `field` (or under the form for anything else)."""
        name = self.ALIASES.get(field, field)
        target = name if name in self.LABELS else "form"
        error = self.query_one(f"#{target}-error", Static)
        error.update(message)
        error.display = bool(str(message))

    def shown_problems(self, values: dict[str, str]) -> dict[str, str]:
        """The problems to show now: a blank required field only once it was changed or a
        save was tried."""
        found = {}
        for field, message in self.problems(values).items():
            name = self.ALIASES.get(field, field)
            untouched = values.get(name, "") == self.initial.get(name, "")
            blank = not values.get(name, "").strip()
            if not self.attempted and name in self.REQUIRED and blank and untouched:
                continue
            found.setdefault(name, message[:1].upper() + message[1:])
        return found

    def check(self) -> dict[str, str]:
        """Show every problem next to its field; returns them."""
        values = self.values()
        self.refresh_live(values)
        found = self.shown_problems(values)
        for name in self.LABELS:
            self.show_error(name, found.get(name, ""))
        if self.counting:
            self.show_count(found)
        return found

    def show_count(self, found: dict[str, str]) -> None:
        """Under the form, how many fields still stop a save (kept up to date as they
        are put right, until the next save)."""
        self.counting = bool(found)
        if not found:
            self.show_error("form", "")
            return
        many = f"{len(found)} fields need" if len(found) > 1 else "1 field needs"
        self.show_error("form", f"Not saved: {many} attention (see the messages above).")

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _changed(self) -> None:
        if self.ready:
            self.check()

    def focus_first_problem(self, found: Iterable[str]) -> None:
        """Put the cursor in the first field with a problem."""
        for name in self.LABELS:
            if name in found:
                self.query_one(f"#{name}").focus()
                return

    # ---------------------------------------------------------------- saving

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form, then save it off the event loop."""
        if self.saving:
            return
        self.attempted = True
        found = self.check()
        if found:
            self.show_count(found)
            self.focus_first_problem(found)
            return
        self._stop_retry()
        self.show_error("form", "")
        self.saving = True
        self.query_one("#save", Button).disabled = True
        self.save(self.values(), self.version)

    @work(thread=True, exclusive=True, group="record-save")
    def save(self, values: dict[str, str], version: int | None) -> None:
        """Write through the store service; the outcome comes back to the event loop."""
        try:
            with self.app.store.writing() as session:
                saved = self.write(values, version, session)
        except DatabaseBusyError:
            self.app.call_from_thread(self._busy)
        except InputError as error:
            self.app.call_from_thread(self._save_failed, error.field, error.problem)
        except PortfolioError as error:
            self.app.call_from_thread(self._save_failed, "form", str(error))
        else:
            self.app.call_from_thread(self._saved, saved)

    def _busy(self) -> None:
        """Another process holds the write lock: say so, keep everything, retry soon."""
        self.saving = False
        self.query_one("#save", Button).disabled = False
        self.show_error("form", self.retry_when_busy())

    def _saved(self, saved: Any) -> None:
        self.app.drafts.pop(self.draft_key, None)
        self.finish(saved)

    def _save_failed(self, field: str, problem: str) -> None:
        if field == "version":  # still saving until the conflict is shown
            self.show_error("form", Text(f"Not saved: {problem}. Checking what changed…"))
            self.load_current()
            return
        self.saving = False
        self.query_one("#save", Button).disabled = False
        if field == "changes":
            self.show_error("form", "Nothing to save: every value is as it was. escape closes.")
            return
        self.show_error(field, f"Not saved: {problem[:1].upper()}{problem[1:]}")
        name = self.ALIASES.get(field, field)
        if name in self.LABELS:
            self.show_error("form", "Not saved: see the message above.")
            self.focus_first_problem([name])

    @work(thread=True, exclusive=True, group="record-current")
    def load_current(self) -> None:
        """Read the record as someone else left it, to say what they changed."""
        with self.app.store.reading() as connection:
            current = self.read_current(connection)
            change = last_change(connection, self.KIND, self.record.id)
        self.app.call_from_thread(self._show_conflict, current, change)

    def _show_conflict(self, current: Any, change: LastChange | None = None) -> None:
        self.saving = False
        self.query_one("#save", Button).disabled = False
        if current is None:
            self.show_error("form", f"Not saved: this {self.KIND} no longer exists.")
            return
        base, now = self.values_of(self.record), self.values_of(current)
        conflict = resolve_conflict(self.KIND, self.LABELS, base, self.values(), now, change)
        self.record, self.version, self.initial = current, current.version, now
        self.fill(conflict.values)
        self.show_error("form", conflict.message)
        dialog = ConflictDialog(self.KIND, conflict.rows, change)
        self.app.push_screen(dialog, self._conflict_chosen)

    # --------------------------------------------------------- leaving, revert

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving; anything typed is kept as a draft for next time. While a
        busy database is being retried, the first escape only stops the retrying."""
        if self._stop_retry():
            self.show_error("form", stopped_message())
            return
        values = self.values()
        if values != self.initial:
            base = self.values_of(self.record) if self.record is not None else {}
            self.app.drafts[self.draft_key] = {
                "values": values,
                "version": self.version,
                "base": base,
            }
        self.dismiss(None)

    def action_revert(self) -> None:
        """Put back the values as saved (the record as last read, or a new one's defaults)."""
        self.app.drafts.pop(self.draft_key, None)
        self.attempted = False
        self.counting = False
        self.fill(self.initial)
        self.show_error("form", "")
        self.notify("The saved values are back in the form.", title=self.title_text)
        self.query_one(f"#{next(iter(self.LABELS))}").focus()
        self.call_after_refresh(self.check)
