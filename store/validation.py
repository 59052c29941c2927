"""Turn pydantic's validation errors into one readable `InputError` naming the field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from store.errors import InputError

ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_input(model: type[ModelT], data: ModelT | Mapping[str, Any]) -> ModelT:
    """Validate `data` as `model`, raising InputError for the first problem found."""
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
