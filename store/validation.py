"""Turn pydantic's validation errors into one readable `InputError` naming the field."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from store.errors import InputError
from store.limits import MAX_TEXT

ModelT = TypeVar("ModelT", bound=BaseModel)


# Control characters (but tab and line breaks), and the invisible format characters
# that hide or reorder text: soft hyphen, zero-width spaces and joiners, direction
# marks, embeddings, overrides and isolates, the byte-order mark and tag characters.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0001\U000e0020-\U000e007f]"
)

# Unicode's Default_Ignorable_Code_Point (characters a renderer shows as nothing: the
# combining grapheme joiner, Hangul and Mongolian fillers, variation selectors, ...)
# and the blank-looking braille pattern: refused in names and logins, and as the whole
# of any text. Inside ordinary text they stay allowed: a variation selector (U+FE0F)
# and the zero-width joiner belong to emoji people paste into descriptions.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def ignorable_problem(value: str) -> str | None:
    """Why `value` cannot be a name or login, if it holds a character that shows as
    nothing (Unicode's default-ignorables and blank fillers)."""
    found = _IGNORABLE.search(value)
    if found:
        return f"contains an invisible character (U+{ord(found.group()):04X}); remove it"
    return None


def text_problem(value: object) -> str | None:
    """Why `value` cannot be stored as text, if it cannot: longer than `MAX_TEXT`, or
    holding a control character (other than tab and line breaks: SQLite measures text
    up to a NUL, and ESC starts terminal escapes) or an invisible character that hides
    or reorders what a reader sees, or nothing but characters that show as nothing (see
    `_IGNORABLE`). The one rule for forms, commands and imports."""
    if not isinstance(value, str):
        return None
    if len(value) > MAX_TEXT.value():
        return MAX_TEXT.over(len(value), "the text")
    found = _HIDDEN.search(value)
    if found:
        code = ord(found.group())
        return f"contains an invisible or control character (U+{code:04X}); remove it"
    if value.strip() and not _IGNORABLE.sub("", value).strip():
        code = ord(_IGNORABLE.search(value).group())
        return f"holds only invisible characters (U+{code:04X}); write something readable"
    return None


def texts_pass(values: Collection[str]) -> bool:
    """True when `text_problem` finds nothing in any of `values` (all strings), found
    with one scan of them all: a large import checks each distinct text this way, and
    only when this says no, one by one for the problems."""
    if not values:
        return True
    if max(map(len, values)) > MAX_TEXT.value():
        return False
    joined = "\n".join(values)
    return _HIDDEN.search(joined) is None and _IGNORABLE.search(joined) is None


def parse_input(model: type[ModelT], data: ModelT | Mapping[str, Any]) -> ModelT:
    """Validate `data` as `model`, raising InputError for the first problem found."""
    fields = data.model_dump() if isinstance(data, BaseModel) else data
    if isinstance(fields, Mapping):
        for field, value in fields.items():
            problem = text_problem(value)
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
