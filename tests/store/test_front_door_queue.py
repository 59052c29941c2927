"""The front door queue read: grouped by status with headings, aged, filtered, sorted, paged."""

from __future__ import annotations

from datetime import date

import pytest

from store.front_door.queries import (
    ProposalQuery,
    list_proposals,
    proposal_detail,
    proposal_references,
    queue_length,
    queue_page,
    queue_position,
    queue_summary,
    suggested_code,
)
from store.front_door.read_models import ProposalRow, QueueHeading
from store.front_door.types import ProposalStatus
from tests.support.front_door_factories import add, business_groups, decide, triage

TODAY = date(2021, 6, 14)


@pytest.fixture
def queue(store, frozen_clock):
    """Five proposals: two received, two in triage (scores 7 and 13), one decided."""
    frozen_clock.day = TODAY
    business_groups(store)
    refs = {
        "old": add(store, title="Old unscored idea", received_on="2021-03-01"),
        "new": add(store, title="New unscored idea", received_on="2021-06-10", sponsor="Zed Ray"),
        "low": add(store, title="Low scorer", received_on="2021-04-01", business_group="DP"),
        "high": add(store, title="High scorer", received_on="2021-05-01"),
        "done": add(store, title="Already decided", received_on="2021-02-01"),
    }
    triage(store, refs["low"], desirable=2, deliverable=2, affordable=3)
    triage(store, refs["high"], desirable=5, deliverable=4, affordable=4)
    triage(store, refs["done"])
    decide(store, refs["done"], "rejected")
    return refs


def page(store, query: ProposalQuery | None = None, **kwargs):
    with store.reading() as connection:
        return queue_page(connection, query or ProposalQuery(), **kwargs)


def shape(rows):
    return [
        f"# {row.status} {row.count}" if isinstance(row, QueueHeading) else row.title
        for row in rows
    ]


def test_grouped_by_status_with_a_heading_each_oldest_first(store, queue):
    assert shape(page(store)) == [
        "# received 2",
        "Old unscored idea",
        "New unscored idea",
        "# in_triage 2",
        "Low scorer",
        "High scorer",
        "# decided 1",
        "Already decided",
    ]


def test_age_in_days_counts_from_the_date_received_to_today(store, queue):
    rows = {row.title: row for row in page(store) if isinstance(row, ProposalRow)}
    assert rows["Old unscored idea"].age_days == (TODAY - date(2021, 3, 1)).days == 105
    assert rows["New unscored idea"].age_days == 4


def test_sortable_by_total_score_highest_first_unscored_last(store, queue):
    by_score = shape(page(store, ProposalQuery(sort="score")))
    assert by_score[3:6] == ["# in_triage 2", "High scorer", "Low scorer"]
    rows = [row for row in page(store, ProposalQuery(sort="score")) if isinstance(row, ProposalRow)]
    assert [row.score for row in rows] == [None, None, 13, 7, 11]
    lowest = shape(page(store, ProposalQuery(sort="score", descending=True)))
    assert lowest[4:6] == ["Low scorer", "High scorer"]


def test_filter_text_matches_reference_title_sponsor_and_business_group(store, queue):
    assert shape(page(store, ProposalQuery(text="scorer"))) == [
        "# in_triage 2",
        "Low scorer",
        "High scorer",
    ]
    assert shape(page(store, ProposalQuery(text="zed"))) == ["# received 1", "New unscored idea"]
    assert shape(page(store, ProposalQuery(text="dp"))) == ["# in_triage 1", "Low scorer"]
    assert shape(page(store, ProposalQuery(text=queue["done"]))) == [
        "# decided 1",
        "Already decided",
    ]
    assert page(store, ProposalQuery(text="100%_")) == []


def test_status_filter_and_hiding_decided(store, queue):
    query = ProposalQuery(status=ProposalStatus.IN_TRIAGE)
    with store.reading() as connection:
        assert [row.title for row in list_proposals(connection, query)] == [
            "Low scorer",
            "High scorer",
        ]
    assert "# decided 1" not in shape(page(store, ProposalQuery(hide_decided=True)))


