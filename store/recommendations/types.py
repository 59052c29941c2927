"""The five headings the stocktake's recommendations sit under, and their statuses."""

from __future__ import annotations

from enum import StrEnum

from store.types import Worded


class Heading(StrEnum):
    """A heading of the stocktake (seed 003, paragraph 3.10), in the paper's order."""

    LEADERSHIP = "Leadership"
    STRUCTURES = "Structures"
    PORTFOLIO = "Portfolio & Beyond"
    CAPABILITIES = "Capabilities"
    BEHAVIOUR = "Behaviour & Cultures"


class RecommendationStatus(Worded):
    """How far a recommendation has got. Not started is 0%; complete is 100%."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"

    @classmethod
    def parse(cls, text: str) -> RecommendationStatus:
        """Read `not started`, `not_started`, `in-progress`, `complete` and the like."""
        return cls.parse_as(text, "a status", "not started, in progress or complete")
