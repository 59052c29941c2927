"""Snapshots of the Star Chamber screens at 120x40 on the demo, with the clock pinned
(today is 2011-06-13, the day of the open meeting).

Update after an intended change with `pytest tests/snapshots --snapshot-update` and
review the SVGs in `tests/snapshots/__snapshots__/` before committing them.
"""

from __future__ import annotations

import pytest

from store.portfolio.services import set_current_period
from tests.support.snapshots import SIZE, steps


def test_star_chamber(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s"))


def test_star_chamber_meeting_with_a_warning(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "m", "j", "j", "j"))


def test_star_chamber_decision_posting_a_displaced_person(snap_compare, app):
    keys = steps("s", "m", "j", "j", "d", "a", "tab", "home", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys)


def test_star_chamber_minutes_of_the_closed_meeting(snap_compare, app):
    assert snap_compare(
        app, terminal_size=SIZE, run_before=steps("s", "down", "i", "pagedown", "pagedown")
    )


def test_posting_list(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "p"))


def test_engagements_ending_within_four_weeks(snap_compare, app, demo_store):
    """Reporting on 2011-Q2, which contains the pinned today: two end within four weeks."""
    with demo_store.writing() as session:
        set_current_period("2011-Q2", session=session)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "w"))


def test_every_engagement_as_at_the_reporting_period(snap_compare, app):
    """The demo reports on 2011-Q1: weeks left count to 2011-03-31, none is past its
    maximum, and the two that started in June have none yet."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "w", "a"))


def test_establishment(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "e"))


def test_early_departure_schemes(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "d"))


def test_new_request_form_after_an_empty_save(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("s", "n", "ctrl+s"))


# The meeting and the decide dialog at the smallest terminal they must work in and at a
# large one: at 80x24 the agenda sits above the item, and the dialog's fields scroll
# between its title and its Save and Cancel buttons, which always show.
MEETING_KEYS = ("s", "m", "j", "j", "j")
DECIDE_KEYS = ("s", "m", "j", "j", "d", "a", "tab", "home", "enter")


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_star_chamber_meeting_at_size(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=steps(*MEETING_KEYS))


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_star_chamber_decide_dialog_at_size(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=steps(*DECIDE_KEYS))
