"""Validated input for portfolio writes. Every message names the field it is about."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import field_validator, model_validator

from store.fields import BlankIsNone, Name, OptionalText, StrictInput, Text
from store.periods import parse_period
from store.types import Complexity, ComplexityKind, Kind, Lifecycle, Rag, Tier

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9&/-]{0,23}$")
GROUP_CODE_PATTERN = re.compile(r"^[A-Za-z0-9&]{1,12}$")


class BusinessGroupIn(StrictInput):
    """A new business group."""

    code: Text
    name: Name

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not GROUP_CODE_PATTERN.match(value):
            raise ValueError("must be 1 to 12 letters or digits, e.g. TP")
        return value


class InitiativeIn(StrictInput):
    """A new programme, project or workstream."""

    code: Text
    name: Name
    kind: Kind
    business_group: Text
    parent: OptionalText = None
    description: Text = ""
    tier: Annotated[Tier | None, BlankIsNone] = None
    complexity: Annotated[Complexity | None, BlankIsNone] = None
    complexity_kinds: tuple[ComplexityKind, ...] = ()
    sro: Text = ""
    programme_manager: Text = ""
    start_date: date | None = None
    end_date: date | None = None
    lifecycle: Lifecycle = Lifecycle.DELIVERY
    data_digital: bool = False

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().upper()
            if not CODE_PATTERN.match(value):
                raise ValueError(
                    "must be 1 to 24 capital letters, digits, '-', '&' or '/', e.g. TPD-CRIB"
                )
        return value

    @model_validator(mode="after")
    def _dates_in_order(self) -> InitiativeIn:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date: must not be before the start date")
        if self.complexity_kinds and self.complexity is None:
            raise ValueError("complexity: set the complexity before its kinds")
        return self


class AssessmentIn(StrictInput):
    """One RAG for one criterion of one initiative. `period` defaults to the current one."""

    code: Text
    criterion: Text
    rag: Rag
    rationale: Text
    period: OptionalText = None

    @field_validator("rag", mode="before")
    @classmethod
    def _rag(cls, value: object) -> object:
        return Rag.parse(value) if isinstance(value, str) else value

    @field_validator("rationale")
    @classmethod
    def _rationale(cls, value: str) -> str:
        if not value:
            raise ValueError("a rationale is required: say why the RAG is what it is")
        return value

    @field_validator("period")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        return None if value is None else str(parse_period(value))
