"""Deciding requests: the agenda rule, reasons and conditions, the Posting List first,
the vacancy factor check and deferrals carried over (closing and corrections are in
test_star_chamber_closing.py)."""

from __future__ import annotations

from datetime import date

from store.star_chamber.queries.meetings import meeting_detail
from store.star_chamber.queries.minutes import decision_preview
from store.star_chamber.queries.posting_list import displaced_by_reference, matches_for_grade
from store.star_chamber.queries.requests import request_row
from store.star_chamber.services.meetings import add_meeting
from store.star_chamber.services.posting_list import add_displaced, leave_list
from tests.support import star_chamber_world as world
from tests.support.star_chamber_world import decide_on, refused

# -------------------------------------------------------------- the agenda rule


def test_a_request_off_the_agenda_cannot_be_decided_there(sc):
    reference = world.request(sc, agenda=None)
    refused(sc, "reference", "not on the agenda", decide_on, reference, "rejected")
    with sc.reading() as connection:
        assert request_row(connection, reference).status == "received"


def test_a_meeting_not_yet_held_cannot_decide(sc):
    with sc.writing() as session:
        add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    reference = world.request(sc, agenda=date(2011, 6, 27))
    refused(
        sc, "meeting", "not been held yet", decide_on, reference, "rejected", meeting="2011-06-27"
    )


def test_every_decision_needs_a_reason(sc):
    reference = world.request(sc)
    refused(sc, "reason", "reason is required", decide_on, reference, "rejected", reason=" ")


def test_conditions_go_with_an_approval_with_conditions_and_only_with_it(sc):
    reference = world.request(sc)
    refused(
        sc,
        "conditions",
        "needs the conditions",
        decide_on,
        reference,
        "approved_with_conditions",
        none_suitable="No match.",
    )
    refused(
        sc,
        "conditions",
        "only an approval with conditions",
        decide_on,
        reference,
        "rejected",
        conditions="x",
    )
    decision = decide_on(
        sc,
        reference,
        "approved_with_conditions",
        none_suitable="No match.",
        conditions="Fixed term to March 2012.",
    )
    assert decision.conditions == "Fixed term to March 2012."


def test_a_rejection_finishes_the_request_and_cannot_be_decided_twice(sc):
    reference = world.request(sc)
    decision = decide_on(sc, reference, "rejected")
    assert (decision.outcome, decision.posting_step, decision.recorded_by) == (
        "rejected",
        "not_applicable",
        "tester",
    )
    with sc.reading() as connection:
        row = request_row(connection, reference)
    assert (row.status, row.outcome, row.decided_on) == ("decided", "rejected", world.MEETING)
    refused(sc, "reference", "already decided at this meeting", decide_on, reference, "withdrawn")


def test_withdrawn_is_final(sc):
    reference = world.request(sc)
    decide_on(sc, reference, "withdrawn")
    with sc.reading() as connection:
        assert request_row(connection, reference).status == "decided"


# --------------------------------------------------------- the Posting List first


def test_matches_are_the_same_band_and_one_band_away_on_the_list(sc):
    with sc.writing() as session:
        add_displaced(
            {"name": "Dee Bright", "grade": "B", "business_group": "TP", "listed_on": "2011-01-05"},
            session=session,
        )
        add_displaced({"name": "Eve Long", "grade": "C", "business_group": "DoR"}, session=session)
        leave_list({"reference": "PL-0005", "reason": "Took early departure"}, session=session)
    with sc.reading() as connection:
        matches = matches_for_grade(connection, "Band C")
    assert [(m.person.reference, m.label) for m in matches] == [
        ("PL-0001", "same band"),
        ("PL-0004", "one band above"),
        ("PL-0002", "one band below: with training"),
    ]  # PL-0003 is Band A (two away); PL-0005 has left


def test_an_approval_without_the_posting_list_step_is_refused(sc):
    reference = world.request(sc)
    refused(sc, "posted", "Posting List comes first", decide_on, reference)
    with sc.reading() as connection:
        assert request_row(connection, reference).status == "on_agenda"


def test_posting_someone_takes_them_off_the_list(sc):
    reference = world.request(sc)
    decision = decide_on(sc, reference, posted="pl-0002")
    assert decision.posting_step == "posted" and decision.posted_name == "Ben Dale"
    with sc.reading() as connection:
        person = displaced_by_reference(connection, "PL-0002")
        assert [m.person.reference for m in matches_for_grade(connection, "Band C")] == ["PL-0001"]
    assert (person.status, person.status_on, person.posted_to) == (
        "posted",
        world.MEETING,
        reference,
    )


def test_no_one_suitable_needs_its_reason(sc):
    reference = world.request(sc)
    decision = decide_on(sc, reference, none_suitable="PL-0001 lacks the licence the post needs.")
    assert decision.posting_step == "none_suitable"
    assert decision.posting_text.endswith("PL-0001 lacks the licence the post needs.")
    with sc.reading() as connection:
        assert displaced_by_reference(connection, "PL-0001").status == "on_list"


