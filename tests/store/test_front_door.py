"""Front door services: logging, triage and every decision path, with the audit log."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.audit import verify_chain
from store.errors import InputError
from store.front_door import services
from store.front_door.money import format_pounds, parse_pounds
from store.front_door.queries import proposal_detail, proposal_for_initiative
from store.portfolio.queries import initiative_detail
from tests.support.front_door_factories import add, business_groups, decide, table_counts, triage

TODAY = date(2021, 6, 14)


@pytest.fixture
def fd(store, frozen_clock):
    """A fresh store with three business groups; today is 14 June 2021."""
    frozen_clock.day = TODAY
    business_groups(store)
    return store


def detail(store, reference):
    with store.reading() as connection:
        return proposal_detail(connection, reference)


def events(store, entity=None):
    sql = "SELECT entity, action, before_json, after_json, reason, actor FROM audit_event"
    with store.reading() as connection:
        rows = connection.execute(sql + " ORDER BY id").fetchall()
    return [row for row in rows if entity is None or row[0] == entity]


def refused(store, field, call, *args, **kwargs):
    """Assert `call` raises InputError naming `field` and writes nothing; return the message."""
    before = table_counts(store)
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    assert caught.value.field == field, str(caught.value)
    assert table_counts(store) == before
    return str(caught.value)


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


# ---------------------------------------------------------------------- decisions


def test_deciding_a_proposal_that_has_not_been_triaged_is_refused(fd):
    reference = add(fd)
    message = refused(fd, "reference", decide, fd, reference, "accepted")
    assert "not been triaged" in message


def test_a_blank_reason_is_refused(fd):
    reference = add(fd)
    triage(fd, reference)
    assert "reason is required" in refused(
        fd, "rationale", decide, fd, reference, "rejected", rationale="  "
    )


def test_an_unknown_tier_or_outcome_is_refused(fd):
    reference = add(fd)
    triage(fd, reference)
    refused(fd, "tier", decide, fd, reference, "accepted", tier="urgent")
    refused(fd, "outcome", decide, fd, reference, "approved")


def test_accepting_creates_the_initiative_linked_both_ways(fd):
    reference = add(fd, data_digital=True)
    triage(
        fd, reference, complexity="high", cross_group=True, complexity_kinds="structural,emergent"
    )
    before = table_counts(fd)
    decision = decide(fd, reference, "accepted", sro="AC Lena Hart", programme_manager="Tom Rees")
    assert decision.initiative == "DRONE"
    assert decision.tier == "transformational" and decision.decided_by == "tester"
    after = table_counts(fd)
    assert after["initiative"] == before["initiative"] + 1
    assert after["audit_event"] == before["audit_event"] + 2  # the initiative's and the decision's
    with fd.reading() as connection:
        created = initiative_detail(connection, "DRONE")
        link = proposal_for_initiative(connection, "drone")
    assert (created.kind, created.tier, created.complexity) == (
        "programme",
        "transformational",
        "high",
    )
    assert created.complexity_kinds == ("structural", "emergent")
    assert (created.business_group, created.sro, created.programme_manager) == (
        "MO",
        "AC Lena Hart",
        "Tom Rees",
    )
    assert created.data_digital and created.lifecycle == "initiation"
    assert created.start_date == date(2021, 5, 1)
    assert reference in created.description
    assert (link.reference, link.outcome, link.decided_on) == (
        reference,
        "accepted",
        date(2021, 5, 1),
    )
    proposal = detail(fd, reference)
    assert proposal.status == "decided" and proposal.initiative == "DRONE"
    assert proposal.decision.outcome == "accepted"
    entities = [row[0] for row in events(fd)[-2:]]
    assert entities == ["initiative", "proposal_decision"]
    assert events(fd)[-1][4] == "The panel weighed the scores and agreed."


def test_accepting_uses_the_sponsor_as_sro_and_a_project_below_transformational(fd):
    reference = add(fd)
    triage(fd, reference)
    decision = decide(fd, reference, "accepted")
    with fd.reading() as connection:
        created = initiative_detail(connection, decision.initiative)
    assert (created.kind, created.tier, created.sro) == ("project", "mandated", "Supt Ada Wells")


def test_accepting_with_a_different_tier_overrides_the_triage(fd):
    reference = add(fd)
    triage(fd, reference, override_tier="incremental", override_reason="Local only.")
    decision = decide(fd, reference, "accepted", tier="mandated")
    assert decision.tier == "mandated"
    with fd.reading() as connection:
        assert initiative_detail(connection, decision.initiative).tier == "mandated"


def test_generated_codes_never_clash_and_a_typed_code_must_be_free(fd):
    codes = []
    for _ in range(3):
        reference = add(fd)
        triage(fd, reference)
        codes.append(decide(fd, reference, "accepted").initiative)
    assert codes == ["DRONE", "DRONE-2", "DRONE-3"]
    reference = add(fd, title="Custody tablets")
    triage(fd, reference)
    assert "already exists" in refused(fd, "code", decide, fd, reference, "accepted", code="DRONE")
    refused(fd, "code", decide, fd, reference, "accepted", code="not a code!")


def test_sending_to_experimentation_creates_an_experimental_initiative_with_a_review_date(fd):
    reference = add(fd)
    triage(fd, reference, hypothesis=True, complexity="low")
    decision = decide(fd, reference, "experiment", review_date="2021-11-30")
    assert (decision.tier, decision.review_date) == ("experimental", date(2021, 11, 30))
    with fd.reading() as connection:
        created = initiative_detail(connection, decision.initiative)
        link = proposal_for_initiative(connection, decision.initiative)
    assert (created.tier, created.complexity) == ("experimental", "low")
    assert "reviewed by 2021-11-30" in created.description
    assert link.review_date == date(2021, 11, 30)


def test_an_experiment_needs_a_review_date_after_the_decision_and_the_experimental_tier(fd):
    reference = add(fd)
    triage(fd, reference)
    refused(fd, "review_date", decide, fd, reference, "experiment")
    refused(fd, "review_date", decide, fd, reference, "experiment", review_date="2021-04-30")
    refused(
        fd, "tier", decide, fd, reference, "experiment", review_date="2021-12-01", tier="mandated"
    )
    refused(fd, "review_date", decide, fd, reference, "accepted", review_date="2021-12-01")


def test_rejecting_creates_nothing_and_takes_no_tier_or_dates(fd):
    reference = add(fd)
    triage(fd, reference)
    refused(fd, "tier", decide, fd, reference, "rejected", tier="mandated")
    refused(fd, "until", decide, fd, reference, "rejected", until="2021-09-01")
    refused(fd, "sro", decide, fd, reference, "rejected", sro="Someone")
    before = table_counts(fd)
    decision = decide(fd, reference, "rejected")
    assert decision.initiative is None and decision.tier is None
    assert table_counts(fd)["initiative"] == before["initiative"]
    assert detail(fd, reference).status == "decided"
    refused(fd, "reference", triage, fd, reference)  # rejected is final


def test_a_deferral_comes_back_into_the_queue_on_its_date(fd, frozen_clock):
    reference = add(fd)
    triage(fd, reference)
    refused(fd, "until", decide, fd, reference, "deferred")
    refused(fd, "until", decide, fd, reference, "deferred", until="2021-05-01")
    decide(fd, reference, "deferred", until="2021-07-01")
    assert detail(fd, reference).status == "decided"
    refused(fd, "reference", decide, fd, reference, "accepted")  # still waiting

    frozen_clock.day = date(2021, 6, 30)
    assert detail(fd, reference).status == "decided"
    frozen_clock.day = date(2021, 7, 1)
    proposal = detail(fd, reference)
    assert proposal.status == "in_triage" and proposal.stored_status == "decided"
    assert proposal.can_decide
    decision = decide(fd, reference, "accepted", decided_on="2021-07-02")
    assert decision.initiative is not None and decision.supersedes_id is None
    assert [d.outcome for d in detail(fd, reference).decisions] == ["accepted", "deferred"]


def test_a_returned_proposal_comes_back_through_a_new_triage(fd):
    reference = add(fd)
    triage(fd, reference)
    decide(fd, reference, "returned", rationale="Costs are missing.")
    assert detail(fd, reference).status == "decided"
    refused(fd, "reference", decide, fd, reference, "accepted")
    triage(fd, reference, affordable=5)
    proposal = detail(fd, reference)
    assert proposal.status == "in_triage" and proposal.triage_count == 2
    assert decide(fd, reference, "accepted").initiative is not None


def test_a_decision_is_never_edited_a_correction_supersedes_it(fd):
    reference = add(fd)
    triage(fd, reference)
    first = decide(fd, reference, "deferred", until="2021-07-01")
    refused(fd, "supersedes", decide, fd, reference, "deferred", until="2021-09-01", supersedes=999)
    correction = decide(
        fd,
        reference,
        "deferred",
        until="2021-09-01",
        supersedes=first.id,
        rationale="The minutes had the wrong month.",
    )
    assert correction.supersedes_id == first.id
    decisions = detail(fd, reference).decisions
    assert [(d.id, d.deferred_until) for d in decisions] == [
        (correction.id, date(2021, 9, 1)),
        (first.id, date(2021, 7, 1)),
    ]
    event = events(fd, "proposal_decision")[-1]
    assert event[1] == "correct" and event[4] == "The minutes had the wrong month."


def test_a_decision_that_created_an_initiative_cannot_be_superseded(fd):
    reference = add(fd)
    triage(fd, reference)
    accepted = decide(fd, reference, "accepted")
    message = refused(fd, "supersedes", decide, fd, reference, "rejected", supersedes=accepted.id)
    assert f"decision {accepted.id} created an initiative" in message


def test_a_decision_cannot_predate_the_proposal(fd):
    reference = add(fd)
    triage(fd, reference)
    refused(fd, "decided_on", decide, fd, reference, "rejected", decided_on="2021-03-01")


def test_every_change_is_in_the_audit_chain(fd):
    reference = add(fd)
    triage(fd, reference)
    decide(fd, reference, "accepted")
    with fd.reading() as connection:
        assert verify_chain(connection).ok
    actions = [(row[0], row[1]) for row in events(fd)][-4:]
    assert actions == [
        ("proposal", "create"),
        ("proposal_triage", "create"),
        ("initiative", "create"),
        ("proposal_decision", "create"),
    ]
