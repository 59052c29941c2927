"""What the record forms of the programme detail screen (risk, milestone, dependency)
add to `Form`: a modal of labelled fields laid out by hand (`cell`, `row`), each with
its error right under it, editing one record opened from a list.

Fields are checked as the user types (a required field left blank is only flagged once
it has been changed or a save was tried); a save stopped by problems says how many
fields still need attention until they are put right. An edit carries the version it
was opened at: if someone else saved the record first, the save is refused, the form
says what they changed and takes their changes in, keeping what this user changed on
top; a second `ctrl+s` saves the two together. `escape` cancels and keeps what was
typed as a draft for next time (a draft of an edit comes back the same way over anyone
else's later changes); `ctrl+r` puts the saved values back.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from sqlmodel import Session
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input

from screens.common.conflict_dialog import ConflictDialog
from screens.common.form import REVERTED, Form
from screens.common.form_fields import read_field, write_field
from screens.common.form_merge import changes_between, conflict_text, merge
from store.concurrency import last_change
from store.errors import PortfolioError
from widgets.error_line import ErrorLine
from widgets.footer import Footer
from widgets.plain_text import Label, Static

NEW = "new"


def record_help(kind: str) -> str:
    """The end of a record form's help: its keys, and what happens when someone else
    saved the record first (follows the form's own first sentence about `tab`)."""
    return f"""`f1` shows this help. `ctrl+s` saves from anywhere; `escape` cancels and keeps what
you typed for next time; `ctrl+r` puts the saved values back.

If someone else saved this {kind} while you had it open, your save is refused and the
form says what they changed: their changes are put into the form with yours kept on
top (where you both changed a field, yours stays and the form says so). Check it and
`ctrl+s` again saves, or `ctrl+r` takes theirs as they are.
"""


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
        Vertical(top, *below, ErrorLine(id=f"{name}-error", classes="error"), classes="control"),
    ]


def row(*cells: list[Widget], id: str | None = None) -> Horizontal:
    """One line of the form holding one or more cells."""
    return Horizontal(*(widget for one in cells for widget in one), classes="row", id=id)


def hint_beside(hint: str) -> Static:
    """A hint on the same line as its control."""
    return Static(Text(hint), classes="beside hint")


def date_cell(name: str, label: str, hint: str) -> list[Widget]:
    """A date typed `YYYY-MM-DD`, with a hint beside it."""
    control = Input(id=name, compact=True, placeholder="YYYY-MM-DD", classes="short")
    return cell(name, label, control, beside=hint_beside(hint))


def typed_date(text: str) -> date | None:
    """The date typed, or None when it is blank or not a date."""
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


