"""Snapshots of the front door, change baseline and recommendations screens at 120x40 on
the demo portfolio, with the clock pinned to 14 June 2021 (spring 2021 proposals).

Update after an intended change with `pytest tests/snapshots --snapshot-update` and
review the SVGs in `tests/snapshots/__snapshots__/` before committing them.
"""

from __future__ import annotations

from datetime import date

import pytest

from store.handle import Store
from tests.snapshots import SIZE
from tests.support.tui import settle
from tui.app import PortfolioApp


@pytest.fixture
def app(demo_path, frozen_clock):
    frozen_clock.day = date(2021, 6, 14)
    store = Store(f"sqlite:///{demo_path}", "tester")
    yield PortfolioApp(store, warm_up=False)
    store.close()


def _opening(*keys: str):
    async def run(pilot):
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


def test_front_door_queue(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_opening("f"))


def test_front_door_queue_sorted_by_score(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_opening("f", "s", "h"))


def test_triage_form_with_an_override(snap_compare, app):
    async def open_anpr(pilot):
        await settle(pilot)
        from screens.front_door.triage_form import TriageScreen

        pilot.app.push_screen(TriageScreen("FD-2021-0015"))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_anpr)


def test_triage_form_after_an_empty_save(snap_compare, app):
    async def refuse_blank(pilot):
        await settle(pilot)
        from screens.front_door.triage_form import TriageScreen

        pilot.app.push_screen(TriageScreen("FD-2021-0020"))
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=refuse_blank)


def test_decision_form_deferring_without_a_date(snap_compare, app):
    async def defer(pilot):
        await settle(pilot)
        from screens.front_door.triage_form import TriageScreen

        pilot.app.push_screen(TriageScreen("FD-2021-0014"))
        await settle(pilot)
        for key in ("ctrl+d", "d", "ctrl+s"):
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=defer)


def test_new_proposal_form(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_opening("f", "n"))


def test_change_baseline(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_opening("b"))


def test_review_recommendations(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_opening("R"))
