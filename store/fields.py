"""The one base and the reusable field types for every feature's inputs, each with a
message a user can read.

Every input model derives from `StrictInput` (unknown fields refused, strings stripped).
A field that must not be blank is `Annotated[Text, required_field("a name")]`; text
that may be left out is `OptionalText` (blank means None).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from store import clock
from store.validation import clean_text, ignorable_problem


def parse_date(text: str) -> date:
    """A date written `YYYY-MM-DD`, or a ValueError saying so in the words every form and
    command uses."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a date; write it like 2011-06-30") from None


def _to_date(value: object) -> object:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value) if value.strip() else None
    raise ValueError("must be a date like 2011-06-30")


def _lower(value: object) -> object:
    return value.strip().lower().replace(" ", "_") if isinstance(value, str) else value


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


Text = Annotated[str, BeforeValidator(clean_text)]
"""Text with surrounding whitespace removed."""

# Control, format (zero-width, direction marks), private-use, surrogate and unassigned
# characters, and line or paragraph separators: none shows as itself on a screen.
_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})


def invisible_character_problem(value: str) -> str | None:
    """Why `value` cannot be text people tell apart by reading it, if it holds an invisible
    or control character, a space other than the plain one (a no-break space looks
    the same and is not), or a character that shows as nothing (a Hangul filler, a
    variation selector, the combining grapheme joiner, the braille blank)."""
    for character in value:
        category = unicodedata.category(character)
        if category in _INVISIBLE or (category == "Zs" and character != " "):
            return f"contains an invisible or control character (U+{ord(character):04X}); remove it"
    return ignorable_problem(value)


def _visible(value: object) -> object:
    value = clean_text(value)
    problem = invisible_character_problem(value) if isinstance(value, str) else None
    if problem:
        raise ValueError(problem)
    return value


VisibleText = Annotated[str, BeforeValidator(_visible)]
"""One line of text, stripped, refused when it holds an invisible or control character:
for names that must read as what they are."""

OptionalDate = Annotated[date | None, BeforeValidator(_to_date)]


def in_the_future(day: date) -> str | None:
    """Why `day` cannot be the date something happened (an actual date, a decision, a
    receipt), when it is after today; None when it may be."""
    today = clock.today()
    if day <= today:
        return None
    return (
        f"{day.isoformat()} is in the future; give the day it happened: today ({today}) or before"
    )


def not_in_future(value: date | None) -> date | None:
    """`value` unless it is after today (a validator for a date something happened)."""
    problem = in_the_future(value) if value is not None else None
    if problem:
        raise ValueError(problem)
    return value


PastDate = Annotated[OptionalDate, AfterValidator(not_in_future)]
"""A date something happened, or None: never after today."""
"""A date written `YYYY-MM-DD`; blank means none."""

Choice = BeforeValidator(_lower)
"""Lower-case a choice before it is checked against its enum (`In progress` -> in_progress)."""

BlankIsNone = BeforeValidator(_blank_to_none)
"""Treat an empty string as 'not given'."""

OptionalText = Annotated[str | None, BlankIsNone]
"""Text that may be left out: blank means None."""


class StrictInput(BaseModel):
    """Base for inputs: unknown fields are refused and strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def required(value: str, what: str) -> str:
    """`value`, or a ValueError saying `what` is required when it is blank."""
    if not value:
        raise ValueError(f"{what} is required")
    return value


def required_field(what: str) -> AfterValidator:
    """The check that a field is given (not blank, not None), as an annotation:
    `name: Annotated[Text, required_field("a name")]` says "a name is required"; so does
    `Annotated[OptionalDate, required_field(...)]` for a date left blank."""
    return AfterValidator(lambda value: required(value, what))


Name = Annotated[Text, required_field("a name")]
"""A name, which must not be blank."""


def stored_values(data: BaseModel, names: Iterable[str]) -> dict[str, Any]:
    """The fields `names` of `data` as a table stores them: a choice as its value."""
    values = {name: getattr(data, name) for name in names}
    return {
        name: value.value if isinstance(value, Enum) else value for name, value in values.items()
    }


def field_problems(model: type[BaseModel], data: Mapping[str, Any]) -> dict[str, str]:
    """Everything `model` finds wrong with `data`, by field (the first problem of each), in
    the words `InputError` would use: for forms that check every field as the user types.

    As in the store, checks across fields (e.g. done needs an actual date) run only once
    every single field is valid; they name their field as `field: problem`.
    """
    try:
        model.model_validate(data)
    except ValidationError as error:
        found: dict[str, str] = {}
        for problem in error.errors():
            field = ".".join(str(part) for part in problem["loc"])
            message = problem["msg"].removeprefix("Value error, ")
            if not field and ": " in message:
                field, _, message = message.partition(": ")
            found.setdefault(field, message[:1].lower() + message[1:])
        return found
    return {}
