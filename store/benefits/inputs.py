"""Validated input for benefits, measurements, delivery confidence and Responses to Red.
Every message names the field it is about."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, field_validator

from store.benefits.types import BenefitKind, Confidence
from store.benefits.values import parse_profile, parse_value
from store.fields import (
    Name,
    OptionalDate,
    OptionalText,
    PastDate,
    StrictInput,
    Text,
    required_field,
)
from store.periods import parse_period

Value = Annotated[int | None, BeforeValidator(parse_value)]
Profile = Annotated[tuple[tuple[date, int], ...], BeforeValidator(parse_profile)]
Kind = Annotated[
    BenefitKind,
    BeforeValidator(
        lambda v: (
            BenefitKind.parse_as(str(v), "a kind of benefit", _KINDS)
            if not isinstance(v, BenefitKind)
            else v
        )
    ),
]
_KINDS = "cashable, non-cashable, non-financial or dis-benefit"
Rating = Annotated[
    Confidence, BeforeValidator(lambda v: v if isinstance(v, Confidence) else Confidence.parse(v))
]


class BenefitIn(StrictInput):
    """A new benefit of an initiative. A cashable one names its savings line and gives no
    target or profile: those are the line's figures."""

    code: Text
    name: Name
    description: Text = ""
    kind: Kind
    owner: Text = ""
    measure: Text = ""
    unit: Text = ""
    baseline_value: Value = None
    baseline_on: Annotated[OptionalDate, required_field("a baseline date")]
    target_value: Value = None
    target_on: OptionalDate = None
    profile: Profile = ()
    savings_line: OptionalText = None


class BenefitChange(StrictInput):
    """Changes to one benefit, by id: only the fields given change. Its kind and savings
    line stay as they were made. `expected_version` guards against lost updates."""

    id: int
    name: Annotated[Text, required_field("a name")] | None = None
    description: Text | None = None
    owner: Text | None = None
    measure: Text | None = None
    unit: Text | None = None
    baseline_value: Value = None
    baseline_on: OptionalDate = None
    target_value: Value = None
    target_on: OptionalDate = None
    profile: Profile | None = None
    expected_version: int | None = None


class MeasurementIn(StrictInput):
    """An actual value of a benefit's measure on a day (never after today), or, with
    `corrects`, the correction of an earlier measurement, which it supersedes."""

    benefit: int
    value: Annotated[Value, required_field("a value")]
    measured_on: Annotated[PastDate, required_field("the date it was measured")]
    note: Text = ""
    corrects: int | None = None


class ConfidenceIn(StrictInput):
    """A delivery confidence rating for an initiative in a period (default: the current
    one), with its rationale; `assurance` for an independent assurance rating."""

    code: Text
    rating: Rating
    rationale: Text
    period: OptionalText = None
    assurance: bool = False

    @field_validator("rationale")
    @classmethod
    def _rationale(cls, value: str) -> str:
        if not value:
            raise ValueError("a rationale is required: say why delivery is rated so")
        return value

    @field_validator("period")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        return None if value is None else str(parse_period(value))


class ResponseChange(StrictInput):
    """Changes to a Response to Red: its owner, actions, review date and outcome; with
    `closed_on` it is closed (an outcome is then required). Only the fields given change."""

    id: int
    owner: Text | None = None
    actions: Text | None = None
    review_on: OptionalDate = None
    outcome: Text | None = None
    closed_on: PastDate = None
    expected_version: int | None = None
