"""Plain read models for managing RAG criteria."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CriterionRow:
    """One RAG criterion as the criteria screen and `criterion list` show it.

    `position` runs 1..n over the active criteria (0 for a retired one); `headline` is
    True for the one at position 1; `assessments` counts every RAG recorded against it,
    retired or not.
    """

    id: int
    name: str
    description: str
    position: int
    active: bool
    version: int
    assessments: int
    headline: bool

    def as_json(self) -> dict[str, object]:
        """The keys `portfolio criterion list` prints (a retired one has no position)."""
        return {
            "position": self.position if self.active else None,
            "name": self.name,
            "headline": self.headline,
            "assessments": self.assessments,
            "retired": not self.active,
            "description": self.description,
        }
