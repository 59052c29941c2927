"""The Star Chamber's demo month: every state and outcome, and fair to the seeds."""

from __future__ import annotations

from datetime import date

import pytest

from store.audit import verify_chain
from store.demo.star_chamber import ENTERED_BY, SECRETARY
from store.star_chamber.queries.departures import schemes
from store.star_chamber.queries.engagements import engagements
from store.star_chamber.queries.establishment import establishment_rows
from store.star_chamber.queries.meetings import list_meetings, meeting_detail
from store.star_chamber.queries.posting_list import posting_list
from store.star_chamber.queries.requests import RequestQuery, request_page
from tests.support.seeds import copied_from_seeds

GROUPS = {"DoI", "DoR", "HR", "SCD", "TP", "CO", "CORP"}


@pytest.fixture
def demo(demo_store):
    return demo_store


def test_two_meetings_one_closed_and_one_open_with_an_agenda(demo):
    with demo.reading() as connection:
        meetings = list_meetings(connection)
        open_meeting = meeting_detail(connection, date(2011, 6, 13))
        closed = meeting_detail(connection, date(2011, 5, 31))
    assert [(m.held_on, m.status) for m in meetings] == [
        (date(2011, 6, 13), "open"),
        (date(2011, 5, 31), "closed"),
    ]
    assert len(open_meeting.agenda) == 10 and not any(i.decided for i in open_meeting.agenda)
    assert [i.carried_over for i in open_meeting.agenda[:2]] == [True, True]
    assert all(item.decided for item in closed.agenda) and closed.union_reps


def test_about_thirty_requests_in_every_state_and_outcome_across_the_groups(demo):
    with demo.reading() as connection:
        rows = request_page(connection, RequestQuery(), limit=-1)
    assert len(rows) == 30
    assert {row.business_group for row in rows} == GROUPS
    assert {row.status for row in rows} == {"received", "on_agenda", "decided"}
    assert {row.outcome for row in rows} == {
        None,
        "approved",
        "approved_with_conditions",
        "rejected",
        "deferred",
        "withdrawn",
    }
    assert {row.staff_type for row in rows} == {"police_staff", "temporary_worker", "agency"}
    assert sum(row.is_extension for row in rows) == 2
    assert all(date(2011, 5, 1) <= row.received_on <= date(2011, 6, 13) for row in rows)


def test_no_one_decides_a_request_they_entered(demo):
    with demo.reading() as connection:
        pairs = connection.execute(
            "SELECT DISTINCT r.entered_by, d.recorded_by FROM sc_decision AS d "
            "JOIN sc_request AS r ON r.id = d.request_id"
        ).fetchall()
    assert pairs == [(ENTERED_BY, SECRETARY)]


def test_the_closed_meeting_holds_a_correction_and_overrides_with_their_warnings(demo):
    with demo.reading() as connection:
        closed = meeting_detail(connection, date(2011, 5, 31))
        decisions = [item.decision for item in closed.agenda]
        superseded = connection.execute(
            "SELECT COUNT(*) FROM sc_decision WHERE supersedes_id IS NOT NULL"
        ).fetchone()[0]
    assert superseded == 1
    overridden = [d for d in decisions if d.override_reason]
    assert len(overridden) == 3 and all(d.warnings for d in overridden)
    assert all(d.override_reason for d in decisions if d.warnings)
    steps = {d.posting_step for d in decisions if d.outcome.startswith("approved")}
    assert steps == {"posted", "none_suitable"}


def test_about_fifteen_displaced_staff_some_posted_one_left(demo):
    with demo.reading() as connection:
        people = posting_list(connection)
    statuses = [person.status for person in people]
    assert len(people) == 16
    assert (statuses.count("on_list"), statuses.count("posted"), statuses.count("left")) == (
        11,
        4,
        1,
    )
    assert all(person.posted_to for person in people if person.status == "posted")


def test_several_temporary_workers_some_near_their_maximum(demo):
    today = date(2011, 6, 13)
    with demo.reading() as connection:
        active = engagements(connection, today=today)
        soon = engagements(connection, today=today, ending_within_weeks=4)
    assert len(active) == 6
    assert [row.reference for row in soon] == ["TW-0003", "TW-0001"]
    assert soon[1].pending_extension == "SC-2011-0024"
    extended = next(row for row in active if row.reference == "TW-0002")
    assert extended.max_end_on == date(2011, 7, 29)  # 3 June + the 8 weeks approved


def test_establishment_figures_for_every_group(demo):
    with demo.reading() as connection:
        rows = establishment_rows(connection)
    police_staff = {row.business_group for row in rows if row.staff_group == "police_staff"}
    assert police_staff == GROUPS
    assert {row.financial_year for row in rows} == {"2011/12"}
    reductions = {
        row.business_group: row.reduction_x100 // 100
        for row in rows
        if row.staff_group == "police_staff"
    }
    assert sum(reductions.values()) == 663  # seed 000's police staff reduction for 2011/12


def test_early_departure_phase_one_matches_the_seed(demo):
    with demo.reading() as connection:
        phases = schemes(connection)
    one = phases[0].total
    assert (len(phases[0].groups), one.offered, one.accepted) == (5, 1349, 448)
    assert round(one.uptake_pct) == 33 and one.cost_gbp_k == 12_500
    names = [group.name for group in phases[1].groups]
    assert len(names) == 9 and "CCC" in names and "Traffic Wardens" in names
    assert phases[2].groups[0].name == "Logistical Services"


def test_the_chain_holds_after_the_demo(demo):
    with demo.reading() as connection:
        assert verify_chain(connection).ok


def test_no_star_chamber_text_is_copied_from_the_seeds(demo):
    queries = {
        "justification": "SELECT reference, justification FROM sc_request",
        "reason": "SELECT id, reason || ' ' || conditions || ' ' || none_suitable_reason || ' ' "
        "|| override_reason || ' ' || correction_reason FROM sc_decision",
        "skills": "SELECT reference, skills FROM sc_displaced",
        "scheme": "SELECT phase, name || ' ' || staff_groups || ' ' || terms "
        "FROM sc_departure_scheme",
    }
    with demo.reading() as connection:
        texts = [
            (f"{what} {row[0]}", row[1])
            for what, sql in queries.items()
            for row in connection.execute(sql)
        ]
    copied = copied_from_seeds(texts)
    assert not copied, "text copied from the seeds:\n" + "\n".join(copied)
