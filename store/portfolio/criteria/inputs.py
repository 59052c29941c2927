"""Validated input for managing RAG criteria. Every message names the field it is about.

A change names its criterion by id (the screen) or by name in any case (the command
line), and may carry the version the user started from: a save from an older version
is refused.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from store.fields import StrictInput, VisibleText, required
from store.portfolio.criteria.rules import DESCRIPTION_MAX, NAME_MAX


def _sized(what: str, limit: int) -> AfterValidator:
    """Required, and at most `limit` characters."""

    def check(value: str) -> str:
        if len(required(value, what)) > limit:
            raise ValueError(f"must be at most {limit} characters (this is {len(value)})")
        return value

    return AfterValidator(check)


Name = Annotated[VisibleText, _sized("a name", NAME_MAX)]
Description = Annotated[
    VisibleText, _sized("a description (what assessors rate against)", DESCRIPTION_MAX)
]
CriterionRef = int | str
"""A criterion: its id, or its name (any case)."""


class CriterionChange(StrictInput):
    """A change to one criterion, named by id or name, from the version it was read at."""

    criterion: CriterionRef
    expected_version: int | None = None


class CriterionIn(StrictInput):
    """A new RAG criterion; without a position it goes last."""

    name: Name
    description: Description
    position: Annotated[int | None, Field(ge=1)] = None


class CriterionRename(CriterionChange):
    """A new name for a criterion; its assessments keep pointing at it."""

    new_name: Name


class CriterionDescribe(CriterionChange):
    """A new description for a criterion."""

    description: Description


class CriterionMove(CriterionChange):
    """Move a criterion to another position; the others close up around it."""

    to: Annotated[int, Field(ge=1)]


class CriterionStanding(CriterionChange):
    """Retire a criterion, or reinstate a retired one."""
