"""The review recommendations tracker: rules for progress, completion, and the demo's 32."""

from __future__ import annotations

import json

import pytest

from store.errors import InputError
from store.recommendations.queries import completion, list_recommendations, recommendation
from store.recommendations.services import add_recommendation, record_progress
from store.recommendations.types import Heading
from tests.support.reads import rows
from tests.support.writes import written


def _add(store, number, heading="Leadership", status="in_progress", percent=50):
    return written(
        store,
        add_recommendation,
        {
            "number": number,
            "heading": heading,
            "text": f"Recommendation {number}",
            "owner": "Head of Portfolio Office",
            "status": status,
            "percent_complete": percent,
        },
    )


def _progress(store, **data):
    return written(store, record_progress, data)


def _audit(store):
    return rows(
        store,
        "SELECT action, before_json, after_json, reason FROM audit_event "
        "WHERE entity = 'recommendation' ORDER BY id",
    )


def test_a_recommendation_records_number_heading_text_owner_status_and_percent(store):
    added = _add(store, 7, heading="portfolio & beyond", status="in progress", percent="40%")
    assert (added.number, added.heading, added.status, added.percent_complete) == (
        7,
        "Portfolio & Beyond",
        "in_progress",
        40,
    )
    assert added.status_label == "in progress" and added.version == 1
    with pytest.raises(InputError, match="number: recommendation 7 already exists"):
        _add(store, 7)


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("heading", {"heading": "Finance"}),
        ("status", {"status": "stalled"}),
        ("percent_complete", {"percent": 101}),
        ("percent_complete", {"status": "complete", "percent": 90}),
        ("percent_complete", {"status": "not_started", "percent": 10}),
        ("percent_complete", {"status": "in_progress", "percent": 100}),
    ],
)
def test_bad_recommendations_are_refused_naming_the_field(store, field, change):
    with pytest.raises(InputError) as caught:
        _add(store, 1, **change)
    assert caught.value.field == field
    with store.reading() as connection:
        assert list_recommendations(connection) == []


def test_recording_progress_bumps_the_version_and_is_audited_with_its_note(store):
    _add(store, 3, percent=50)
    done = _progress(
        store, number=3, status="complete", percent_complete=100, note="Signed off", version=1
    )
    assert (done.status, done.percent_complete, done.version) == ("complete", 100, 2)
    action, before, after, reason = _audit(store)[-1]
    assert action == "update" and reason == "Signed off"
    assert json.loads(before)["percent_complete"] == 50
    assert json.loads(after)["percent_complete"] == 100


def test_progress_from_a_stale_copy_is_refused_and_the_same_values_write_nothing(store):
    _add(store, 3, percent=50)
    _progress(store, number=3, status="in_progress", percent_complete=60, version=1)
    with pytest.raises(InputError, match=r"version: .*someone else"):
        _progress(store, number=3, status="in_progress", percent_complete=70, version=1)
    events = len(_audit(store))
    same = _progress(store, number=3, status="in_progress", percent_complete=60, version=2)
    assert same.version == 2 and len(_audit(store)) == events
    with pytest.raises(InputError, match="number: no recommendation 99"):
        _progress(store, number=99, status="complete", percent_complete=100)


def test_completion_by_heading_in_the_papers_order_and_overall(store):
    _add(store, 1, "Structures", "complete", 100)
    _add(store, 2, "Leadership", "in_progress", 50)
    _add(store, 3, "Leadership", "not_started", 0)
    with store.reading() as connection:
        by_heading, overall = completion(connection)
    assert [(c.heading, c.count, c.complete, c.percent) for c in by_heading] == [
        ("Leadership", 2, 0, 25),
        ("Structures", 1, 1, 100),
    ]
    assert (overall.count, overall.complete, overall.in_progress, overall.not_started) == (
        3,
        1,
        1,
        1,
    )
    assert overall.percent == 50


def test_the_demo_holds_32_recommendations_about_three_quarters_complete(demo_store):
    with demo_store.reading() as connection:
        rows = list_recommendations(connection)
        by_heading, overall = completion(connection)
        first = recommendation(connection, 1)
    assert [row.number for row in rows] == list(range(1, 33))
    assert [c.heading for c in by_heading] == [heading.value for heading in Heading]
    assert all(c.count >= 5 for c in by_heading)
    assert 70 <= overall.percent < 75  # "nearly three quarters complete"
    assert overall.complete and overall.in_progress and overall.not_started
    assert all(row.owner and row.text for row in rows)
    assert first.heading == "Leadership"
