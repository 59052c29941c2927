"""Validated input for Star Chamber writes. Every message names the field it is about."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator, field_validator, model_validator

from store.fields import OptionalDate, OptionalText, StrictInput, Text, required_field
from store.star_chamber import grades
from store.star_chamber.rules import check_financial_year, to_x100
from store.star_chamber.types import Outcome, Route, StaffGroup, StaffType

MAX_WEEKS = 104


def _names(value: object) -> object:
    """People as a list, from a list or from text separated by `;` or new lines."""
    if isinstance(value, str):
        value = value.replace("\n", ";").split(";")
    if isinstance(value, list | tuple):
        return [str(name).strip() for name in value if str(name).strip()]
    return value


Names = Annotated[list[str], BeforeValidator(_names)]
Reason = Annotated[Text, required_field("a reason")]


def _decimal(value: object, what: str) -> Decimal:
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValueError(f"{value!r} is not a number of {what}") from None


def _fte(value: object, most: int | None = None) -> Decimal:
    """A number of FTE more than zero (and at most `most`), in hundredths at the finest."""
    amount = _decimal(value, "FTE")
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"must be more than zero (got {value})")
    if most is not None and amount > most:
        raise ValueError(f"{value} FTE is more than one request can ask for (at most {most})")
    to_x100(amount)
    return amount


Fte = Annotated[Decimal, BeforeValidator(_fte)]


class RequestIn(StrictInput):
    """A new request to fill a vacancy or engage a temporary or agency worker."""

    business_group: Annotated[Text, required_field("a business group")]
    post: Annotated[Text, required_field("a post title")]
    grade: Text
    fte: Annotated[Decimal, BeforeValidator(lambda value: _fte(value, most=100))]
    staff_type: StaffType
    justification: Annotated[
        Text, required_field("a justification: say why the post must be filled")
    ]
    funded: bool = True
    cost_centre: Text = ""
    route: Route = Route.INTERNAL
    programme: OptionalText = None
    requested_by: OptionalText = None
    received_on: date | None = None
    max_weeks: int | None = None

    @field_validator("grade")
    @classmethod
    def _grade(cls, value: str) -> str:
        return grades.parse_grade(value)

    @model_validator(mode="after")
    def _weeks(self) -> RequestIn:
        if self.staff_type.is_temporary:
            if self.max_weeks is None:
                raise ValueError(
                    "max_weeks: a temporary or agency request needs the maximum engagement in weeks"
                )
            if not 0 < self.max_weeks <= MAX_WEEKS:
                raise ValueError(f"max_weeks: must be between 1 and {MAX_WEEKS} weeks")
        elif self.max_weeks is not None:
            raise ValueError(
                "max_weeks: only temporary and agency requests have a maximum engagement"
            )
        return self

    @property
    def fte_x100(self) -> int:
        """The FTE in hundredths."""
        return to_x100(self.fte)


class ExtensionIn(StrictInput):
    """A request to extend a temporary or agency engagement by some weeks."""

    engagement: Text
    weeks: int
    justification: Annotated[
        Text, required_field("a justification: say why the engagement must go on")
    ]
    fte: Fte = Decimal(1)
    funded: bool = True
    cost_centre: Text = ""
    requested_by: OptionalText = None
    received_on: date | None = None

    @field_validator("weeks")
    @classmethod
    def _weeks(cls, value: int) -> int:
        if not 0 < value <= MAX_WEEKS:
            raise ValueError(f"must be between 1 and {MAX_WEEKS} weeks")
        return value


class MeetingIn(StrictInput):
    """A new meeting: its date, chair and who attends (trade union representatives apart)."""

    # Written 2011-06-30; a mistyped date says so in those words.
    held_on: Annotated[OptionalDate, required_field("the meeting's date")]
    chair: Annotated[Text, required_field("a chair")]
    attendees: Names = []
    union_reps: Names = []


class AgendaIn(StrictInput):
    """A request to put on a meeting's agenda."""

    meeting: date
    reference: Text


