"""Plain read models for risks and the heat map."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from store.programme.types import risk_score


@dataclass(frozen=True, slots=True)
class RiskRead:
    """One risk to one initiative."""

    id: int
    code: str
    initiative_name: str
    description: str
    cause: str
    effect: str
    likelihood: int
    impact: int
    proximity: date | None
    owner: str
    mitigation: str
    status: str
    roam: str | None
    raised_by: str
    raised_at: str
    version: int

    @property
    def score(self) -> int:
        """Likelihood × impact, 1 to 25."""
        return risk_score(self.likelihood, self.impact)


@dataclass(frozen=True, slots=True)
class HeatMap:
    """How many risks sit in each likelihood × impact cell (1 to 5 each)."""

    counts: dict[tuple[int, int], int] = field(default_factory=dict)
    include_closed: bool = False

    def count(self, likelihood: int, impact: int) -> int:
        """Risks with this likelihood and impact."""
        return self.counts.get((likelihood, impact), 0)

    @property
    def total(self) -> int:
        """Risks on the map."""
        return sum(self.counts.values())
