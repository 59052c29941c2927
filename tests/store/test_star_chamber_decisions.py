"""Deciding requests: the agenda rule, reasons and conditions, the Posting List first,
the vacancy factor check, deferrals carried over, closing, and corrections."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.audit import verify_chain
from store.errors import InputError
from store.star_chamber.queries.decisions import decisions_on_request
from store.star_chamber.queries.meetings import meeting_detail
from store.star_chamber.queries.minutes import decision_preview
from store.star_chamber.queries.posting_list import displaced_by_reference, matches_for_grade
from store.star_chamber.queries.requests import request_row
from store.star_chamber.services.decisions import correct, decide
from store.star_chamber.services.meetings import add_meeting, close_meeting
from store.star_chamber.services.posting_list import add_displaced, leave_list
from tests.support import star_chamber_world as world


@pytest.fixture
def sc(store, frozen_clock):
    world.build(store)
    return store


def _decide(store, reference, outcome="approved", meeting=world.MEETING, **extra):
    data = {"reference": reference, "meeting": meeting, "outcome": outcome, "reason": "Agreed."}
    with store.writing() as session:
        return decide(data | extra, session=session)


def _refused(store, field, match, call, *args, **kwargs):
    before = world.audit_count(store)
    with pytest.raises(InputError, match=match) as error:
        call(store, *args, **kwargs)
    assert error.value.field == field
    assert world.audit_count(store) == before


# -------------------------------------------------------------- the agenda rule


def test_a_request_off_the_agenda_cannot_be_decided_there(sc):
    reference = world.request(sc, agenda=None)
    _refused(sc, "reference", "not on the agenda", _decide, reference, "rejected")
    with sc.reading() as connection:
        assert request_row(connection, reference).status == "received"


def test_a_meeting_not_yet_held_cannot_decide(sc):
    with sc.writing() as session:
        add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    reference = world.request(sc, agenda=date(2011, 6, 27))
    _refused(
        sc, "meeting", "not been held yet", _decide, reference, "rejected", meeting="2011-06-27"
    )


def test_every_decision_needs_a_reason(sc):
    reference = world.request(sc)
    _refused(sc, "reason", "reason is required", _decide, reference, "rejected", reason=" ")


def test_conditions_go_with_an_approval_with_conditions_and_only_with_it(sc):
    reference = world.request(sc)
    _refused(
        sc,
        "conditions",
        "needs the conditions",
        _decide,
        reference,
        "approved_with_conditions",
        none_suitable="No match.",
    )
    _refused(
        sc,
        "conditions",
        "only an approval with conditions",
        _decide,
        reference,
        "rejected",
        conditions="x",
    )
    decision = _decide(
        sc,
        reference,
        "approved_with_conditions",
        none_suitable="No match.",
        conditions="Fixed term to March 2012.",
    )
    assert decision.conditions == "Fixed term to March 2012."


def test_a_rejection_finishes_the_request_and_cannot_be_decided_twice(sc):
    reference = world.request(sc)
    decision = _decide(sc, reference, "rejected")
    assert (decision.outcome, decision.posting_step, decision.recorded_by) == (
        "rejected",
        "not_applicable",
        "tester",
    )
    with sc.reading() as connection:
        row = request_row(connection, reference)
    assert (row.status, row.outcome, row.decided_on) == ("decided", "rejected", world.MEETING)
    _refused(sc, "reference", "already decided at this meeting", _decide, reference, "withdrawn")


def test_withdrawn_is_final(sc):
    reference = world.request(sc)
    _decide(sc, reference, "withdrawn")
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
    _refused(sc, "posted", "Posting List comes first", _decide, reference)
    with sc.reading() as connection:
        assert request_row(connection, reference).status == "on_agenda"


def test_posting_someone_takes_them_off_the_list(sc):
    reference = world.request(sc)
    decision = _decide(sc, reference, posted="pl-0002")
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
    decision = _decide(sc, reference, none_suitable="PL-0001 lacks the licence the post needs.")
    assert decision.posting_step == "none_suitable"
    assert decision.posting_text.endswith("PL-0001 lacks the licence the post needs.")
    with sc.reading() as connection:
        assert displaced_by_reference(connection, "PL-0001").status == "on_list"


def test_the_posting_step_is_one_or_the_other_and_only_for_approvals(sc):
    reference = world.request(sc)
    _refused(sc, "posted", "not both", _decide, reference, posted="PL-0001", none_suitable="x")
    _refused(sc, "posted", "only an approval", _decide, reference, "rejected", posted="PL-0001")


def test_only_someone_on_the_list_and_within_one_band_can_be_posted(sc):
    reference = world.request(sc)
    _refused(sc, "posted", "2 bands from this Band C post", _decide, reference, posted="PL-0003")
    _refused(sc, "posted", "no one on the Posting List", _decide, reference, posted="PL-0099")
    with sc.writing() as session:
        leave_list({"reference": "PL-0001", "reason": "Resigned"}, session=session)
    _refused(sc, "posted", "not on the Posting List", _decide, reference, posted="PL-0001")


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
    _refused(
        sc, "override_reason", "below its target of 5.0%", _decide, reference, posted="PL-0002"
    )
    with sc.reading() as connection:
        assert displaced_by_reference(connection, "PL-0002").status == "on_list"
    decision = _decide(
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
    _refused(
        sc,
        "override_reason",
        "no police staff establishment figures",
        _decide,
        reference,
        none_suitable="No match.",
    )


def test_approvals_since_the_count_use_up_the_room(sc):
    # TP: 1,000 budgeted, 900 in post: room for 50 FTE before the 5% target.
    big = world.request(sc, fte="49")
    _decide(sc, big, none_suitable="No match.")
    another = world.request(sc, fte="2")
    _refused(sc, "override_reason", "4.90%", _decide, another, none_suitable="No match.")


def test_rejections_and_deferrals_are_not_checked(sc):
    reference = world.request(sc, group="DoR")
    assert _decide(sc, reference, "deferred").warnings == ()


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
    _refused(
        sc, "override_reason", "above its reduction plan", _decide, reference, none_suitable="x"
    )


# --------------------------------------------------------------------- deferrals


def test_a_deferral_goes_back_onto_the_next_open_meeting(sc):
    with sc.writing() as session:
        add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    reference = world.request(sc)
    _decide(sc, reference, "deferred", reason="Needs costings.")
    with sc.reading() as connection:
        row = request_row(connection, reference)
        later = meeting_detail(connection, date(2011, 6, 27))
    assert (row.status, row.outcome, row.meeting) == ("on_agenda", "deferred", date(2011, 6, 27))
    assert [(i.request.reference, i.carried_over) for i in later.agenda] == [(reference, True)]


def test_a_deferral_waits_for_the_next_meeting_to_be_scheduled(sc):
    reference = world.request(sc)
    fresh = world.request(sc, received="2011-06-10", agenda=None)
    _decide(sc, reference, "deferred")
    with sc.reading() as connection:
        assert request_row(connection, reference).status == "received"
    with sc.writing() as session:
        detail = add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    assert [(i.request.reference, i.carried_over) for i in detail.agenda] == [(reference, True)]
    with sc.reading() as connection:
        assert request_row(connection, fresh).status == "received"


# ----------------------------------------------------------- closing, corrections


def test_a_meeting_cannot_close_with_undecided_items(sc):
    decided = world.request(sc)
    waiting = world.request(sc)
    _decide(sc, decided, "rejected")
    with (
        pytest.raises(InputError, match=f"no decision yet \\({waiting}\\)"),
        sc.writing() as session,
    ):
        close_meeting(world.MEETING, session=session)
    _decide(sc, waiting, "deferred", reason="Not reached.")
    with sc.writing() as session:
        closed = close_meeting(world.MEETING, session=session)
    assert closed.status == "closed" and closed.closed_by == "tester"


def test_a_closed_meeting_takes_no_more_decisions_or_agenda_items(sc):
    reference = world.request(sc)
    _decide(sc, reference, "rejected")
    with sc.writing() as session:
        close_meeting(world.MEETING, session=session)
    waiting = world.request(sc, agenda=None)
    from store.star_chamber.services.meetings import add_to_agenda

    with pytest.raises(InputError, match="closed"), sc.writing() as session:
        add_to_agenda({"meeting": world.MEETING, "reference": waiting}, session=session)
    _refused(sc, "meeting", "closed and its decisions are final", _decide, reference, "withdrawn")


def test_a_correction_is_a_new_decision_naming_the_old_one_and_why(sc):
    reference = world.request(sc)
    old = _decide(sc, reference, posted="PL-0001")
    with sc.writing() as session:
        close_meeting(world.MEETING, session=session)
    with pytest.raises(InputError) as error, sc.writing() as session:
        correct(
            {"reference": reference, "outcome": "rejected", "reason": "x", "why": ""},
            session=session,
        )
    assert error.value.field == "why"
    with sc.writing() as session:
        new = correct(
            {
                "reference": reference,
                "outcome": "rejected",
                "reason": "Funding was withdrawn.",
                "why": "Finance confirmed after the meeting that there is no budget.",
            },
            session=session,
        )
    assert new.supersedes_id == old.id and new.decided_on == date(2011, 6, 13)
    assert new.correction_reason.startswith("Finance confirmed")
    with sc.reading() as connection:
        row = request_row(connection, reference)
        history = decisions_on_request(connection, row.id)
        person = displaced_by_reference(connection, "PL-0001")
        event = connection.execute(
            "SELECT action, reason, before_json FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert [(d.id, d.outcome, d.superseded_by_id) for d in history] == [
        (old.id, "approved", new.id),
        (new.id, "rejected", None),
    ]
    assert (row.outcome, row.status) == ("rejected", "decided")
    assert person.status == "on_list"  # the posting is undone with the approval
    assert event[0] == "correct" and event[1].startswith("Finance confirmed")
    assert json.loads(event[2])["outcome"] == "approved"


def test_correcting_a_deferral_takes_it_off_the_later_agenda(sc):
    with sc.writing() as session:
        add_meeting({"held_on": "2011-06-27", "chair": "Chair Two"}, session=session)
    reference = world.request(sc)
    _decide(sc, reference, "deferred")
    with sc.writing() as session:
        correct(
            {
                "reference": reference,
                "outcome": "approved",
                "reason": "Costings arrived before the minutes were agreed.",
                "none_suitable": "No match.",
                "why": "The chair approved it once the costings arrived.",
            },
            session=session,
        )
    with sc.reading() as connection:
        later = meeting_detail(connection, date(2011, 6, 27))
        row = request_row(connection, reference)
    assert later.agenda == () and (row.status, row.outcome) == ("decided", "approved")


def test_a_correction_obeys_the_same_rules(sc):
    reference = world.request(sc, group="DoR")
    _decide(sc, reference, "rejected")
    before = world.audit_count(sc)
    with pytest.raises(InputError) as error, sc.writing() as session:
        correct(
            {
                "reference": reference,
                "outcome": "approved",
                "reason": "On reflection.",
                "none_suitable": "No match.",
                "why": "Mistake",
            },
            session=session,
        )
    assert error.value.field == "override_reason" and world.audit_count(sc) == before
    with sc.reading() as connection:
        assert request_row(connection, reference).outcome == "rejected"


def test_a_request_without_a_decision_cannot_be_corrected(sc):
    reference = world.request(sc)
    with pytest.raises(InputError, match="no decision to correct"), sc.writing() as session:
        correct(
            {"reference": reference, "outcome": "rejected", "reason": "x", "why": "y"},
            session=session,
        )


def test_each_change_is_one_audit_event_and_the_chain_holds(sc):
    before = world.audit_count(sc)
    reference = world.request(sc)  # two changes: logged, then put on the agenda
    _decide(sc, reference, posted="PL-0001")  # one change, with its posting
    assert world.audit_count(sc) == before + 3
    with sc.reading() as connection:
        assert verify_chain(connection).ok
        entities = [
            row[0]
            for row in connection.execute("SELECT entity FROM audit_event ORDER BY id DESC LIMIT 3")
        ]
    assert entities == ["sc_decision", "sc_agenda_item", "sc_request"]
