"""Validated input for the recommendations tracker. Every message names its field."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator

from store.fields import StrictInput, Text
from store.recommendations.types import Heading, RecommendationStatus


def _status(value: object) -> object:
    return RecommendationStatus.parse(value) if isinstance(value, str) else value


def _heading(value: object) -> object:
    if isinstance(value, str):
        for heading in Heading:
            if value.strip().lower() == heading.value.lower():
                return heading
        listed = ", ".join(heading.value for heading in Heading)
        raise ValueError(f"{value.strip()!r} is not a heading; use one of {listed}")
    return value


def _percent(value: object) -> object:
    if isinstance(value, str):
        cleaned = value.strip().removesuffix("%").strip()
        if not cleaned.isdigit():
            raise ValueError("must be a whole number from 0 to 100")
        return int(cleaned)
    return value


Percent = Annotated[int, BeforeValidator(_percent), Field(ge=0, le=100)]
Status = Annotated[RecommendationStatus, BeforeValidator(_status)]


def _consistent(status: RecommendationStatus, percent: int) -> None:
    """Not started is 0%, complete is 100%, in progress is anything between."""
    if status is RecommendationStatus.COMPLETE and percent != 100:
        raise ValueError("percent_complete: a complete recommendation is 100% complete")
    if status is RecommendationStatus.NOT_STARTED and percent != 0:
        raise ValueError("percent_complete: a recommendation not started is 0% complete")
    if status is RecommendationStatus.IN_PROGRESS and percent in (0, 100):
        raise ValueError(
            "percent_complete: in progress means between 1% and 99%; "
            "use not started for 0% and complete for 100%"
        )


class RecommendationIn(StrictInput):
    """A new recommendation to track."""

    number: int = Field(gt=0)
    heading: Annotated[Heading, BeforeValidator(_heading)]
    text: Text
    owner: Text = ""
    status: Status = RecommendationStatus.NOT_STARTED
    percent_complete: Percent = 0

    @model_validator(mode="after")
    def _check(self) -> RecommendationIn:
        if not self.text:
            raise ValueError("text: say what the recommendation asks for")
        _consistent(self.status, self.percent_complete)
        return self


class ProgressIn(StrictInput):
    """New progress on one recommendation, with the version the editor started from."""

    number: int
    status: Status
    percent_complete: Percent
    owner: Text | None = None
    note: Text = ""
    version: int | None = None

    @model_validator(mode="after")
    def _check(self) -> ProgressIn:
        _consistent(self.status, self.percent_complete)
        return self
