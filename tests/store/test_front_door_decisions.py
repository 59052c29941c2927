"""Front door decisions: every outcome, what each creates, corrections that supersede,
and the audit log."""

from __future__ import annotations

from datetime import date

from store.audit import verify_chain
from store.front_door.queries import proposal_for_initiative
from store.portfolio.queries import initiative_detail
from tests.support.front_door_factories import (
    add,
    decide,
    detail,
    events,
    refused,
    table_counts,
    triage,
)

TODAY = date(2021, 6, 14)


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
    decision = decide(fd, reference, "accepted", decided_on="2021-07-01")
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


def test_a_decision_cannot_be_dated_after_today(fd):
    reference = add(fd)
    triage(fd, reference)
    message = refused(fd, "decided_on", decide, fd, reference, "rejected", decided_on="2031-01-01")
    assert "2031-01-01 is in the future; give the day it happened" in message


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
