"""A form whose fields are declared, not laid out by hand: a `Form` for the Star Chamber's
simple records (a request, a meeting, a displaced person, figures, an engagement ...).

Each field is a `FormField` (screens/common/form_fields.py) whose name is the service's
input field; the form lays them out one to a line, label first, with any hint and the
field's error under it. It checks as the user types against the service's own pydantic
model (fields not yet touched stay quiet until the first save) and saves by calling
`save(store, data)` with the fixed values plus every field filled in.

A form editing a versioned record takes a `ConflictSource` (screens/common/conflict_source.py):
a save refused because someone else saved first opens the conflict dialog (their
values against the user's, who and when), and the user re-applies or reloads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, TextArea

from screens.common.conflict_dialog import ConflictDialog
from screens.common.conflict_source import ConflictSource, Current, as_text
from screens.common.form import REVERTED, Form
from screens.common.form_fields import FormField, field_errors, read_field
from screens.common.form_merge import resolve_conflict
from widgets.error_line import ErrorLine
from widgets.footer import Footer
from widgets.plain_text import Label, Select, Static


def through(service: Callable[..., Any]) -> Callable[[Any, dict[str, Any]], Any]:
    """A declared form's `save`: the store `service` on the form's data, in one write
    transaction."""

    def save(store: Any, data: dict[str, Any]) -> Any:
        with store.writing() as session:
            return service(data, session=session)

    return save


def field_widget(field: FormField, widget_id: str):
    """The control for a declared field."""
    if field.kind == "choice":
        return Select(
            [(label, value) for value, label in field.choices],
            value=field.value if field.value != "" else Select.NULL,
            allow_blank=field.value == "",
            id=widget_id,
            compact=True,
            classes="form-input",
        )
    if field.kind == "flag":
        return Checkbox("Yes", value=bool(field.value), id=widget_id, compact=True)
    if field.kind == "area":
        return TextArea(
            str(field.value),
            id=widget_id,
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
            classes="form-input form-area",
        )
    return Input(
        value=str(field.value),
        placeholder=field.placeholder,
        id=widget_id,
        compact=True,
        classes="form-input",
    )


class DeclaredForm(Form, ModalScreen[Any]):
    """A modal form of declared fields that saves through one store service; dismisses
    with what it saved."""

    CSS_PATH = "declared_form.tcss"
    FIELD_ID = "field-{name}"
    ERROR_ID = "error-{name}"
    SAVE_ID = "form-save"
    CANCEL_ID = "form-cancel"
    BUTTONS_ID = "form-buttons"
    COMPACT_BUTTONS = True
    HELP_TITLE = "Form"
    HELP = """