class DecisionIn(StrictInput):
    """A decision on an agenda item. Approvals record the Posting List step: the person
    posted, or why no one on the list was suitable."""

    reference: Text
    meeting: date
    outcome: Outcome
    reason: Reason
    conditions: Text = ""
    posted: OptionalText = None
    none_suitable: OptionalText = None
    override_reason: Text = ""
    approved_weeks: int | None = None

    @model_validator(mode="after")
    def _consistent(self) -> DecisionIn:
        check_decision(self)
        return self


class CorrectionIn(StrictInput):
    """A correction: a new decision that supersedes the request's decision in force.
    `expected_version` (the request's, as the corrector read it) refuses a correction
    made without seeing one recorded by someone else in the meantime."""

    reference: Text
    outcome: Outcome
    reason: Reason
    why: Annotated[Text, required_field("a reason for the correction")]
    conditions: Text = ""
    posted: OptionalText = None
    none_suitable: OptionalText = None
    override_reason: Text = ""
    approved_weeks: int | None = None
    decided_on: date | None = None
    expected_version: int | None = None

    @model_validator(mode="after")
    def _consistent(self) -> CorrectionIn:
        check_decision(self)
        return self


def check_decision(data: DecisionIn | CorrectionIn) -> None:
    """The checks on a decision that need no database (raised as `field: problem`)."""
    if data.outcome is Outcome.APPROVED_WITH_CONDITIONS and not data.conditions:
        raise ValueError("conditions: an approval with conditions needs the conditions")
    if data.conditions and data.outcome is not Outcome.APPROVED_WITH_CONDITIONS:
        raise ValueError(
            f"conditions: only an approval with conditions carries conditions "
            f"(the outcome is {data.outcome.value})"
        )
    if data.posted and data.none_suitable:
        raise ValueError(
            "posted: record either the person posted or that no one was suitable, not both"
        )
    if not data.outcome.is_approval and (data.posted or data.none_suitable):
        raise ValueError(
            f"posted: only an approval deals with the Posting List "
            f"(the outcome is {data.outcome.value})"
        )
    if data.outcome.is_approval and not (data.posted or data.none_suitable):
        raise ValueError(
            "posted: the Posting List comes first: an approval must record the displaced "
            "person posted, or that no one on the list was suitable and why"
        )
    if data.approved_weeks is not None:
        if not data.outcome.is_approval:
            raise ValueError("approved_weeks: only an approval sets a maximum engagement")
        if not 0 < data.approved_weeks <= MAX_WEEKS:
            raise ValueError(f"approved_weeks: must be between 1 and {MAX_WEEKS} weeks")


class DisplacedIn(StrictInput):
    """A displaced member of staff joining the Posting List."""

    name: Annotated[Text, required_field("a name")]
    grade: Text
    business_group: Text
    skills: Text = ""
    listed_on: date | None = None

    @field_validator("grade")
    @classmethod
    def _grade(cls, value: str) -> str:
        return grades.parse_grade(value)


class LeftListIn(StrictInput):
    """A displaced person leaving the list other than by a posting (e.g. early departure)."""

    reference: Text
    reason: Text
    on: date | None = None
    expected_version: int | None = None


class EngagementIn(StrictInput):
    """A temporary or agency worker starting an engagement.

    Either against an approved request (`request`), whose approved weeks set the
    maximum, or one approved before these records began, with its approved maximum
    end date and the post's details given directly."""

    worker: Annotated[Text, required_field("the worker's name")]
    start_on: date
    request: OptionalText = None
    business_group: OptionalText = None
    post: OptionalText = None
    grade: OptionalText = None
    staff_type: StaffType | None = None
    approved_max_end: date | None = None

    @field_validator("grade")
    @classmethod
    def _grade(cls, value: str | None) -> str | None:
        return None if value is None else grades.parse_grade(value)

    @model_validator(mode="after")
    def _one_source(self) -> EngagementIn:
        direct = (
            self.business_group,
            self.post,
            self.grade,
            self.staff_type,
            self.approved_max_end,
        )
        if self.request:
            if any(value is not None for value in direct):
                raise ValueError(
                    "request: an engagement against a request takes its post and maximum "
                    "from the approval; give one or the other"
                )
            return self
        names = ("business_group", "post", "grade", "staff_type", "approved_max_end")
        for name, value in zip(names, direct, strict=True):
            if value is None:
                raise ValueError(f"{name}: is required without an approved request")
        if self.staff_type is StaffType.POLICE_STAFF:
            raise ValueError("staff_type: an engagement is for a temporary or agency worker")
        if self.approved_max_end < self.start_on:
            raise ValueError("approved_max_end: must not be before the start date")
        return self


