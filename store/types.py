"""Plain value types shared by the store, the screens and the widgets.

Nothing here imports SQLAlchemy or pydantic, so widgets may use these freely.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Worded(StrEnum):
    """A stored choice whose words for people are its value with spaces for underscores
    (`on_list` is "on list"), and which knows its members however people type them: in
    any case, with spaces, dashes or underscores."""

    @property
    def label(self) -> str:
        """The choice in words."""
        return self.value.replace("_", " ")

    @classmethod
    def lookup(cls, text: str) -> Self | None:
        """The member `text` names, or None."""
        cleaned = text.strip().lower().replace("-", "_").replace(" ", "_")
        return next((member for member in cls if member.value == cleaned), None)

    @classmethod
    def parse_as(cls, text: str, what: str, use: str, alias: Self | None = None) -> Self:
        """The member `text` names (else `alias`, a word the caller also takes for one);
        ValueError "'text' is not `what`; use `use`" when neither."""
        found = cls.lookup(text) or alias
        if found is None:
            raise ValueError(f"{text!r} is not {what}; use {use}")
        return found


class Kind(StrEnum):
    """What sort of initiative a portfolio entry is."""

    PROGRAMME = "programme"
    PROJECT = "project"
    WORKSTREAM = "workstream"


class Tier(Worded):
    """The four tiers of change (seed 003, paragraph 3.13). Every screen, the board pack
    and the command line's tables name a tier by its `label`; files and JSON keep the
    stored value."""

    TRANSFORMATIONAL = "transformational"
    MANDATED = "mandated"
    EXPERIMENTAL = "experimental"
    INCREMENTAL = "incremental"

    @property
    def label(self) -> str:
        """The tier as people read it, short enough for a list's column: `Transform`,
        `Mandated`, `Experiment`, `Incremental`."""
        return TIER_LABELS[self]

    @classmethod
    def words(cls, value: str | None, missing: str = "—") -> str:
        """The label of a stored tier value, or `missing` when there is none."""
        return cls(value).label if value else missing


TIER_LABELS = {
    Tier.TRANSFORMATIONAL: "Transform",
    Tier.MANDATED: "Mandated",
    Tier.EXPERIMENTAL: "Experiment",
    Tier.INCREMENTAL: "Incremental",
}


class Complexity(StrEnum):
    """How complex a piece of change is (seed 003, paragraph 3.15)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ComplexityKind(StrEnum):
    """The kinds of complexity a piece of change can show."""

    STRUCTURAL = "structural"
    SOCIO_POLITICAL = "socio-political"
    EMERGENT = "emergent"


class Lifecycle(StrEnum):
    """Where an initiative is in its life."""

    PIPELINE = "pipeline"
    INITIATION = "initiation"
    DELIVERY = "delivery"
    CLOSING = "closing"
    ON_HOLD = "on_hold"
    CLOSED = "closed"


class Rag(StrEnum):
    """A red, amber or green status, stored as its letter."""

    RED = "R"
    AMBER = "A"
    GREEN = "G"

    @property
    def word(self) -> str:
        """The colour's name, for people and screen readers."""
        return {"R": "Red", "A": "Amber", "G": "Green"}[self.value]

    @property
    def rank(self) -> int:
        """Higher is better: Red 0, Amber 1, Green 2."""
        return {"R": 0, "A": 1, "G": 2}[self.value]

    @classmethod
    def parse(cls, text: str) -> Rag:
        """Read R/A/G or Red/Amber/Green in any case; raise ValueError otherwise."""
        cleaned = text.strip().upper()
        for rag in cls:
            if cleaned in (rag.value, rag.word.upper()):
                return rag
        raise ValueError(f"{text!r} is not a RAG; use R, A or G")


class Trend(StrEnum):
    """How a RAG moved against the previous period."""

    UP = "▲"
    DOWN = "▼"
    SAME = "="

    @classmethod
    def between(cls, previous: str | None, current: str | None) -> Trend | None:
        """The trend from one RAG letter to another, or None when either is missing."""
        if not previous or not current:
            return None
        return cls.by_rank(Rag(previous).rank, Rag(current).rank)

    @classmethod
    def by_rank(cls, before: int, after: int) -> Trend:
        """The trend between two ranks on a scale where higher is better (a RAG's, a
        delivery confidence rating's)."""
        if after > before:
            return cls.UP
        if after < before:
            return cls.DOWN
        return cls.SAME


# The demo's two criteria. Which criterion is the headline goes by position, never by
# name: see store/portfolio/criteria/rules.py.
OVERALL_CRITERION = "Overall status"
RISKS_CRITERION = "Risks & mitigations"
