"""Plain read models for the recommendations tracker."""

from __future__ import annotations

from dataclasses import dataclass

from store.recommendations.types import RecommendationStatus


@dataclass(frozen=True, slots=True)
class RecommendationRead:
    """One recommendation and its progress."""

    id: int
    number: int
    heading: str
    text: str
    owner: str
    status: str
    percent_complete: int
    updated_by: str
    updated_at: str
    version: int

    @property
    def status_label(self) -> str:
        """`not started`, `in progress` or `complete`."""
        return RecommendationStatus(self.status).label


@dataclass(frozen=True, slots=True)
class Completion:
    """Progress of a set of recommendations: one heading, or all of them.

    `percent` is the mean of their % complete, rounded to a whole number.
    """

    heading: str
    count: int
    complete: int
    in_progress: int
    not_started: int
    percent: int
