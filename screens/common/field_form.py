"""A small modal form for the Star Chamber's simple records (a request, a meeting, a
displaced person, figures, an engagement ...).

Fields are declared, not hand-built: each has a name (the service's input field), a
label and a kind. The form validates as the user types against the service's own
pydantic model, showing each problem next to its field (fields not yet touched stay
quiet until the first save). Saving runs the service in a worker; an error it raises
is shown next to the field it names, and everything typed is kept. `escape` keeps
what was typed as a draft for next time.

A form editing a versioned record takes a `ConflictSource` (screens/common/conflict_source.py):
a save refused because someone else saved first opens the conflict dialog (their
values against the user's, who and when), and the user re-applies or reloads. A save
that finds the database busy says so and retries every second (`BusyRetry`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static, TextArea

from screens.common.busy_retry import BusyRetry, stopped_message
from screens.common.conflict_dialog import ConflictDialog, ReapplyOrReload
from screens.common.conflict_source import ConflictSource, Current, as_text
from screens.common.record_form import resolve_conflict
from store.errors import DatabaseBusyError, InputError, PortfolioError, StaleVersionError


@dataclass(frozen=True)
class FormField:
    """One field: `kind` is text, area (several lines), choice or flag."""

    name: str
    label: str
    kind: str = "text"
    value: Any = ""
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    hint: str = ""


def field_errors(model: type[BaseModel], data: Mapping[str, Any]) -> dict[str, str]:
    """Every problem pydantic finds in `data`, as {field: message}."""
    try:
        model.model_validate(dict(data))
    except ValidationError as error:
        found: dict[str, str] = {}
        for problem in error.errors():
            field = ".".join(str(part) for part in problem["loc"])
            message = "this is required" if problem["type"] == "missing" else problem["msg"]
            for prefix in ("Value error, ", "Assertion failed, "):
                message = message.removeprefix(prefix)
            if not field and ": " in message:
                field, _, message = message.partition(": ")
            found.setdefault(field or "form", message)
        return found
    return {}


class FormScreen(ReapplyOrReload, BusyRetry, ModalScreen[Any]):
    """A modal form that saves through one store service; dismisses with what it saved."""

    CSS_PATH = "field_form.tcss"
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
        self.draft_key = draft_key
        self.intro = intro
        self.fixed = dict(fixed or {})
        self.touched: set[str] = set()
        self.attempted = False
        self.saving = False
        self.conflict = conflict
        # The record's values as last read (what "their change" is measured from), and
        # the key fields' values the version in `fixed` belongs to.
        self.base: dict[str, Any] = dict(conflict.opened) if conflict else {}
        self.version_key: tuple | None = None
        self.busy_retry = None
        self.refusal: str | Text = ""  # why the last save did not land, until the next one
        if help_text:
            self.HELP = help_text

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(Text(self.form_title, style="bold"), id="form-title")
            if self.intro:
                yield Static(self.intro, id="form-intro", classes="hint")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    with Horizontal(classes="form-row"):
                        yield Label(field.label, classes="form-label")
                        yield self._widget(field)
                    if field.hint:
                        yield Static(field.hint, classes="hint form-hint")
                    yield Static(id=f"error-{field.name}", classes="error form-error hidden")
            yield Static(id="error-form", classes="error hidden")
            with Horizontal(id="form-buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="form-save", compact=True)
                yield Button("Cancel  esc", id="form-cancel", compact=True)
        yield Footer()

    def _widget(self, field: FormField):
        widget_id = f"field-{field.name}"
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

    def on_mount(self) -> None:
        draft = self.app.drafts.pop(("form", self.draft_key), None) if self.draft_key else None
        if draft:
            for name, value in draft.items():
                self._set_value(name, value)
            self._show_error("form", "Your unsaved entries from last time are restored.")
        if self.fields:
            self.query_one(f"#field-{self.fields[0].name}").focus()
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

    # ------------------------------------------------------------- values

    def _set_value(self, name: str, value: Any) -> None:
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.text = str(value)
        elif isinstance(widget, Checkbox):
            widget.value = bool(value)
        elif isinstance(widget, Select):
            widget.value = value if value else Select.NULL
        else:
            widget.value = str(value)

    def value_of(self, name: str) -> Any:
        """A field's current value: text, a choice (None when blank) or a flag."""
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        return widget.value

    def values(self) -> dict[str, Any]:
        """Every field as typed."""
        return {field.name: self.value_of(field.name) for field in self.fields}

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

    # --------------------------------------------------------- validation

    def problems(self) -> dict[str, str]:
        """What is wrong now, by field (before the store is asked)."""
        return field_errors(self.model, self.data()) if self.model else {}

    def show_problems(self) -> bool:
        """Show problems next to touched fields (all after a save); True when none."""
        found = self.problems()
        names = {field.name for field in self.fields}
        for name in names:
            message = found.get(name, "")
            if not (self.attempted or name in self.touched):
                message = ""
            self._show_error(name, message)
        loose = [f"{name}: {text}" for name, text in found.items() if name not in names]
        if self.attempted:
            self._show_error("form", "\n".join(loose) or self.refusal)
        return not found

    def _show_error(self, name: str, message: str | Text) -> None:
        widget = self.query_one(f"#error-{name}", Static)
        widget.update(message)
        widget.set_class(not message, "hidden")

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event) -> None:
        widget_id = event.control.id or ""
        if widget_id.startswith("field-"):
            self.touched.add(widget_id.removeprefix("field-"))
        self.show_problems()

    # --------------------------------------------------------------- save

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        """Check the form, then save it off the event loop."""
        self.attempted = True
        if self.saving or not self.show_problems():
            self._focus_first_problem()
            return
        self._stop_retry()
        self._refuse("")
        self.saving = True
        self.query_one("#form-save", Button).disabled = True
        self.save(self.data())

    def _refuse(self, message: str | Text) -> None:
        """Say under the form why the save did not land (kept while the user types)."""
        self.refusal = message
        self._show_error("form", message)

    @work(thread=True, exclusive=True, group="form-save")
    def save(self, data: dict[str, Any]) -> None:
        """Run the service in a write transaction."""
        try:
            result = self.save_with(self.app.store, data)
        except DatabaseBusyError:
            self.app.call_from_thread(self._busy)
        except StaleVersionError as error:
            if self.conflict is None:
                self.app.call_from_thread(self._failed, "form", error.problem)
            else:
                current = self.read_current(data)
                self.app.call_from_thread(self._show_conflict, current, data)
        except InputError as error:
            self.app.call_from_thread(self._failed, error.field, error.problem)
        except PortfolioError as error:
            self.app.call_from_thread(self._failed, "form", str(error))
        else:
            self.app.call_from_thread(self.finish, result)

    def _busy(self) -> None:
        """Another process holds the write lock: say so, keep everything, retry soon."""
        self.saving = False
        self.query_one("#form-save", Button).disabled = False
        self._refuse(self.retry_when_busy())

    def _failed(self, field: str, message: str) -> None:
        self.saving = False
        self.query_one("#form-save", Button).disabled = False
        names = {f.name for f in self.fields}
        target = field if field in names else "form"
        text = f"Not saved. {message}" if target == field else f"Not saved. {field}: {message}"
        if target == "form":
            self._refuse(text)
        else:
            self._show_error(target, text)
            self.query_one(f"#field-{target}").focus()

    # ------------------------------------------------------- someone saved first

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

    def _show_conflict(self, current: Current | None, data: dict[str, Any]) -> None:
        self.saving = False
        self.query_one("#form-save", Button).disabled = False
        kind = self.conflict.kind
        if current is None:
            self._refuse(f"Not saved: this {kind} no longer exists.")
            return
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
        self._fill_from(merged.values)
        final = self.conflict.final is not None and self.conflict.final(current.values)
        if final:
            who = current.change.describe if current.change else "someone else"
            self._refuse(
                Text(f"Not saved: {who} changed this {kind} since you opened it", "bold")
                + Text("; it can no longer be saved as it was. escape closes the form.")
            )
        else:
            self._refuse(merged.message)
        dialog = ConflictDialog(kind, merged.rows, current.change, can_reapply=not final)
        self.app.push_screen(dialog, self._conflict_chosen)

    def _fill_from(self, values: dict[str, Any]) -> None:
        """Put `values` into the fields they name (read-only facts are skipped)."""
        for field in self.fields:
            if field.name in values:
                self._set_value(field.name, values[field.name])

    def action_revert(self) -> None:
        """Put back the saved values: the record as last read, or the form's defaults."""
        for field in self.fields:
            self._set_value(field.name, self.base.get(field.name, field.value))
        if self.conflict is not None:
            self._refuse("The saved values are back in the form.")
        else:
            self._refuse("The values the form opened with are back.")

    def _focus_first_problem(self) -> None:
        found = self.problems()
        for field in self.fields:
            if field.name in found:
                self.query_one(f"#field-{field.name}").focus()
                return

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close without saving, keeping what was typed as a draft. While a busy database
        is being retried, the first escape only stops the retrying."""
        if self._stop_retry():
            self._refuse(stopped_message())
            return
        if self.draft_key:
            typed = {
                name: value
                for name, value in self.values().items()
                if value not in ("", None, False)
            }
            if typed:
                self.app.drafts[("form", self.draft_key)] = typed
        self.dismiss(None)
