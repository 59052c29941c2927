"""A form's fields as values: reading and writing any field widget the forms use, declaring
a field (`FormField`), and checking values against a store service's pydantic model.

A field is read as text for an input or a text area, as a bool for a tick box, and as
the chosen value (None when nothing is chosen) for a select, a choice picker or the RAG
picker. Writing takes the same values back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from textual.widget import Widget
from textual.widgets import Checkbox, Input, TextArea

from widgets.plain_text import Select


@dataclass(frozen=True)
class FormField:
    """One declared field: `kind` is text, area (several lines), choice or flag."""

    name: str
    label: str
    kind: str = "text"
    value: Any = ""
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    hint: str = ""


def read_field(widget: Widget) -> Any:
    """What a field holds: text, a flag, or the chosen value (None when none is)."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    return widget.value


def write_field(widget: Widget, value: Any) -> None:
    """Put `value` into a field (a blank or None clears a choice)."""
    if isinstance(widget, TextArea):
        widget.text = str(value)
    elif isinstance(widget, Checkbox):
        widget.value = bool(value)
    elif isinstance(widget, Select):
        widget.value = value if value else Select.NULL
    elif isinstance(widget, Input):
        widget.value = "" if value is None else str(value)
    else:  # a choice picker or the RAG picker
        widget.value = value


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
