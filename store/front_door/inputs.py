"""Validated input for front door writes. Every message names the field it is about."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, field_validator, model_validator

from store.fields import (
    BlankIsNone,
    OptionalText,
    StrictInput,
    Text,
    not_in_future,
    required_field,
)
from store.front_door.lenses import MAX_SCORE, MIN_SCORE
from store.front_door.money import parse_pounds
from store.front_door.types import Outcome
from store.types import Complexity, ComplexityKind, Tier


def _choice(enum: type[StrEnum], what: str) -> BeforeValidator:
    """Read a choice in any case, naming the choices when the text is none of them."""
    choices = [member.value for member in enum]
    listed = ", ".join(choices[:-1]) + " or " + choices[-1]

    def read(value: object) -> object:
        """The choice in lower case, or a ValueError listing the choices."""
        if isinstance(value, str):
            cleaned = value.strip().lower()
            if cleaned not in choices:
                raise ValueError(f"{value.strip()!r} is not {what}; use {listed}")
            return cleaned
        return value

    return BeforeValidator(read)


def _pence(value: object) -> object:
    return parse_pounds(value)


def _kinds(value: object) -> object:
    """Accept `structural,emergent` as well as a list, naming any unknown kind."""
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        known = [kind.value for kind in ComplexityKind]
        cleaned = []
        for part in value:
            text = part.value if isinstance(part, ComplexityKind) else str(part).strip().lower()
            if text not in known:
                raise ValueError(
                    f"{str(part).strip()!r} is not a kind of complexity; use {', '.join(known)}"
                )
            cleaned.append(text)
        return tuple(cleaned)
    return value


def _score(value: object) -> object:
    """A whole number from 1 to 5; text like '4' is read, anything else is refused."""
    if isinstance(value, bool):
        raise ValueError(f"must be a whole number from {MIN_SCORE} to {MAX_SCORE}")
    if isinstance(value, str):
        cleaned = value.strip()
        if not cleaned.isdigit():
            raise ValueError(f"must be a whole number from {MIN_SCORE} to {MAX_SCORE}")
        value = int(cleaned)
    if isinstance(value, int) and not MIN_SCORE <= value <= MAX_SCORE:
        raise ValueError(f"{value} is outside {MIN_SCORE}–{MAX_SCORE}; score each lens 1 to 5")
    return value


OptionalDate = Annotated[date | None, BlankIsNone]
OptionalTier = Annotated[Tier | None, _choice(Tier, "a tier"), BlankIsNone]
Pence = Annotated[int | None, BeforeValidator(_pence)]
Score = Annotated[int, BeforeValidator(_score)]


class ProposalIn(StrictInput):
    """A new proposal, or the new values of one being corrected.

    `cost` and `yearly_benefit` are read from pounds as typed (`£250,000`, `1.2m`) and
    held as integer pence. `received_on` defaults to today.
    """

    title: Annotated[Text, required_field("a title")]
    business_group: Annotated[Text, required_field("a business group")]
    sponsor: Annotated[Text, required_field("a sponsor")]
    problem: Annotated[Text, required_field("the problem or opportunity")]
    intended_outcome: Text = ""
    cost: Pence = None
    yearly_benefit: Pence = None
    non_cash_benefit: Text = ""
    data_digital: bool = False
    requested_tier: OptionalTier = None
    received_on: OptionalDate = None


class ProposalUpdateIn(ProposalIn):
    """Corrected values for a proposal, with the version the editor started from."""

    reference: Text
    version: int | None = None


class TriageIn(StrictInput):
    """Scores, complexity and the two questions for one proposal, with any tier override,
    and the version of the proposal the triager started from (when they give one)."""

    reference: Text
    desirable: Score
    deliverable: Score
    affordable: Score
    complexity: Annotated[Complexity, _choice(Complexity, "a complexity")]
    complexity_kinds: Annotated[tuple[ComplexityKind, ...], BeforeValidator(_kinds)] = ()
    cross_group: bool = False
    hypothesis: bool = False
    override_tier: OptionalTier = None
    override_reason: Text = ""
    version: int | None = None

    @field_validator("complexity_kinds")
    @classmethod
    def _unique_kinds(cls, value: tuple[ComplexityKind, ...]) -> tuple[ComplexityKind, ...]:
        if len(set(value)) != len(value):
            raise ValueError("name each kind of complexity once")
        order = list(ComplexityKind)
        return tuple(sorted(value, key=order.index))

    @model_validator(mode="after")
    def _override_has_reason(self) -> TriageIn:
        if self.override_tier is not None and not self.override_reason:
            raise ValueError("override_reason: say why the panel sets a different tier")
        if self.override_tier is None and self.override_reason:
            raise ValueError("override_tier: choose the tier the reason is for")
        return self


class DecisionIn(StrictInput):
    """The panel's decision on a triaged proposal.

    `tier` defaults to the triage's tier; a different one is an override, explained by
    the rationale. `until` is for a deferral and `review_date` for an experiment.
    `code`, `sro` and `programme_manager` shape the initiative an acceptance creates
    (the code is generated and the SRO is the sponsor when left out). `supersedes`
    names the decision a correction replaces. `decided_on` defaults to today.
    `version` is the proposal's version as the decider read it (when they give one): a
    save is refused when someone else triaged, decided or changed it since.
    """

    reference: Text
    outcome: Annotated[Outcome, _choice(Outcome, "an outcome")]
    rationale: Text
    tier: OptionalTier = None
    until: OptionalDate = None
    review_date: OptionalDate = None
    decided_on: OptionalDate = None
    code: OptionalText = None
    sro: Text = ""
    programme_manager: Text = ""
    supersedes: int | None = None
    version: int | None = None

    @field_validator("rationale")
    @classmethod
    def _rationale(cls, value: str) -> str:
        if not value:
            raise ValueError("a reason is required: say why the panel decided this")
        return value

    @field_validator("decided_on")
    @classmethod
    def _decided_on(cls, value: date | None) -> date | None:
        return not_in_future(value)

    @model_validator(mode="after")
    def _fields_fit_the_outcome(self) -> DecisionIn:
        outcome = self.outcome
        if outcome is Outcome.DEFERRED and self.until is None:
            raise ValueError("until: give the date the proposal comes back to the panel")
        if outcome is not Outcome.DEFERRED and self.until is not None:
            raise ValueError("until: only a deferral has a date to come back")
        if outcome is Outcome.EXPERIMENT and self.review_date is None:
            raise ValueError("review_date: give the date the experiment is reviewed")
        if outcome is not Outcome.EXPERIMENT and self.review_date is not None:
            raise ValueError("review_date: only an experiment has a review date")
        if outcome is Outcome.EXPERIMENT and self.tier not in (None, Tier.EXPERIMENTAL):
            raise ValueError("tier: an experiment is always in the experimental tier")
        if not outcome.creates_initiative:
            for name in ("tier", "code"):
                if getattr(self, name) is not None:
                    raise ValueError(f"{name}: only an accepted proposal or an experiment has one")
            for name in ("sro", "programme_manager"):
                if getattr(self, name):
                    raise ValueError(f"{name}: only an accepted proposal or an experiment has one")
        return self
