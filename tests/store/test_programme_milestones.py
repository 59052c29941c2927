"""Milestones: slippage in days, the overdue rule as at the reporting date (the end of
the current reporting period, or the pinned today while that period runs), and edits."""

from __future__ import annotations

from datetime import date

import pytest

from store.errors import InputError
from store.portfolio.queries import PortfolioQuery, portfolio_page, portfolio_row
from store.portfolio.services import set_current_period
from store.programme.milestones.queries import (
    TimelineQuery,
    list_milestones,
    milestone,
    milestones_of,
    timeline_count,
    timeline_page,
)
from store.programme.milestones.services import create_milestone, update_milestone
from tests.support.factories import small_portfolio
from tests.support.writes import written


@pytest.fixture
def small(store, frozen_clock):
    small_portfolio(store)
    return store


def _report_on(store, period: str) -> None:
    with store.writing() as session:
        set_current_period(period, session=session)


def _add(store, **fields):
    return written(store, create_milestone, {"code": "TPD", **fields})


def test_slippage_is_forecast_or_actual_minus_baseline(small):
    late = _add(small, name="Late", baseline="2011-09-30", forecast="2011-11-30")
    early = _add(small, name="Early", baseline="2011-09-30", forecast="2011-09-20")
    done = _add(
        small, name="Done", baseline="2011-03-01", forecast="2011-05-01", actual="2011-03-16"
    )
    on_plan = _add(small, name="On plan", baseline="2011-12-01")
    assert late.slip_days == 61
    assert early.slip_days == -10
    assert done.slip_days == 15 and done.status == "done"  # actual wins over forecast
    assert on_plan.slip_days == 0 and on_plan.forecast is None


def test_overdue_means_not_done_and_due_before_today(small):
    # The pinned today is 2011-06-13; reporting on 2011-Q2 (which contains it), overdue
    # is decided as at today. (The factory reports on 2011-Q1: see the next test.)
    _report_on(small, "2011-Q2")
    _add(small, name="Past baseline", baseline="2011-06-12")
    _add(small, name="Past forecast", baseline="2011-07-01", forecast="2011-06-01")
    _add(small, name="Moved out", baseline="2011-05-01", forecast="2011-07-01")
    _add(small, name="Due today", baseline="2011-06-13")
    _add(small, name="Done late", baseline="2011-05-01", actual="2011-06-01")
    _add(small, name="Dropped", baseline="2011-05-01", status="cancelled")
    with small.reading() as connection:
        overdue = {m.name for m in list_milestones(connection, "TPD") if m.overdue}
        only = [m.name for m in list_milestones(connection, overdue_only=True)]
        row = portfolio_row(connection, "TPD")
        rows = {r.code: r for r in portfolio_page(connection, PortfolioQuery())}
    assert overdue == {"Past baseline", "Past forecast"}
    assert sorted(only) == sorted(overdue)
    assert row.overdue_milestones == 2
    assert rows["TPD"].overdue_milestones == 2 and rows["DRM"].overdue_milestones == 0


def test_overdue_is_as_at_the_end_of_an_earlier_reporting_period(small):
    # Reporting on 2011-Q1, overdue is decided as at 2011-03-31, not the pinned today.
    _add(small, name="Due in March", baseline="2011-03-30")
    _add(small, name="Due in June", baseline="2011-06-12")
    created = _add(small, name="Due in April", baseline="2011-04-01")
    with small.reading() as connection:
        overdue = {m.name for m in list_milestones(connection, "TPD") if m.overdue}
        row = portfolio_row(connection, "TPD")
    assert overdue == {"Due in March"} and row.overdue_milestones == 1
    assert created.overdue is False  # what the service returns agrees


def test_done_needs_an_actual_date_and_actual_dates_are_not_in_the_future(small):
    with pytest.raises(InputError) as caught:
        _add(small, name="X", baseline="2011-06-01", status="done")
    assert caught.value.field == "actual"
    with pytest.raises(InputError) as caught:
        _add(small, name="X", baseline="2011-06-01", actual="2011-07-01")
    assert caught.value.field == "actual" and "future" in caught.value.problem
    with pytest.raises(InputError) as caught:
        _add(small, name="X", baseline="2011-06-01", actual="2011-06-01", status="planned")
    assert caught.value.field == "status"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "", "baseline": "2011-06-01"}, "name"),
        ({"name": "X"}, "baseline"),
        ({"name": "X", "baseline": "2011-02-30"}, "baseline"),
        ({"name": "X", "baseline": "2011-06-01", "status": "finished"}, "status"),
        ({"name": "X", "baseline": "2011-06-01", "code": "NOPE"}, "code"),
    ],
)
def test_bad_milestones_are_refused_naming_the_field(small, fields, field):
    with pytest.raises(InputError) as caught, small.writing() as session:
        create_milestone({"code": "TPD", **fields}, session=session)
    assert caught.value.field == field
    with small.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM milestone").fetchone() == (0,)


def test_names_are_unique_within_an_initiative(small):
    _add(small, name="Go live", baseline="2011-06-01")
    with pytest.raises(InputError, match="already has a milestone"):
        _add(small, name="go live", baseline="2011-07-01")
    with small.writing() as session:
        create_milestone(
            {"code": "DRM", "name": "Go live", "baseline": "2011-07-01"}, session=session
        )