Fill in the fields; `tab` and `shift+tab` move between them. Problems show next to
the field as you type. `ctrl+s` saves from anywhere; `escape` cancels and keeps what
you typed for next time; `ctrl+r` puts back the values as saved (or as the form
opened).
"""
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+r", "revert", "Revert to saved", show=False),
    ]

    def __init__(
        self,
        *,
        title: str,
        fields: Sequence[FormField],
        model: type[BaseModel] | None,
        save: Callable[[Any, dict[str, Any]], Any],
        draft_key: str | None = None,
        intro: str = "",
        fixed: Mapping[str, Any] | None = None,
        help_text: str = "",
        conflict: ConflictSource | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.model = model
        self.save_with = save
        self.draft_name = draft_key
        self.intro = intro
        self.fixed = dict(fixed or {})
        self.conflict = conflict
        if conflict is not None:
            self.KIND = conflict.kind
        # The record's values as last read (what "their change" is measured from), and
        # the key fields' values the version in `fixed` belongs to.
        self.base: dict[str, Any] = dict(conflict.opened) if conflict else {}
        self.version_key: tuple | None = None
        if help_text:
            self.HELP = help_text

    @property
    def FIELDS(self) -> tuple[str, ...]:  # noqa: N802 - the name `Form` reads
        """The declared fields' names, in order."""
        return tuple(field.name for field in self.fields)

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(Text(self.form_title, style="bold"), id="form-title")
            if self.intro:
                yield Static(self.intro, id="form-intro", classes="hint")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    with Horizontal(classes="form-row"):
                        yield Label(field.label, classes="form-label")
                        yield field_widget(field, self.FIELD_ID.format(name=field.name))
                    if field.hint:
                        yield Static(field.hint, classes="hint form-hint")
                    yield ErrorLine(id=f"error-{field.name}", classes="error form-error")
            yield ErrorLine(id="error-form", classes="error")
            yield self.buttons()
        yield Footer()

    def on_mount(self) -> None:
        self.restore_draft()
        if self.fields:
            self.field(self.fields[0].name).focus()
        self.version_key = self._key(self.opened_data())

    def opened_data(self) -> dict[str, Any]:
        """The fixed values and the fields as the form opened (before any draft)."""
        found = dict(self.fixed)
        found.update({field.name: field.value for field in self.fields})
        return found

    def _key(self, data: dict[str, Any]) -> tuple:
        """Which record `data` means, by the source's key fields."""
        keys = self.conflict.key_fields if self.conflict else ()
        return tuple(data.get(name) for name in keys)

    # ----------------------------------------------------------------- values

    def value_of(self, name: str) -> Any:
        """A field's current value: text, a choice (None when blank) or a flag."""
        return read_field(self.field(name))

    def data(self) -> dict[str, Any]:
        """What goes to the service: the fixed values plus every field that is filled in."""
        found = dict(self.fixed)
        for name, value in self.values().items():
            if isinstance(value, str):
                value = value.strip()
                if not value:
                    continue
            if value is None:
                continue
            found[name] = value
        if "expected_version" in found and self._key(found) != self.version_key:
            found["expected_version"] = 0  # another record than the one read: must be new
        return found

    def problems(self) -> dict[str, str]:
        """What is wrong now, by field (before the store is asked)."""
        return field_errors(self.model, self.data()) if self.model else {}

    @property
    def draft_key(self) -> tuple[str, str] | None:
        """Where what was typed waits for next time, for a form that keeps drafts."""
        return ("form", self.draft_name) if self.draft_name else None

    def draft(self) -> dict[str, Any]:
        """Every field the user filled in."""
        return {n: v for n, v in self.values().items() if v not in ("", None, False)}

    def restore(self, draft: dict[str, Any]) -> None:
        """Put back what was typed last time."""
        self.fill(draft)
        self.tell("Your unsaved entries from last time are restored.")

    # ------------------------------------------------------------------ save

    def write(self, data: dict[str, Any]) -> Any:
        """Save through the form's service."""
        return self.save_with(self.app.store, data)

    @property
    def knows_current(self) -> bool:
        """A form with a conflict source can say what someone else changed."""
        return self.conflict is not None

    def read_current(self, data: dict[str, Any]) -> Current | None:
        """The record as someone else left it (called in the save's worker thread)."""
        with self.app.store.reading() as connection:
            return self.conflict.read(connection, data)

    def _shown(self, values: dict[str, Any]) -> dict[str, str]:
        """Values as the user reads them: a choice by its label, a flag as yes or no."""
        choices = {field.name: dict(field.choices) for field in self.fields}
        return {
            name: choices.get(name, {}).get(value, as_text(value)) for name, value in values.items()
        }

    def take_in(self, current: Current, data: dict[str, Any]) -> ConflictDialog:
        """Take their values in with the user's on top; a record that can no longer be
        changed this way (closed, left, ended) offers no re-apply."""
        kind = self.KIND
        # Read-only facts (a status) first, then the fields in the form's order.
        labels = {n: label for n, label in self.conflict.facts.items() if n in current.values}
        labels |= {f.name: f.label for f in self.fields if f.name in current.values}
        if self._key(data) != self.version_key:
            self.base = {}  # the form now names another record, one it never read
        mine = {name: self.base.get(name) for name in self.conflict.facts} | self.values()
        merged = resolve_conflict(
            kind, labels, self.base, mine, current.values, current.change, self._shown
        )
        self.base = dict(current.values)
        self.fixed["expected_version"] = current.version
        self.version_key = self._key(data)
        self.fill(merged.values)
        final = self.conflict.final is not None and self.conflict.final(current.values)
        if final:
            who = current.change.describe if current.change else "someone else"
            self.refuse(
                Text(f"Not saved: {who} changed this {kind} since you opened it", "bold")
                + Text("; it can no longer be saved as it was. escape closes the form.")
            )
        else:
            self.refuse(merged.message)
        return ConflictDialog(kind, merged.rows, current.change, can_reapply=not final)

    def saved_values(self) -> dict[str, Any]:
        """The record as last read, or the form's defaults."""
        return {field.name: self.base.get(field.name, field.value) for field in self.fields}

    def reverted(self) -> None:
        """Say which values are back."""
        if self.conflict is not None:
            self.refuse(REVERTED)
        else:
            self.refuse("The values the form opened with are back.")
