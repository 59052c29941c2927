"""The tier rules: one test per rule, and their order (the first rule that applies wins)."""

from __future__ import annotations

import pytest

from store.front_door.tier_rules import RULES, TriageFacts, rule_by_number, suggest_tier
from store.types import Complexity, Tier

HIGH, MEDIUM, LOW = Complexity.HIGH, Complexity.MEDIUM, Complexity.LOW


def test_rule_1_high_complexity_spanning_business_groups_is_transformational():
    suggestion = suggest_tier(TriageFacts(HIGH, cross_group=True, hypothesis=False))
    assert suggestion.tier is Tier.TRANSFORMATIONAL
    assert suggestion.rule.number == 1
    assert suggestion.why == "rule 1: high complexity that spans business groups"


def test_rule_2_a_hypothesis_to_test_is_experimental():
    suggestion = suggest_tier(TriageFacts(MEDIUM, cross_group=False, hypothesis=True))
    assert (suggestion.tier, suggestion.rule.number) == (Tier.EXPERIMENTAL, 2)
    assert "hypothesis" in suggestion.why


def test_rule_3_low_complexity_in_one_business_group_is_incremental():
    suggestion = suggest_tier(TriageFacts(LOW, cross_group=False, hypothesis=False))
    assert (suggestion.tier, suggestion.rule.number) == (Tier.INCREMENTAL, 3)
    assert "local improvement to an established service" in suggestion.why


def test_rule_4_anything_else_is_mandated():
    for facts in (
        TriageFacts(MEDIUM, cross_group=False, hypothesis=False),
        TriageFacts(MEDIUM, cross_group=True, hypothesis=False),
        TriageFacts(HIGH, cross_group=False, hypothesis=False),
        TriageFacts(LOW, cross_group=True, hypothesis=False),
    ):
        suggestion = suggest_tier(facts)
        assert (suggestion.tier, suggestion.rule.number) == (Tier.MANDATED, 4), facts


def test_rule_1_comes_before_the_hypothesis_rule():
    facts = TriageFacts(HIGH, cross_group=True, hypothesis=True)
    assert suggest_tier(facts).rule.number == 1


def test_a_local_low_complexity_hypothesis_is_an_experiment_not_incremental():
    facts = TriageFacts(LOW, cross_group=False, hypothesis=True)
    assert suggest_tier(facts).tier is Tier.EXPERIMENTAL


@pytest.mark.parametrize("complexity", list(Complexity))
@pytest.mark.parametrize("cross_group", [False, True])
@pytest.mark.parametrize("hypothesis", [False, True])
def test_every_combination_gets_the_first_rule_that_applies(complexity, cross_group, hypothesis):
    facts = TriageFacts(complexity, cross_group, hypothesis)
    suggestion = suggest_tier(facts)
    first = next(rule for rule in RULES if rule.applies(facts))
    assert suggestion.rule is first and suggestion.tier is first.tier


def test_rules_are_numbered_in_order_and_described_for_the_screen():
    assert [rule.number for rule in RULES] == [1, 2, 3, 4]
    assert rule_by_number(2).describe() == "2. a hypothesis to test → experimental"
    assert {rule.tier for rule in RULES} == set(Tier)
