"""Snapshots of the Star Chamber screens at 120x40 on the demo, with the clock pinned
(today is 2011-06-13, the day of the open meeting).

Update after an intended change with `pytest tests/snapshots --snapshot-update` and
review the SVGs in `tests/snapshots/__snapshots__/` before committing them.
"""

from __future__ import annotations

from tests.support.snapshots import SIZE, steps


def test_star_chamber(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s"))


def test_star_chamber_meeting_with_a_warning(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "m", "j", "j", "j"))


def test_star_chamber_decision_posting_a_displaced_person(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "m", "j", "j", "d", "a"))


def test_star_chamber_minutes_of_the_closed_meeting(snap_compare, app):
    assert snap_compare(
        app, terminal_size=SIZE, run_before=steps("s", "down", "i", "pagedown", "pagedown")
    )


def test_posting_list(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "p"))


def test_engagements_ending_within_four_weeks(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "w"))


def test_establishment(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "e"))


def test_early_departure_schemes(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "d"))


def test_new_request_form_after_an_empty_save(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "n", "ctrl+s"))
