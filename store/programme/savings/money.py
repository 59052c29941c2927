"""£m to one decimal as integer tenths, and whole headcounts: parsing and printing.

Nothing here uses float. Values people type are checked with messages that say what
is wrong; values shown are converted to `Decimal` or text only at the edge.
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_TENTHS = 999_999  # ±99,999.9 £m
MAX_HEADS = 1_000_000

_AMOUNT = re.compile(r"^[+-]?(\d+)(\.\d)?$")
_TOO_PRECISE = re.compile(r"^[+-]?\d*\.\d{2,}$")
_HEADS = re.compile(r"^[+-]?\d+$")
_GROUPED_HEADS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")


def _clean(text: str) -> str:
    return text.strip().replace("−", "-").replace("£", "").replace(" ", "")


def parse_gbp_m(value: object) -> int | None:
    """£m as integer tenths: "-8.2" -> -82. Blank or None is None (a blank cell).

    Raises ValueError for more than one decimal place, for text that is not a number,
    and for amounts beyond ±99,999.9.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("must be an amount in £m, e.g. -8.2")
    if isinstance(value, int):
        tenths = value * 10
    elif isinstance(value, Decimal):
        if not value.is_finite() or abs(value) > MAX_TENTHS:
            raise ValueError("must be an amount in £m up to ±99,999.9, e.g. -8.2")
        if value != value.quantize(Decimal("0.1")):
            raise ValueError(f"{value} has more than one decimal place; £m go to one, e.g. -8.2")
        tenths = int(value * 10)
    else:
        text = _clean(str(value))
        if not text:
            return None
        if _TOO_PRECISE.match(text):
            raise ValueError(f"{text} has more than one decimal place; £m go to one, e.g. -8.2")
        if not _AMOUNT.match(text):
            raise ValueError(f"{str(value).strip()!r} is not an amount in £m; write it like -8.2")
        tenths = int(Decimal(text).scaleb(1).to_integral_value())
    if abs(tenths) > MAX_TENTHS:
        raise ValueError("is too large: at most ±99,999.9 £m")
    return tenths


def parse_headcount(value: object) -> int | None:
    """A whole number of people, which may be negative: "-1,009" -> -1009. Blank is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("must be a whole number of people, e.g. -24")
    if isinstance(value, int):
        number = value
    else:
        text = _clean(str(value))
        if not text:
            return None
        if _GROUPED_HEADS.match(text):
            text = text.replace(",", "")
        if not _HEADS.match(text):
            raise ValueError(
                f"{str(value).strip()!r} is not a whole number of people; write it like -24"
            )
        number = int(text)
    if abs(number) > MAX_HEADS:
        raise ValueError("is too large: at most ±1,000,000 people")
    return number


def tenths_to_decimal(tenths: int | None) -> Decimal | None:
    """Integer tenths of £m as a Decimal with one place: -82 -> Decimal('-8.2')."""
    return None if tenths is None else Decimal(tenths).scaleb(-1)


def format_gbp_m(tenths: int | None, blank: str = "") -> str:
    """Tenths of £m as the paper prints them: -82 -> "-8.2", 3 -> "0.3", 0 -> "0.0"."""
    if tenths is None:
        return blank
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole:,}.{tenth}"


def cost_note(tenths: int | None) -> str:
    """A note for a positive £m figure on a savings line: it is a cost, not a saving
    (savings are negative). '' for a saving, zero or blank."""
    if tenths is None or tenths <= 0:
        return ""
    figure = format_gbp_m(tenths)
    return f"{figure} is a cost, not a saving: savings are negative, e.g. -{figure}"


def format_headcount(number: int | None, blank: str = "") -> str:
    """A headcount with thousands separators: -1009 -> "-1,009"."""
    return blank if number is None else f"{number:,}"
