"""Turn pydantic's validation errors into one readable `InputError` naming the field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from store.errors import InputError

ModelT = TypeVar("ModelT", bound=BaseModel)


ALLOWED_CONTROLS = frozenset("\t\n\r")


def control_character_problem(value: object) -> str | None:
    """Why `value` cannot be stored as text, if it holds a control character (other than
    tab and line breaks): SQLite measures text up to a NUL, and none belongs in a
    record people read."""
    if not isinstance(value, str):
        return None
    for character in value:
        if (ord(character) < 32 or ord(character) == 127) and character not in ALLOWED_CONTROLS:
            return f"contains a control character (U+{ord(character):04X}); remove it"
    return None


def parse_input(model: type[ModelT], data: ModelT | Mapping[str, Any]) -> ModelT:
    """Validate `data` as `model`, raising InputError for the first problem found."""
    fields = data.model_dump() if isinstance(data, BaseModel) else data
    if isinstance(fields, Mapping):
        for field, value in fields.items():
            problem = control_character_problem(value)
            if problem:
                raise InputError(str(field), problem)
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise input_error_from(error) from None


def input_error_from(error: ValidationError) -> InputError:
    """The first pydantic problem as an InputError: `field: what is wrong`."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"])
    message = first["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if not field:
        # A check across fields says which field it is about: "end_date: must ..."
        field, _, message = message.partition(": ") if ": " in message else ("input", "", message)
    return InputError(field, message[0].lower() + message[1:] if message else "is not valid")


def clean_text(value: object) -> object:
    """Strip surrounding whitespace from strings; leave other values alone."""
    return value.strip() if isinstance(value, str) else value
