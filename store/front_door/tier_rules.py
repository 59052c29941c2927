"""The rules that suggest a tier for a proposal, tried in order; the first that applies wins.

Pure functions over three facts the triage form records: the complexity, whether
the change spans business groups, and whether it is a hypothesis to test. The
screen shows every rule with the one that fired, so the panel can see why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from store.types import Complexity, Tier


@dataclass(frozen=True, slots=True)
class TriageFacts:
    """What the rules look at."""

    complexity: Complexity
    cross_group: bool
    hypothesis: bool


@dataclass(frozen=True, slots=True)
class TierRule:
    """One rule: its number, when it applies (in words and as a test), and its tier."""

    number: int
    when: str
    tier: Tier
    applies: Callable[[TriageFacts], bool]

    def describe(self) -> str:
        """`1. high complexity that spans business groups → transformational`."""
        return f"{self.number}. {self.when} → {self.tier.value}"


@dataclass(frozen=True, slots=True)
class TierSuggestion:
    """The suggested tier and the rule that produced it."""

    tier: Tier
    rule: TierRule

    @property
    def why(self) -> str:
        """`rule 2: a hypothesis to test`."""
        return f"rule {self.rule.number}: {self.rule.when}"


RULES: tuple[TierRule, ...] = (
    TierRule(
        1,
        "high complexity that spans business groups",
        Tier.TRANSFORMATIONAL,
        lambda facts: facts.complexity is Complexity.HIGH and facts.cross_group,
    ),
    TierRule(
        2,
        "a hypothesis to test",
        Tier.EXPERIMENTAL,
        lambda facts: facts.hypothesis,
    ),
    TierRule(
        3,
        "a local improvement to an established service (low complexity, one business group)",
        Tier.INCREMENTAL,
        lambda facts: facts.complexity is Complexity.LOW and not facts.cross_group,
    ),
    TierRule(
        4,
        "anything else",
        Tier.MANDATED,
        lambda facts: True,
    ),
)


def suggest_tier(facts: TriageFacts) -> TierSuggestion:
    """The tier of the first rule that applies to `facts` (the last rule always does)."""
    for rule in RULES:
        if rule.applies(facts):
            return TierSuggestion(rule.tier, rule)
    raise AssertionError("the last tier rule applies to everything")


def rule_by_number(number: int) -> TierRule:
    """The rule with this number."""
    return next(rule for rule in RULES if rule.number == number)
