"""A benefit's values: any measure ("systems in use", "hours a week", "£m") as integer
thousandths, never float; parsed from what people type and printed back, and a planned
profile kept as canonical JSON text in the benefit's own row."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation

SCALE = 1000  # stored values are thousandths of the unit
MAX_MILLI = 10**15
TENTHS_TO_MILLI = SCALE // 10  # a §19 figure in tenths of £m as thousandths of £m


def parse_value(value: object) -> int | None:
    """A measure's value as integer thousandths: "1,234.5" -> 1234500. Blank is None.
    ValueError, in words, for text that is not a number or has more than 3 decimals."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("must be a number, e.g. 8 or 13.9")
    text = str(value).strip().replace("−", "-").replace("£", "").replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{str(value).strip()!r} is not a number; write it like 13.9") from None
    if not number.is_finite():
        raise ValueError(f"{str(value).strip()!r} is not a number; write it like 13.9")
    scaled = number * SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{text} has more than three decimal places")
    if abs(scaled) >= MAX_MILLI:
        raise ValueError(f"{text} is too large")
    return int(scaled)


def to_decimal(milli: int | None) -> Decimal | None:
    """Thousandths as a Decimal without trailing zeros: 13900 -> Decimal('13.9')."""
    if milli is None:
        return None
    number = Decimal(milli).scaleb(-3)
    return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()


def format_value(milli: int | None, blank: str = "") -> str:
    """Thousandths as people read them: 13900 -> "13.9", -9400 -> "-9.4", 8000 -> "8".
    In integer arithmetic (a tenth of the time through Decimal: the board pack's and the
    portfolio benefits view's behind list format tens of thousands)."""
    if milli is None:
        return blank
    if not isinstance(milli, int):
        return f"{to_decimal(milli):f}"
    whole, part = divmod(abs(milli), SCALE)
    sign = "-" if milli < 0 else ""
    return f"{sign}{whole}.{part:03d}".rstrip("0") if part else f"{sign}{whole}"


_POINT = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*[=:]\s*(\S+)\s*$")


def parse_profile(value: object) -> tuple[tuple[date, int], ...]:
    """A planned profile, oldest first, from `2012-03-31=5; 2013-03-31=1` (or `,` between
    points), a sequence of (date, value) pairs, or mappings with `on` and `value`.
    ValueError naming the point that is wrong; two values for one date are refused."""
    if value is None:
        return ()
    if isinstance(value, str):
        items = [part for part in re.split(r"[;,\n]", value) if part.strip()]
        pairs = [_text_point(part) for part in items]
    else:
        pairs = [_pair_point(item) for item in value]  # type: ignore[union-attr]
    points = sorted(pairs)
    dates = [on for on, _ in points]
    if len(set(dates)) != len(dates):
        raise ValueError("gives two values for one date")
    return tuple(points)


def _text_point(text: str) -> tuple[date, int]:
    match = _POINT.match(text)
    if not match:
        raise ValueError(f"{text.strip()!r} is not a point; write DATE=VALUE, e.g. 2012-03-31=5")
    return _checked(match.group(1), match.group(2))


def _pair_point(item: object) -> tuple[date, int]:
    if isinstance(item, dict):
        return _checked(item.get("on"), item.get("value"))
    on, value = item  # type: ignore[misc]
    return _checked(on, value)


def _checked(on: object, value: object) -> tuple[date, int]:
    try:
        day = on if isinstance(on, date) else date.fromisoformat(str(on).strip())
    except ValueError:
        raise ValueError(f"{on!r} is not a date; write it like 2012-03-31") from None
    milli = parse_value(value)
    if milli is None:
        raise ValueError(f"the point on {day} has no value")
    return day, milli


def profile_json(points: tuple[tuple[date, int], ...]) -> str:
    """The profile as the row stores it: `[["2012-03-31",5000],...]`."""
    return json.dumps([[on.isoformat(), milli] for on, milli in points], separators=(",", ":"))


def profile_points(text: str | None) -> tuple[tuple[date, int], ...]:
    """The profile a row stores, read back."""
    if not text:
        return ()
    return tuple((date.fromisoformat(on), int(milli)) for on, milli in json.loads(text))
