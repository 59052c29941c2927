"""Front door services: logging and triage (decisions are in test_front_door_decisions.py)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.front_door import services
from store.front_door.money import format_pounds, parse_pounds
from tests.support.front_door_factories import (
    add,
    decide,
    detail,
    events,
    refused,
    triage,
)

TODAY = date(2021, 6, 14)


# --------------------------------------------------------------------- proposals


def test_a_proposal_is_received_with_a_yearly_reference_and_who_entered_it(fd):
    first = add(fd)
    second = add(fd, title="Custody tablets")
    next_year = add(fd, title="Cell door sensors", received_on="2022-01-05")
    assert (first, second, next_year) == ("FD-2021-0001", "FD-2021-0002", "FD-2022-0001")
    proposal = detail(fd, first)
    assert proposal.status == "received" and proposal.triage is None
    assert proposal.entered_by == "entrant"  # factories log proposals as `entrant`
    assert (proposal.cost_pence, proposal.yearly_benefit_pence) == (12_000_000, 4_500_000)
    assert proposal.age_days == (TODAY - date(2021, 4, 1)).days
    (event,) = events(fd, "proposal")[:1]
    assert event[1] == "create" and json.loads(event[3])["reference"] == first


def test_received_defaults_to_today(fd):
    reference = add(fd, received_on=None)
    assert reference == "FD-2021-0001"
    assert detail(fd, reference).received_on == TODAY


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("title", {"title": "  "}),
        ("sponsor", {"sponsor": ""}),
        ("problem", {"problem": ""}),
        ("business_group", {"business_group": "XX"}),
        ("cost", {"cost": "a lot"}),
        ("yearly_benefit", {"yearly_benefit": "-5"}),
        ("requested_tier", {"requested_tier": "urgent"}),
        ("received_on", {"received_on": "2021-02-30"}),
    ],
)
def test_a_bad_proposal_is_refused_naming_the_field(fd, field, change):
    refused(fd, field, add, fd, **change)


def test_money_is_read_from_pounds_as_typed_and_never_a_float():
    assert parse_pounds("£1.2m") == 120_000_000
    assert parse_pounds("250,000") == 25_000_000
    assert parse_pounds("12.50") == 1_250
    assert parse_pounds(" ") is None
    assert format_pounds(120_000_000) == "£1,200,000"
    assert format_pounds(1_250) == "£12.50"
    with pytest.raises(ValueError, match="negative"):
        parse_pounds("-1")


def test_a_proposal_can_be_corrected_until_a_final_decision(fd):
    reference = add(fd)
    with fd.writing() as session:
        services.update_proposal(
            {
                "reference": reference,
                "version": 1,
                "title": "Drone support for searches",
                "business_group": "FLP",
                "sponsor": "Supt Ada Wells",
                "problem": "Searches take too long.",
                "cost": "150k",
            },
            session=session,
        )
    changed = detail(fd, reference)
    assert (changed.title, changed.business_group, changed.cost_pence) == (
        "Drone support for searches",
        "FLP",
        15_000_000,
    )
    assert changed.version == 2
    update = events(fd, "proposal")[-1]
    assert update[1] == "update" and json.loads(update[2])["title"].startswith("Drone support for")

    stale = {
        "reference": reference,
        "version": 1,
        "title": "Another title",
        "business_group": "FLP",
        "sponsor": "Supt Ada Wells",
        "problem": "Searches take too long.",
    }

    def save(data):
        with fd.writing() as session:
            services.update_proposal(data, session=session)

    assert "someone else" in refused(fd, "version", save, stale)
    triage(fd, reference)
    decide(fd, reference, "rejected")
    assert "rejected" in refused(fd, "reference", save, {**stale, "version": None})


# ------------------------------------------------------------------------- triage


def test_triage_scores_suggests_a_tier_by_the_rules_and_puts_it_in_triage(fd):
    reference = add(fd)
    result = triage(fd, reference, complexity="high", cross_group=True, complexity_kinds="")
    assert result.status == "in_triage"
    assert (result.triage.suggested_tier, result.triage.suggested_rule) == ("transformational", 1)
    assert result.triage.score == 11 and result.triage.triaged_by == "tester"
    proposal = detail(fd, reference)
    assert proposal.status == "in_triage" and proposal.triage.tier == "transformational"
    (event,) = events(fd, "proposal_triage")
    assert json.loads(event[2])["status"] == "received"
    assert json.loads(event[3])["status"] == "in_triage"


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("desirable", {"desirable": 0}),
        ("deliverable", {"deliverable": 6}),
        ("affordable", {"affordable": "three"}),
        ("complexity", {"complexity": "extreme"}),
        ("complexity_kinds", {"complexity_kinds": "structural,political"}),
        ("complexity_kinds", {"complexity_kinds": "emergent,emergent"}),
        ("override_tier", {"override_tier": "urgent", "override_reason": "x"}),
        ("override_reason", {"override_tier": "transformational"}),
        ("override_tier", {"override_reason": "because"}),
        ("override_tier", {"override_tier": "mandated", "override_reason": "same as rule 4"}),
        ("reference", {"reference": "FD-2021-9999"}),
    ],
)
def test_bad_triage_is_refused_naming_the_field_and_nothing_is_written(fd, field, change):
    reference = add(fd)
    change = dict(change)
    refused(fd, field, triage, fd, change.pop("reference", reference), **change)
    assert detail(fd, reference).status == "received"


def test_the_panel_may_override_the_suggested_tier_with_a_reason(fd):
    reference = add(fd)
    result = triage(
        fd, reference, override_tier="incremental", override_reason="A tweak to one team's rota."
    )
    assert result.triage.suggested_tier == "mandated"
    assert result.triage.tier == "incremental"
    assert result.triage.override_reason == "A tweak to one team's rota."


def test_a_re_triage_adds_a_record_and_the_latest_counts(fd):
    reference = add(fd)
    triage(fd, reference)
    triage(fd, reference, desirable=2, hypothesis=True)
    proposal = detail(fd, reference)
    assert proposal.triage_count == 2
    assert proposal.triage.desirable == 2 and proposal.triage.tier == "experimental"