class EndEngagementIn(StrictInput):
    """An engagement ending, on or before its approved maximum."""

    reference: Text
    on: date
    reason: Text = ""
    expected_version: int | None = None


class EstablishmentIn(StrictInput):
    """A business group's figures for one staff group and financial year."""

    business_group: Text
    staff_group: StaffGroup
    financial_year: Text
    budgeted: Decimal
    strength: Decimal
    target_vacancy_pct: Decimal
    reduction: Decimal = Decimal(0)
    start_strength: Decimal | None = None
    as_of: date | None = None
    expected_version: int | None = None

    @field_validator("financial_year")
    @classmethod
    def _year(cls, value: str) -> str:
        return check_financial_year(value)

    @field_validator("budgeted", "strength", "reduction", "start_strength", mode="before")
    @classmethod
    def _count(cls, value: object) -> object:
        if value is None:
            return None
        amount = _decimal(value, "FTE")
        if not amount.is_finite() or amount < 0:
            raise ValueError(f"must be zero or more (got {value})")
        to_x100(amount)
        return amount

    @field_validator("target_vacancy_pct", mode="before")
    @classmethod
    def _target(cls, value: object) -> object:
        amount = _decimal(value, "per cent")
        if not amount.is_finite() or not 0 <= amount <= 100:
            raise ValueError(f"must be a percentage from 0 to 100 (got {value})")
        if amount * 10 != (amount * 10).to_integral_value():
            raise ValueError("must have at most one decimal place")
        return amount


class SchemeIn(StrictInput):
    """A phase of the early departure scheme, with its groups."""

    phase: int
    name: Annotated[Text, required_field("name")]
    staff_groups: Annotated[Text, required_field("staff groups")]
    terms: Annotated[Text, required_field("terms")]
    opens_on: date
    closes_on: date | None = None
    groups: list[DepartureGroupIn] = []

    @field_validator("phase")
    @classmethod
    def _phase(cls, value: int) -> int:
        if value <= 0:
            raise ValueError("must be 1 or more")
        return value

    @model_validator(mode="after")
    def _dates(self) -> SchemeIn:
        if self.closes_on is not None and self.closes_on < self.opens_on:
            raise ValueError("closes_on: must not be before the opening date")
        names = [group.name.lower() for group in self.groups]
        if len(names) != len(set(names)):
            raise ValueError("groups: each group may appear only once")
        return self


class DepartureGroupIn(StrictInput):
    """One group's figures in a scheme; cost in £m to the nearest £1,000."""

    name: Annotated[Text, required_field("a group name")]
    offered: int = 0
    accepted: int = 0
    cost_gbp_m: Decimal = Decimal(0)
    expected_version: int | None = None

    @field_validator("offered", "accepted")
    @classmethod
    def _count(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must be zero or more")
        return value

    @field_validator("cost_gbp_m", mode="before")
    @classmethod
    def _cost(cls, value: object) -> object:
        amount = _decimal(value, "£m")
        if not amount.is_finite() or amount < 0:
            raise ValueError(f"must be zero or more (got {value})")
        if amount * 1000 != (amount * 1000).to_integral_value():
            raise ValueError("must be to the nearest £1,000 (at most three decimal places in £m)")
        return amount

    @model_validator(mode="after")
    def _accepted(self) -> DepartureGroupIn:
        if self.accepted > self.offered:
            raise ValueError(
                f"accepted: {self.accepted} accepted is more than the {self.offered} offered"
            )
        return self

    @property
    def cost_gbp_k(self) -> int:
        """The cost in thousands of pounds."""
        return int(self.cost_gbp_m * 1000)


SchemeIn.model_rebuild()
