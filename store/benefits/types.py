"""Plain value types for benefits and delivery confidence; no SQLAlchemy or pydantic, so
widgets may use them."""

from __future__ import annotations

import re
from enum import StrEnum

from store.types import Worded


class BenefitKind(Worded):
    """What sort of benefit: a cashable saving (its money is a §19 savings line), a
    non-cashable efficiency, a non-financial benefit, or a dis-benefit (a cost the change
    brings, to be kept within its profile)."""

    CASHABLE = "cashable"
    NON_CASHABLE = "non_cashable"
    NON_FINANCIAL = "non_financial"
    DIS_BENEFIT = "dis_benefit"


class Confidence(StrEnum):
    """The five-point delivery confidence scale, stored as its letters."""

    GREEN = "G"
    AMBER_GREEN = "AG"
    AMBER = "A"
    AMBER_RED = "AR"
    RED = "R"

    @property
    def word(self) -> str:
        """The rating in words, for people and screen readers: `Amber/Green`."""
        return CONFIDENCE_WORDS[self]

    @property
    def rank(self) -> int:
        """Higher is better: Red 0 to Green 4."""
        return list(reversed(Confidence)).index(self)

    @classmethod
    def parse(cls, text: str) -> Confidence:
        """Read `amber-green`, `Amber/Green`, `AG` (any case); ValueError otherwise."""
        cleaned = re.sub(r"[\s_/-]+", "/", text.strip().upper())
        for rating in cls:
            if cleaned in (rating.value, rating.word.upper()):
                return rating
        raise ValueError(f"{text.strip()!r} is not a rating; use {RATING_CHOICES}")


CONFIDENCE_WORDS = {
    Confidence.GREEN: "Green",
    Confidence.AMBER_GREEN: "Amber/Green",
    Confidence.AMBER: "Amber",
    Confidence.AMBER_RED: "Amber/Red",
    Confidence.RED: "Red",
}
RATING_CHOICES = "green, amber-green, amber, amber-red or red"


class ResponseStatus(StrEnum):
    """Whether a Response to Red is still being worked."""

    OPEN = "open"
    CLOSED = "closed"


class RedTrigger(StrEnum):
    """What turned an initiative Red and opened its response."""

    CONFIDENCE = "confidence"
    RAG = "rag"