def test_updating_moves_the_forecast_marks_it_done_and_bumps_the_version(small):
    _add(small, name="Go live", baseline="2011-06-01", forecast="2011-06-10")
    with small.writing() as session:
        moved = update_milestone(
            {"code": "TPD", "name": "go live", "forecast": "2011-08-01"}, session=session
        )
    assert moved.slip_days == 61 and moved.version == 2 and not moved.overdue
    with small.writing() as session:
        done = update_milestone(
            {"code": "TPD", "name": "Go live", "actual": "2011-06-12", "expected_version": 2},
            session=session,
        )
    assert done.status == "done" and done.actual == date(2011, 6, 12) and done.slip_days == 11
    with pytest.raises(InputError, match="changed by someone else"), small.writing() as s:
        update_milestone(
            {"code": "TPD", "name": "Go live", "forecast": "", "expected_version": 2}, session=s
        )
    with small.writing() as session:
        reopened = update_milestone(
            {"code": "TPD", "name": "Go live", "status": "in_progress"}, session=session
        )
    assert reopened.actual is None and reopened.status == "in_progress"
    with small.reading() as connection:
        events = connection.execute(
            "SELECT action FROM audit_event WHERE entity = 'milestone' ORDER BY id"
        ).fetchall()
    assert events == [("create",), ("update",), ("update",), ("update",)]


def test_an_update_that_changes_nothing_is_refused(small):
    _add(small, name="Go live", baseline="2011-06-01")
    with pytest.raises(InputError, match="nothing to change"), small.writing() as session:
        update_milestone(
            {"code": "TPD", "name": "Go live", "baseline": "2011-06-01"}, session=session
        )


def test_demo_milestones_slip_and_overdue(demo_store):
    with demo_store.reading() as connection:
        s2p = {m.name: m for m in list_milestones(connection, "DRM-S2P")}
        tpd = portfolio_row(connection, "TPD")
        overdue = list_milestones(connection, overdue_only=True)
    assert s2p["e-tendering system fully delivered"].slip_days == 61
    assert s2p["e-tendering supplier appointed"].slip_days == 15
    # The demo reports on 2011-Q1: as at 2011-03-31 nothing is overdue yet (the three
    # below fall due in May and June 2011).
    assert tpd.overdue_milestones == 0 and overdue == []
    _report_on(demo_store, "2011-Q2")  # as at the pinned today, 2011-06-13
    with demo_store.reading() as connection:
        tpd = portfolio_row(connection, "TPD")
        overdue = list_milestones(connection, overdue_only=True)
    assert tpd.overdue_milestones == 1
    assert {(m.code, m.name) for m in overdue} == {
        ("DRM-CRE", "Estate plan updated for front counter decisions"),
        ("TPD", "Early departure schemes open for three projects"),
        ("COIP", "Development areas with TP scoped"),
    }


def test_timeline_rows_are_programmes_with_their_childrens_milestones(demo_store):
    with demo_store.reading() as connection:
        total = timeline_count(connection, TimelineQuery())
        rows = timeline_page(connection, TimelineQuery(), limit=100)
        drm = next(r for r in rows if r.code == "DRM")
        only_tp = timeline_page(connection, TimelineQuery("TPD"))
        own = milestones_of(connection, drm.id)
    assert total == len(rows) and {r.code for r in rows} >= {"DRM", "TPD", "TRAIN", "LEAN"}
    assert all(r.code not in ("DRM-CRE", "TPD-PA") for r in rows)  # projects are not rows
    assert own == []  # DRM itself has none...
    assert {m.code for m in drm.marks} >= {"DRM-CRE", "DRM-S2P", "DRM-AT"}  # ...its workstreams do
    assert drm.overdue == 0  # as at 2011-03-31, the end of the demo's reporting period
    _report_on(demo_store, "2011-Q2")  # as at the pinned today, 2011-06-13
    with demo_store.reading() as connection:
        drm = next(
            r for r in timeline_page(connection, TimelineQuery(), limit=100) if r.code == "DRM"
        )
    assert drm.overdue == 1
    assert [r.code for r in only_tp] == ["TPD"]


def test_an_edit_by_id_is_not_fooled_by_a_rename_in_the_meantime(small):
    opened = _add(small, name="Go live", baseline="2011-06-01")
    with small.writing() as session:
        update_milestone(
            {"code": "TPD", "name": "Go live", "new_name": "Service live"}, session=session
        )
    with pytest.raises(InputError) as caught, small.writing() as session:
        update_milestone(
            {
                "code": "TPD",
                "name": "Go live",
                "id": opened.id,
                "forecast": "2011-07-01",
                "expected_version": opened.version,
            },
            session=session,
        )
    assert caught.value.field == "version" and "someone else" in caught.value.problem
    with pytest.raises(InputError) as caught, small.writing() as session:
        update_milestone(
            {"code": "DRM", "name": "Go live", "id": opened.id, "forecast": "2011-07-01"},
            session=session,
        )
    assert caught.value.field == "id"
    with small.writing() as session:
        saved = update_milestone(
            {"code": "TPD", "name": "Service live", "id": opened.id, "forecast": "2011-07-01"},
            session=session,
        )
    assert saved.forecast == date(2011, 7, 1) and saved.version == 3
    with small.reading() as connection:
        assert milestone(connection, opened.id) == saved
        assert milestone(connection, 999) is None
