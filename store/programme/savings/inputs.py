"""Validated input for savings writes. Every message names the field it is about."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, field_validator

from store.fields import Name, StrictInput, Text
from store.programme.savings.money import parse_gbp_m, parse_headcount
from store.programme.types import Measure

_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


def parse_financial_year(text: str) -> str:
    """A financial year written `2011/12`; raise ValueError otherwise."""
    cleaned = text.strip().replace("-", "/")
    match = _YEAR.match(cleaned)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"{text.strip()!r} is not a financial year; write it like 2011/12")
    if not 1900 <= int(match.group(1)) <= 2998:
        raise ValueError(f"{text.strip()!r} has an unlikely year")
    return cleaned


FinancialYear = Annotated[str, BeforeValidator(lambda v: parse_financial_year(str(v)))]
Tenths = Annotated[int | None, BeforeValidator(parse_gbp_m)]
Heads = Annotated[int | None, BeforeValidator(parse_headcount)]


class SavingsCellIn(StrictInput):
    """New figures for one line and year. Only the measures given change; a blank value
    (empty text or None) clears the cell. `gbp_m` is £m to one decimal, stored as tenths."""

    line: Text
    year: FinancialYear
    gbp_m: Tenths = None
    police_officers: Heads = None
    police_staff: Heads = None
    pcsos: Heads = None
    expected_version: int | None = None

    @property
    def given(self) -> dict[str, int | None]:
        """The measures given, by column name (`gbp_m_tenths` for £m)."""
        return {
            measure.column: getattr(self, measure.value)
            for measure in Measure
            if measure.value in self.model_fields_set
        }


class SavingsYearIn(StrictInput):
    """A financial year to add to the plan, with the saving its budget requires."""

    financial_year: FinancialYear
    budget_requirement: Tenths = None

    @field_validator("budget_requirement")
    @classmethod
    def _not_negative(cls, value: int | None) -> int | None:
        return not_negative(value)


class BudgetRequirementIn(StrictInput):
    """A new budget requirement (the saving needed, in £m) for one year; blank clears it."""

    year: FinancialYear
    budget_requirement: Tenths = None
    expected_version: int | None = None

    @field_validator("budget_requirement")
    @classmethod
    def _not_negative(cls, value: int | None) -> int | None:
        return not_negative(value)


class SavingsLineIn(StrictInput):
    """A new savings line: a name, its business group, and the initiatives that deliver it."""

    name: Name
    business_group: Text
    initiatives: tuple[str, ...] = ()
    position: int | None = None


def not_negative(value: int | None) -> int | None:
    """A budget requirement is a saving needed: zero or more."""
    if value is not None and value < 0:
        raise ValueError("is the saving the budget needs, so zero or more, e.g. 92.8")
    return value
