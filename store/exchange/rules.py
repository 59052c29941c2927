"""What the import check adds to each column's type: the words for each table's row
(`SINGULAR`, for "no initiative with code 'X'") and extra checks on some columns
(`EXTRA`) that the database would otherwise refuse with less to say."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from store.exchange.columns import CellError
from store.periods import parse_period

SINGULAR = {
    "business_groups": "business group",
    "initiatives": "initiative",
    "rag_criteria": "RAG criterion",
    "savings_lines": "savings line",
    "savings_years": "savings year",
    "milestones": "milestone",
    "engagements": "engagement",
    "meetings": "meeting",
    "vacancy_requests": "vacancy request",
    "displaced_staff": "displaced person",
    "decisions": "decision",
    "departure_schemes": "departure scheme",
    "proposals": "proposal",
    "proposal_triages": "proposal triage",
    "proposal_decisions": "proposal decision",
    "benefits": "benefit",
    "benefit_measurements": "benefit measurement",
}


def _check_period(value: str) -> str | None:
    try:
        return str(parse_period(value))
    except ValueError as error:
        raise CellError(str(error)) from None


def _check_financial_year(value: str) -> str:
    text = value.strip()
    if (
        len(text) == 7
        and text[:4].isdigit()
        and text[4] == "/"
        and text[5:].isdigit()
        and text[0] in "12"
    ):
        return text
    raise CellError(f"{value!r} is not a financial year; write it like 2011/12")


def _check_one_to_five(value: int) -> int:
    if not 1 <= value <= 5:
        raise CellError(f"{value} is not between 1 and 5")
    return value


# Extra per-column checks that the database would otherwise refuse with less to say.
EXTRA: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("assessments", "period"): _check_period,
    ("delivery_confidence", "period"): _check_period,
    ("red_responses", "period"): _check_period,
    ("savings_years", "financial_year"): _check_financial_year,
    ("establishment", "financial_year"): _check_financial_year,
    ("risks", "likelihood"): _check_one_to_five,
    ("risks", "impact"): _check_one_to_five,
}
