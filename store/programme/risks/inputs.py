"""Validated input for risk writes. Every message names the field it is about."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from store.fields import BlankIsNone, Choice, OptionalDate, StrictInput, Text, required_field
from store.programme.types import RiskStatus, Roam

Score = Annotated[int, Field(ge=1, le=5)]
Description = Annotated[Text, required_field("a description")]


def _score(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError("a whole number from 1 to 5 is required")
        if not text.isdigit():
            raise ValueError(f"{text!r} is not a whole number from 1 to 5")
        value = int(text)
    if isinstance(value, int) and not isinstance(value, bool) and not 1 <= value <= 5:
        raise ValueError(f"{value} is not from 1 to 5")
    return value


class RiskIn(StrictInput):
    """A new risk to an initiative."""

    code: Text
    description: Description
    cause: Text = ""
    effect: Text = ""
    likelihood: Score
    impact: Score
    proximity: OptionalDate = None
    owner: Text = ""
    mitigation: Text = ""
    status: Annotated[RiskStatus, Choice] = RiskStatus.OPEN
    roam: Annotated[Roam | None, Choice, BlankIsNone] = None

    _likelihood = field_validator("likelihood", "impact", mode="before")(_score)


class RiskChange(StrictInput):
    """Changes to one risk, by id. Only the fields given change; a blank ROAM clears it.
    `expected_version` guards against lost updates."""

    id: int
    description: Description | None = None
    cause: Text | None = None
    effect: Text | None = None
    likelihood: Score | None = None
    impact: Score | None = None
    proximity: OptionalDate = None
    owner: Text | None = None
    mitigation: Text | None = None
    status: Annotated[RiskStatus | None, Choice, BlankIsNone] = None
    roam: Annotated[Roam | None, Choice, BlankIsNone] = None
    expected_version: int | None = None

    _likelihood = field_validator("likelihood", "impact", mode="before")(_score)