def test_the_posting_step_is_one_or_the_other_and_only_for_approvals(sc):
    reference = world.request(sc)
    refused(sc, "posted", "not both", decide_on, reference, posted="PL-0001", none_suitable="x")
    refused(sc, "posted", "only an approval", decide_on, reference, "rejected", posted="PL-0001")


def test_only_someone_on_the_list_and_within_one_band_can_be_posted(sc):
    reference = world.request(sc)
    refused(sc, "posted", "2 bands from this Band C post", decide_on, reference, posted="PL-0003")
    refused(sc, "posted", "no one on the Posting List", decide_on, reference, posted="PL-0099")
    with sc.writing() as session:
        leave_list({"reference": "PL-0001", "reason": "Resigned"}, session=session)
    refused(sc, "posted", "not on the Posting List", decide_on, reference, posted="PL-0001")


# ------------------------------------------------------- the vacancy factor check


def test_the_preview_shows_the_check_and_matches_before_deciding(sc):
    reference = world.request(sc, group="DoR", grade="D")
    with sc.reading() as connection:
        preview = decision_preview(connection, reference, world.MEETING)
    assert preview.impact.warns
    assert "vacancy factor to 4.00%, below its target of 5.0%" in preview.impact.warnings[0]
    assert [m.person.reference for m in preview.matches] == ["PL-0002", "PL-0001"]


def test_an_approval_taking_the_group_below_its_vacancy_factor_needs_an_override(sc):
    reference = world.request(sc, group="DoR", grade="D")
    refused(
        sc, "override_reason", "below its target of 5.0%", decide_on, reference, posted="PL-0002"
    )
    with sc.reading() as connection:
        assert displaced_by_reference(connection, "PL-0002").status == "on_list"
    decision = decide_on(
        sc, reference, posted="PL-0002", override_reason="Statutory returns are due."
    )
    assert decision.override_reason == "Statutory returns are due."
    assert decision.warnings and "below its target" in decision.warnings[0]
    assert any(line.startswith("Vacancy factor 5.00% → 4.00%") for line in decision.figures)


def test_a_group_without_figures_needs_an_override_too(sc):
    with sc.writing() as session:
        from store.portfolio.services import create_business_group

        create_business_group({"code": "HR", "name": "Human Resources"}, session=session)
    reference = world.request(sc, group="HR")
    refused(
        sc,
        "override_reason",
        "no police staff establishment figures",
        decide_on,
        reference,
        none_suitable="No match.",
    )


def test_approvals_since_the_count_use_up_the_room(sc):
    # TP: 1,000 budgeted, 900 in post: room for 50 FTE before the 5% target.
    big = world.request(sc, fte="49")
    decide_on(sc, big, none_suitable="No match.")
    another = world.request(sc, fte="2")
    refused(sc, "override_reason", "4.90%", decide_on, another, none_suitable="No match.")


def test_rejections_and_deferrals_are_not_checked(sc):
    reference = world.request(sc, group="DoR")
    assert decide_on(sc, reference, "deferred").warnings == ()


def test_the_reduction_plan_is_checked(sc):
    from store.star_chamber.services.establishment import set_establishment

    with sc.writing() as session:
        set_establishment(
            {
                "business_group": "TP",
                "staff_group": "police_staff",
                "financial_year": "2011/12",
                "budgeted": 1000,
                "strength": 900,
                "start_strength": 910,
                "reduction": 100,
                "target_vacancy_pct": 5,
                "as_of": "2011-06-01",
            },
            session=session,
        )
    reference = world.request(sc)
    refused(
        sc, "override_reason", "above its reduction plan", decide_on, reference, none_suitable="x"
    )


# --------------------------------------------------------------------- deferrals


def test_a_deferral_goes_back_onto_the_next_open_meeting(sc):
    with sc.writing() as session:
        add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    reference = world.request(sc)
    decide_on(sc, reference, "deferred", reason="Needs costings.")
    with sc.reading() as connection:
        row = request_row(connection, reference)
        later = meeting_detail(connection, date(2011, 6, 27))
    assert (row.status, row.outcome, row.meeting) == ("on_agenda", "deferred", date(2011, 6, 27))
    assert [(i.request.reference, i.carried_over) for i in later.agenda] == [(reference, True)]


def test_a_deferral_waits_for_the_next_meeting_to_be_scheduled(sc):
    reference = world.request(sc)
    fresh = world.request(sc, received="2011-06-10", agenda=None)
    decide_on(sc, reference, "deferred")
    with sc.reading() as connection:
        assert request_row(connection, reference).status == "received"
    with sc.writing() as session:
        detail = add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    assert [(i.request.reference, i.carried_over) for i in detail.agenda] == [(reference, True)]
    with sc.reading() as connection:
        assert request_row(connection, fresh).status == "received"
