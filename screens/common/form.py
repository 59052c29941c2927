"""The one base of every form: fields checked as you type, one save path, drafts and
revert. A form is a Screen or ModalScreen that mixes in `Form` (before the screen class).

A form names its fields in `FIELDS` (the order the first problem is looked for in) and
lays them out itself, each field's widget with the id `FIELD_ID` and an `ErrorLine`
under it with the id `ERROR_ID` (the line under the form is the one named "form").
Then it provides:

- `problems()`: what is wrong now, by field name (checked on every change; a field's
  problem shows once the field was touched, or after a save was tried; with
  `QUIET_UNTIL_SAVED` only after a save was tried);
- `data()`: what goes to the store, and `write(data)` (in a worker thread): the save;
- for a record someone else may save first, `read_current(data)` and `take_in(current,
  data)` (`merge_theirs` does the usual merge and wording);
- `draft_key`, `draft()` and `restore(draft)` to keep what was typed when the user
  leaves unsaved, and `saved_values()` with `fill(values)` for `ctrl+r` (revert).

The base does the rest: `ctrl+s` checks, puts the cursor in the first field with a
problem or saves through `SavePath` (busy retry, refused-save message kept until the
next save, conflict dialog), `escape` stops a busy retry or leaves keeping a draft.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button

from screens.common.breakpoints import SHORT_BELOW
from screens.common.busy_retry import stopped_message
from screens.common.conflict_dialog import REAPPLY, ConflictDialog
from screens.common.form_fields import read_field, write_field
from screens.common.form_merge import resolve_conflict
from screens.common.save_path import SavePath
from store.concurrency import LastChange
from store.errors import InputError, PortfolioError
from widgets.error_line import ErrorLine
from widgets.plain_text import Label

REVERTED = "The saved values are back in the form."


def labelled(label: str, widget: Widget, classes: str = "field") -> Vertical:
    """A field laid out label above, control, error line below (ids `x` and `x-error`)."""
    return Vertical(Label(label), widget, ErrorLine(id=f"{widget.id}-error"), classes=classes)


class Form(SavePath):
    """Mixed into a Screen or ModalScreen: a form that saves through one store service."""

    FIELDS: ClassVar[tuple[str, ...]] = ()
    FIELD_ID = "{name}"
    ERROR_ID = "{name}-error"
    CANCEL_ID = "cancel"
    BUTTONS_ID = "buttons"
    COMPACT_BUTTONS = False
    QUIET_UNTIL_SAVED = False  # no problem shows before the first save is tried
    SCROLL_TO_MESSAGE = False  # scroll a refusal under the form into view
    # The controls (a CSS selector) drawn compact, without borders, on a short screen.
    COMPACT_WHEN_SHORT = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attempted = False  # a save was tried: every problem shows
        self.blocked = False  # the last save tried was stopped by problems still there
        self.touched: set[str] = set()
        self.ready = True  # changes are checked (a form filling itself may hold this)
        self.message: tuple[str | Text, bool] = ("", False)  # the line under the form

    # ------------------------------------------------------------ for subclasses

    def problems(self) -> dict[str, str]:
        """What is wrong now, by field (names the form does not have go under it)."""
        return {}

    def data(self) -> Any:
        """What goes to `write`."""
        raise NotImplementedError

    def refresh_live(self) -> None:
        """Update anything worked out from the fields as they are typed."""

    def may_save(self) -> bool:
        """False when this form cannot be saved now (it says why, if it should)."""
        return True

    def payload(self) -> Any:
        """What to save once the form is checked; None stops the save (the form says why)."""
        return self.data()

    def values(self) -> dict[str, Any]:
        """Every field as it stands."""
        return {name: read_field(self.field(name)) for name in self.FIELDS}

    def fill(self, values: dict[str, Any]) -> None:
        """Put `values` into the fields they name."""
        for name, value in values.items():
            if name in self.FIELDS:
                write_field(self.field(name), value)

    @property
    def draft_key(self) -> Any:
        """Where a draft of this form is kept between openings (None: no drafts)."""
        return None

    def draft(self) -> Any:
        """What to keep when the user leaves unsaved (None: nothing worth keeping)."""
        return None

    def restore(self, draft: Any) -> None:
        """Put a kept draft back into the form, and say so."""

    def saved_values(self) -> dict[str, Any] | None:
        """The values `ctrl+r` puts back (None: nothing to put back yet)."""
        return None

    def leave(self) -> None:
        """Close the form unsaved."""
        self.dismiss(None)

    # -------------------------------------------------------------- the widgets

    def on_resize(self, event: events.Resize) -> None:
        """On a screen short of rows, the controls `COMPACT_WHEN_SHORT` names lose their
        borders (and take them back when there is room)."""
        if self.COMPACT_WHEN_SHORT:
            short = event.size.height < SHORT_BELOW
            for widget in self.query(self.COMPACT_WHEN_SHORT):
                widget.compact = short

    def buttons(self) -> Horizontal:
        """The Save and Cancel buttons (their keys do the same)."""
        compact = self.COMPACT_BUTTONS
        return Horizontal(
            Button("Save  ctrl+s", variant="primary", id=self.SAVE_ID, compact=compact),
            Button("Cancel  esc", id=self.CANCEL_ID, compact=compact),
            id=self.BUTTONS_ID,
        )

    def field(self, name: str) -> Widget:
        """A field's widget."""
        return self.query_one(f"#{self.FIELD_ID.format(name=name)}")

    def line(self, name: str) -> ErrorLine | None:
        """The message line under a field ("form": under the form), if the form shows it.
        (Found by id with `query_one`, which keeps what it found until the screen's
        widgets change: a form checks every field on each keystroke.)"""
        line = self.query_one_optional(f"#{self.ERROR_ID.format(name=name)}")
        return line if isinstance(line, ErrorLine) else None

    def field_name(self, widget_id: str | None) -> str | None:
        """The field a widget id names, if it names one."""
        before, _, after = self.FIELD_ID.partition("{name}")
        name = (widget_id or "").removeprefix(before).removesuffix(after)
        return name if name in self.FIELDS else None

    def say(self, name: str, message: str | Text) -> None:
        """Show `message` under field `name`, or under the form if it has no line."""
        line = self.line(name)
        if line is not None:
            line.say(message)
        elif message:
            self.refuse(f"{name}: {message}")

    def tell(self, message: str | Text, *, note: bool = False) -> None:
        """Show `message` under the form (kept while the user types, until the next save
        is tried, or for a refusal until the next save starts)."""
        self.message = (message, note)
        self.refusing = False
        self._show_message(message, note=note)

    def refuse(self, message: str | Text, *, note: bool = False) -> None:
        """Say why the save did not land, until the next save starts (scrolled into view
        on a form that scrolls)."""
        super().refuse(message, note=note)
        if message:
            self._scroll_to_message()

    def _scroll_to_message(self) -> None:
        line = self.line("form")
        if self.SCROLL_TO_MESSAGE and line is not None:
            self.call_after_refresh(line.scroll_visible, animate=False)

    def _show_message(self, message: str | Text, *, note: bool = False) -> None:
        line = self.line("form")
        if line is not None:
            line.say(message, note=note)

    # ----------------------------------------------------------------- checking

    def quiet(self, name: str) -> bool:
        """True while a problem with field `name` should not show yet."""
        if self.attempted:
            return False
        return self.QUIET_UNTIL_SAVED or name not in self.touched

    def summary(self, found: dict[str, str]) -> str | Text | None:
        """What the line under the form says about `found` (None: its message stays):
        after a save was tried, the problems no field of the form shows."""
        if not self.attempted:
            return None
        loose = [
            f"{name}: {text}"
            for name, text in found.items()
            if name not in self.FIELDS or self.line(name) is None
        ]
        return "\n".join(loose) or None

    def check(self) -> dict[str, str]:
        """Show each problem next to its field (those not to show yet stay quiet) and
        return them all."""
        self.refresh_live()
        found = self.problems()
        for name in self.FIELDS:
            line = self.line(name)
            if line is not None:
                line.say("" if self.quiet(name) else found.get(name, ""))
        if not found:
            self.blocked = False
        summary = self.summary(found)
        if summary:
            self._show_message(summary)
        else:
            message, note = self.message
            self._show_message(message, note=note)
        return found

    def focus_first_problem(self, found: dict[str, str]) -> None:
        """Put the cursor in the first field, in `FIELDS` order, with a problem."""
        for name in self.FIELDS:
            if name in found and self.query_one_optional(f"#{self.FIELD_ID.format(name=name)}"):
                self.field(name).focus()
                return

    def _changed(self, event: Any) -> None:
        name = self.field_name(getattr(event.control, "id", None))
        if name is not None:
            self.touched.add(name)
        if self.ready:
            self.check()

    on_input_changed = on_text_area_changed = on_select_changed = _changed
    on_checkbox_changed = on_choice_picker_changed = on_rag_picker_changed = _changed

    # ------------------------------------------------------------------- saving

    def on_button_pressed(self, event: Any) -> None:
        """The Save and Cancel buttons do what their keys do."""
        if event.button.id == self.SAVE_ID:
            self.action_save()
        elif event.button.id == self.CANCEL_ID:
            self.action_cancel()

    def action_save(self) -> None:
        """Check the form, then save it off the event loop."""
        if self.saving or not self.may_save():
            return
        if not self.refusing:
            self.message = ("", False)  # a note lasts until a save is tried
        self.attempted = self.blocked = True
        found = self.check()
        if found:
            self.focus_first_problem(found)
            return
        data = self.payload()
        if data is not None:
            self.start_save(data)

    def save_refused(self, error: PortfolioError) -> None:
        """A problem with one of the form's fields shows under it, with the cursor
        there; anything else under the form."""
        field = self.field_for(error.field) if isinstance(error, InputError) else None
        if field is None:
            self.refuse(self.refusal_text(str(error)))
            return
        self.say(field, self.refusal_text(error.problem))
        self.focus_first_problem({field: error.problem})

    def field_for(self, field: str) -> str | None:
        """The form's field a store error names, if the form has it."""
        return field if field in self.FIELDS else None

    def save_landed(self, result: Any) -> None:
        """Saved: forget any draft and close the form with what was saved."""
        self.forget_draft()
        self.finish(result)

    def _conflict_chosen(self, choice: str | None) -> None:
        super()._conflict_chosen(choice)
        if choice != REAPPLY:
            self._scroll_to_message()

    def merge_theirs(
        self, labels: dict[str, str], base: dict, now: dict, change: LastChange | None, shown=dict
    ) -> ConflictDialog:
        """Put someone else's changes (`base` → `now`) into the form with the user's on
        top, say what they changed, and return the conflict dialog to open."""
        merged = resolve_conflict(self.KIND, labels, base, self.values(), now, change, shown)
        self.fill(merged.values)
        self.refuse(merged.message)
        return ConflictDialog(self.KIND, merged.rows, change)

    # --------------------------------------------------------- drafts, revert

    def restore_draft(self) -> bool:
        """Put back what was typed when the form was last left unsaved; True if it was."""
        draft = self.app.drafts.pop(self.draft_key, None) if self.draft_key else None
        if draft:
            self.restore(draft)
        return bool(draft)

    def forget_draft(self) -> None:
        """Drop any draft of this form."""
        if self.draft_key:
            self.app.drafts.pop(self.draft_key, None)

    def action_cancel(self) -> None:
        """Close without saving, keeping what was typed as a draft. While a busy
        database is being retried, the first escape only stops the retrying."""
        if self._stop_retry():
            self.refuse(stopped_message(self.SAVE_KEY))
            return
        draft = self.draft() if self.draft_key else None
        if draft:
            self.app.drafts[self.draft_key] = draft
        self.leave()

    def action_revert(self) -> None:
        """Put back the values as saved (after a conflict: theirs)."""
        values = self.saved_values()
        if values is None:
            return
        self.forget_draft()
        self.fill(values)
        self.reverted()

    def reverted(self) -> None:
        """Say the saved values are back, and go to the first field."""
        self.tell(REVERTED, note=True)
        self.field(self.FIELDS[0]).focus()
