"""Validated input for dependency writes. Every message names the field it is about."""

from __future__ import annotations

from typing import Annotated

from pydantic import model_validator

from store.fields import (
    BlankIsNone,
    Choice,
    OptionalDate,
    OptionalText,
    StrictInput,
    Text,
    required_field,
)
from store.programme.types import DependencyStatus, Importance

Needed = Annotated[Text, required_field("what is needed")]


class DependencyIn(StrictInput):
    """A new dependency: `from_code` (upstream) delivers `needed` to `to_code` by
    `needed_by`, optionally through one of its milestones."""

    from_code: Text
    to_code: Text
    needed: Needed
    needed_by: Annotated[OptionalDate, required_field("the date it is needed by")]
    importance: Annotated[Importance, Choice]
    status: Annotated[DependencyStatus, Choice] = DependencyStatus.OPEN
    milestone: OptionalText = None

    @model_validator(mode="after")
    def _two_initiatives(self) -> DependencyIn:
        if self.from_code.strip().upper() == self.to_code.strip().upper():
            raise ValueError("to_code: an initiative cannot depend on itself")
        return self


class DependencyChange(StrictInput):
    """Changes to one dependency, by id. Only the fields given change; a blank milestone
    unlinks it. `from_code` and `to_code` move either end to another initiative (a linked
    milestone must then be named again, from the new upstream). `expected_version`
    guards against lost updates."""

    id: int
    from_code: OptionalText = None
    to_code: OptionalText = None
    needed: Needed | None = None
    needed_by: OptionalDate = None
    importance: Annotated[Importance | None, Choice, BlankIsNone] = None
    status: Annotated[DependencyStatus | None, Choice, BlankIsNone] = None
    milestone: OptionalText = None
    expected_version: int | None = None