def test_summary_length_position_and_paging_agree(store, queue):
    query = ProposalQuery()
    with store.reading() as connection:
        summary = queue_summary(connection, query)
        assert (summary.received, summary.in_triage, summary.decided) == (2, 2, 1)
        assert queue_length(summary) == 8
        assert queue_length(summary, hide_decided=True) == 6
        assert queue_position(connection, query, queue["high"]) == 5
        assert queue_position(connection, ProposalQuery(text="old"), queue["high"]) is None
    window = page(store, query, offset=4, limit=2)
    assert shape(window) == ["Low scorer", "High scorer"]


def test_a_due_deferral_moves_from_decided_to_in_triage(store, queue, frozen_clock):
    decide(store, queue["high"], "deferred", until="2021-06-20")
    assert shape(page(store))[3:5] == ["# in_triage 1", "Low scorer"]
    frozen_clock.day = date(2021, 6, 20)
    rows = [row for row in page(store) if isinstance(row, ProposalRow)]
    deferred = next(row for row in rows if row.title == "High scorer")
    assert deferred.status == "in_triage" and deferred.deferral_due
    assert deferred.outcome == "deferred"


def test_the_row_carries_the_keys_the_cli_prints(store, queue):
    decided = next(
        row for row in page(store) if isinstance(row, ProposalRow) and row.outcome is not None
    )
    assert (decided.outcome, decided.score, decided.suggested_tier, decided.tier) == (
        "rejected",
        11,
        "mandated",
        "mandated",
    )
    assert decided.initiative is None


def test_palette_references_and_the_code_an_acceptance_would_get(store, queue):
    with store.reading() as connection:
        references = proposal_references(connection)
        assert references[0] == (queue["done"], "Already decided")  # logged last
        assert suggested_code(connection, "High scorer", queue["high"]) == "HIGH-SCORER"


def test_the_queue_pages_in_sql_over_thousands_of_proposals(store, frozen_clock):
    from store.front_door import services

    frozen_clock.day = TODAY
    business_groups(store)
    with store.writing() as session:
        for n in range(2000):
            services.add_proposal(
                {
                    "title": f"Idea {n:04d}",
                    "business_group": "MO",
                    "sponsor": "Sponsor",
                    "problem": "A problem.",
                    "received_on": f"2021-0{1 + n % 6}-1{n % 9}",
                },
                session=session,
            )
    with store.reading() as connection:
        summary = queue_summary(connection, ProposalQuery())
        window = queue_page(connection, ProposalQuery(), offset=1500, limit=50)
    assert summary.received == 2000 and queue_length(summary) == 2001
    assert len(window) == 50 and all(isinstance(row, ProposalRow) for row in window)


def test_ages_count_to_the_reporting_date_given_not_today(store, queue):
    """Read as at 2021-03-31 (the end of 2021-Q1), a proposal received on 1 March is 30
    days old, not 105; one received after that date has no age, never a negative one."""
    as_at = date(2021, 3, 31)
    rows = {row.title: row for row in page(store, as_at=as_at) if isinstance(row, ProposalRow)}
    old, new = rows["Old unscored idea"], rows["New unscored idea"]
    assert (old.age_days, old.age, old.as_at) == (30, "30 days", as_at)
    assert (new.age_days, new.age, new.as_at) == (None, "after", as_at)
    with store.reading() as connection:
        detail = proposal_detail(connection, queue["new"], as_at=as_at)
        listed = {row.title: row.age_days for row in list_proposals(connection, as_at=as_at)}
    assert (detail.age_days, detail.as_at) == (None, as_at)
    assert listed["Already decided"] == 58 and listed["High scorer"] is None


def test_the_status_still_follows_today_when_ages_are_as_at_an_earlier_date(store, queue):
    """A deferral whose date has come is back in the queue whatever date ages count to."""
    with store.reading() as connection:
        summary = queue_summary(connection, ProposalQuery(), today=TODAY)
        rows = queue_page(connection, ProposalQuery(), today=TODAY, as_at=date(2021, 3, 31))
    assert sum(isinstance(row, ProposalRow) for row in rows) == 5
    assert (summary.received, summary.in_triage, summary.decided) == (2, 2, 1)
