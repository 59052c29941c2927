"""Pounds as people type them, stored as integer pence and shown as `£1,250,000`.

Never a float: text is read with `Decimal`, so `£1.2m` is exactly 120,000,000 pence.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, DecimalException

_SUFFIXES = {"k": Decimal(1_000), "m": Decimal(1_000_000), "bn": Decimal(1_000_000_000)}
MAX_PENCE = 10**15  # £10 trillion: anything bigger is a typing slip


def parse_pounds(text: object) -> int | None:
    """Read `250000`, `£250,000`, `250k`, `1.2m` or `12.50` as pence; blank is None.

    Raises ValueError with a readable message for anything else, or a negative amount.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError("must be an amount in pounds, e.g. 250000 or £1.2m")
    if isinstance(text, int):
        amount = Decimal(text)
    elif isinstance(text, Decimal):
        amount = text
    else:
        cleaned = str(text).strip().lower().replace(",", "").replace("£", "").replace(" ", "")
        if not cleaned:
            return None
        multiplier = Decimal(1)
        for suffix, factor in _SUFFIXES.items():
            if cleaned.endswith(suffix):
                cleaned, multiplier = cleaned[: -len(suffix)], factor
                break
        try:
            amount = Decimal(cleaned) * multiplier
        except DecimalException:
            raise ValueError(
                f"{text!r} is not an amount in pounds; write e.g. 250000, £250,000 or 1.2m"
            ) from None
    if not amount.is_finite():
        raise ValueError("must be an amount in pounds, e.g. 250000 or £1.2m")
    if amount < 0:
        raise ValueError("must not be negative")
    try:  # checked before rounding: 1E100 would overflow the rounding itself
        if amount * 100 > MAX_PENCE:
            raise ValueError("is too large to be right; give the amount in pounds")
        pence = int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except DecimalException:
        raise ValueError("is too large to be right; give the amount in pounds") from None
    return pence


def format_pounds(pence: int | None, *, blank: str = "—") -> str:
    """`£1,250,000` (pence shown only when there are some); `blank` for None."""
    if pence is None:
        return blank
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}" + (f".{rest:02d}" if rest else "")
