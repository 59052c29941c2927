"""Validated input for portfolio writes. Every message names the field it is about."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator, model_validator

from store.periods import parse_period
from store.types import Complexity, ComplexityKind, Kind, Lifecycle, Rag, Tier
from store.validation import clean_text

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9&/-]{0,23}$")
GROUP_CODE_PATTERN = re.compile(r"^[A-Za-z0-9&]{1,12}$")

Text = Annotated[str, BeforeValidator(clean_text)]


def _required(value: str, what: str) -> str:
    if not value:
        raise ValueError(f"{what} is required")
    return value


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BusinessGroupIn(_Input):
    """A new business group."""

    code: Text
    name: Text

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not GROUP_CODE_PATTERN.match(value):
            raise ValueError("must be 1 to 12 letters or digits, e.g. TP")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _required(value, "a name")


class InitiativeIn(_Input):
    """A new programme, project or workstream."""

    code: Text
    name: Text
    kind: Kind
    business_group: Text
    parent: Annotated[str | None, BeforeValidator(_blank_to_none)] = None
    description: Text = ""
    tier: Annotated[Tier | None, BeforeValidator(_blank_to_none)] = None
    complexity: Annotated[Complexity | None, BeforeValidator(_blank_to_none)] = None
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

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _required(value, "a name")

    @model_validator(mode="after")
    def _dates_in_order(self) -> InitiativeIn:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date: must not be before the start date")
        if self.complexity_kinds and self.complexity is None:
            raise ValueError("complexity: set the complexity before its kinds")
        return self


class AssessmentIn(_Input):
    """One RAG for one criterion of one initiative. `period` defaults to the current one."""

    code: Text
    criterion: Text
    rag: Rag
    rationale: Text
    period: Annotated[str | None, BeforeValidator(_blank_to_none)] = None

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