class RecordForm(Form, ModalScreen[Any]):
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
    TITLE_ID = True  # an edit's title names the record's id
    COMPACT_BUTTONS = True

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
        self.ready = False

    @property
    def FIELDS(self) -> tuple[str, ...]:  # noqa: N802 - the name `Form` reads
        """The fields, in the order the form shows them."""
        return tuple(self.LABELS)

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

    def problems_in(self, values: dict[str, str]) -> dict[str, str]:
        """What is wrong with `values`, by field."""
        raise NotImplementedError

    def write_record(self, values: dict[str, str], version: int | None, session: Session) -> Any:
        """Save through the store service (runs in a worker thread); an edit passes
        `version` as the version it expects."""
        raise NotImplementedError

    def read_record(self, connection: sqlite3.Connection) -> Any:
        """The record as it is in the database now (runs in a worker thread)."""
        raise NotImplementedError

    def live(self, values: dict[str, str]) -> None:
        """Update anything worked out from the values as they are typed."""

    @property
    def title_text(self) -> str:
        """The form's heading: new or edit (with the record's id), and the initiative."""
        if self.record is None:
            what = f"New {self.KIND}"
        else:
            what = f"Edit {self.KIND} {self.record.id}" if self.TITLE_ID else f"Edit {self.KIND}"
        return f"{what} · {self.code} {self.initiative_name}"

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            yield from self.compose_fields()
            yield ErrorLine(id="form-error", classes="error")
            yield self.buttons()
        yield Footer()

    def on_mount(self) -> None:
        self.initial = self.values_of(self.record) if self.record is not None else self.defaults()
        if not self.restore_draft():
            self.fill(self.initial)
        self.field(self.FIELDS[0]).focus()
        self.ready = True
        self.call_after_refresh(self.check)

    @property
    def draft_key(self) -> tuple[str, str, str]:
        """Where this form's unsaved values are kept between openings."""
        record = NEW if self.record is None else str(self.record.id)
        return (self.KIND, self.code, record)

    def fill(self, values: dict[str, str]) -> None:
        """Put values into the fields (a field `values` leaves out is blanked)."""
        for name in self.LABELS:
            write_field(self.field(name), values.get(name, ""))

    def values(self) -> dict[str, str]:
        """Every field's value as typed ('' for an empty choice)."""
        found = {name: read_field(self.field(name)) for name in self.LABELS}
        return {name: "" if value is None else str(value) for name, value in found.items()}

    def draft(self) -> dict | None:
        """The values typed, if they differ from the record's, with what they were typed
        over (to merge them with anyone else's changes next time)."""
        values = self.values()
        if values == self.initial:
            return None
        base = self.values_of(self.record) if self.record is not None else {}
        return {"values": values, "version": self.version, "base": base}

    def restore(self, draft: dict) -> None:
        """Put back what was typed last time; if someone else has saved the record since,
        their changes with the draft's on top."""
        if self.record is None or draft["version"] == self.record.version:
            self.fill(draft["values"])
            notice = Text("Your unsaved changes from last time are restored", style="italic")
            notice.append("; ctrl+r puts the saved values back.")
            self.tell(notice)
            return
        values, clashes = merge(draft["base"], draft["values"], self.initial, self.LABELS)
        self.fill(values)
        lead = (
            "Your unsaved changes from last time are restored, but someone else has "
            f"changed this {self.KIND} since"
        )
        theirs = changes_between(draft["base"], self.initial, self.LABELS)
        self.tell(conflict_text(lead, theirs, clashes))

    # ------------------------------------------------------------ checking

    def problems(self) -> dict[str, str]:
        """What is wrong now, by the form's field names, each starting with a capital."""
        found: dict[str, str] = {}
        for field, message in self.problems_in(self.values()).items():
            found.setdefault(self.ALIASES.get(field, field), message[:1].upper() + message[1:])
        return found

    def refresh_live(self) -> None:
        """What the form works out as the values are typed."""
        self.live(self.values())

    def quiet(self, name: str) -> bool:
        """A required field left blank is flagged only once it was changed or a save was
        tried; any other problem shows at once."""
        if self.attempted or name not in self.REQUIRED:
            return False
        value = read_field(self.field(name)) or ""
        return not value.strip() and value == self.initial.get(name, "")

    def summary(self, found: dict[str, str]) -> str | None:
        """Once a save was stopped by problems: how many fields still need attention."""
        if not (self.blocked and found):
            return None
        many = f"{len(found)} fields need" if len(found) > 1 else "1 field needs"
        return f"Not saved: {many} attention (see the messages above)."

    # ---------------------------------------------------------------- saving

    def data(self) -> tuple[dict[str, str], int | None]:
        """The values typed and the version they were typed over."""
        return self.values(), self.version

    def write(self, data: tuple[dict[str, str], int | None]) -> Any:
        """Save through the record's store service."""
        values, version = data
        with self.app.store.writing() as session:
            return self.write_record(values, version, session)

    @property
    def knows_current(self) -> bool:
        """An edit can take in the record as saved now; a new record has none."""
        return self.record is not None

    def read_current(self, data: Any) -> tuple[Any, Any] | None:
        """The record as someone else left it, and who changed it when."""
        with self.app.store.reading() as connection:
            current = self.read_record(connection)
            if current is None:
                return None
            return current, last_change(connection, self.KIND, self.record.id)

    def take_in(self, current: tuple[Any, Any], data: Any) -> ConflictDialog:
        """Their changes with this user's on top; the next save expects their version."""
        record, change = current
        base, now = self.values_of(self.record), self.values_of(record)
        dialog = self.merge_theirs(self.LABELS, base, now, change)
        self.record, self.version, self.initial = record, record.version, now
        return dialog

    def refusal_text(self, message: str) -> str:
        """'Not saved: ' and the store's words, starting with a capital."""
        return f"Not saved: {message[:1].upper()}{message[1:]}"

    def field_for(self, field: str) -> str | None:
        """The form's field a store error names, under the form's name for it."""
        name = self.ALIASES.get(field, field)
        return name if name in self.LABELS else None

    def save_refused(self, error: PortfolioError) -> None:
        """As every form, and: a refusal about a field says so under the form too; a
        save that changes nothing says so."""
        field = getattr(error, "field", "")
        if field == "changes":
            self.refuse("Nothing to save: every value is as it was. escape closes.")
            return
        super().save_refused(error)
        if self.field_for(field) is not None:
            self.refuse("Not saved: see the message above.")

    # --------------------------------------------------------------- revert

    def saved_values(self) -> dict[str, str]:
        """The record as last read (theirs, after a conflict), or a new one's defaults."""
        return self.initial

    def reverted(self) -> None:
        """Start afresh from the saved values."""
        self.attempted = self.blocked = False
        self.tell("")
        self.notify(REVERTED, title=self.title_text)
        self.field(self.FIELDS[0]).focus()
        self.call_after_refresh(self.check)
