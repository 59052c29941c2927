"""Snapshots of the front door, change baseline and recommendations screens at 120x40 on
the demo portfolio, with the clock pinned to 14 June 2021 (spring 2021 proposals).

Update after an intended change with `pytest tests/snapshots --snapshot-update` and
review the SVGs in `tests/snapshots/__snapshots__/` before committing them.
"""

from __future__ import annotations

from datetime import date

from screens.front_door.triage_form import TriageScreen
from tests.support.snapshots import SIZE, steps

APP_TODAY = date(2021, 6, 14)


def _triage(reference: str):
    return lambda: TriageScreen(reference)


def test_front_door_queue(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("f"))


def test_front_door_queue_sorted_by_score(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("f", "s", "h"))


def test_triage_form_with_an_override(snap_compare, app):
    open_anpr = steps(screen=_triage("FD-2021-0015"))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_anpr)


def test_triage_form_after_an_empty_save(snap_compare, app):
    refuse_blank = steps("ctrl+s", screen=_triage("FD-2021-0020"))
    assert snap_compare(app, terminal_size=SIZE, run_before=refuse_blank)


def test_decision_form_deferring_without_a_date(snap_compare, app):
    defer = steps("ctrl+d", "d", "ctrl+s", screen=_triage("FD-2021-0014"))
    assert snap_compare(app, terminal_size=SIZE, run_before=defer)


def test_new_proposal_form(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("f", "n"))


def test_change_baseline(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("b"))


def test_review_recommendations(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=steps("R"))
