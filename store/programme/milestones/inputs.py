"""Validated input for milestone writes. Every message names the field it is about."""

from __future__ import annotations

from typing import Annotated

from pydantic import model_validator

from store.fields import (
    BlankIsNone,
    Choice,
    Name,
    OptionalDate,
    PastDate,
    StrictInput,
    Text,
    required_field,
)
from store.programme.types import MilestoneStatus


class MilestoneIn(StrictInput):
    """A new milestone of an initiative. Giving an actual date makes it done."""

    code: Text
    name: Name
    baseline: Annotated[OptionalDate, required_field("a baseline date")]
    forecast: OptionalDate = None
    actual: PastDate = None
    status: Annotated[MilestoneStatus | None, Choice, BlankIsNone] = None

    @model_validator(mode="after")
    def _status_matches_actual(self) -> MilestoneIn:
        if self.status is None:
            self.status = MilestoneStatus.DONE if self.actual else MilestoneStatus.PLANNED
        check_done(self.status, self.actual)
        return self


class MilestoneChange(StrictInput):
    """Changes to a milestone named by initiative code and milestone name. Only the fields
    given change; a blank date clears it. `expected_version` guards against lost updates.

    A form that opened the milestone gives its `id` too, so a rename by someone else in
    the meantime is caught by the version check rather than read as "no such milestone".
    """

    code: Text
    name: Text
    id: int | None = None
    new_name: Name | None = None
    baseline: OptionalDate = None
    forecast: OptionalDate = None
    actual: PastDate = None
    status: Annotated[MilestoneStatus | None, Choice, BlankIsNone] = None
    expected_version: int | None = None


def check_done(status: MilestoneStatus, actual) -> None:
    """Done needs an actual date, and only a done milestone has one."""
    if status is MilestoneStatus.DONE and actual is None:
        raise ValueError("actual: a done milestone needs its actual date")
    if status is not MilestoneStatus.DONE and actual is not None:
        raise ValueError("status: a milestone with an actual date is done")
