"""The benefits register and its measurements: kinds, plans, realised against planned as
at the reporting date, behind profile, corrections counted once, cashable benefits whose
plan is their savings line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from store.benefits.queries import list_benefits, measurements
from store.benefits.services import create_benefit, record_measurement, update_benefit
from store.errors import InputError, PermissionDenied
from store.portfolio.queries import reporting_date
from store.programme.savings.services import (
    create_savings_line,
    create_savings_year,
    set_savings_cell,
)
from store.types import Trend
from tests.support.factories import small_portfolio
from tests.support.writes import written

SYSTEMS = {
    "code": "TPD",
    "name": "Fewer core systems",
    "kind": "non-financial",
    "owner": "Dan Okoro",
    "measure": "core policing systems in use",
    "unit": "systems",
    "baseline_value": "8",
    "baseline_on": "2010-04-01",
    "target_value": "1",
    "target_on": "2012-03-31",
    "profile": "2010-12-31=6; 2011-03-31=4; 2012-03-31=1",
}


@pytest.fixture
def small(store, frozen_clock):
    small_portfolio(store)
    return store


def _benefits(store, code=None, **options):
    with store.reading() as connection:
        return list_benefits(connection, code, as_at=reporting_date(connection), **options)


def _measure(store, benefit_id, value, on, **more):
    data = {"benefit": benefit_id, "value": value, "measured_on": on, **more}
    return written(store, record_measurement, data)


def test_a_benefit_keeps_its_measure_baseline_target_and_profile(small):
    saved = written(small, create_benefit, SYSTEMS)
    assert (saved.kind, saved.unit, saved.baseline_value, saved.target_value) == (
        "non_financial",
        "systems",
        8000,
        1000,
    )
    assert [(p.on, p.value) for p in saved.plan] == [
        (date(2010, 12, 31), 6000),
        (date(2011, 3, 31), 4000),
        (date(2012, 3, 31), 1000),
    ]
    assert saved.entered_by == "tester" and saved.version == 1


def test_realised_against_planned_as_at_the_reporting_date_never_the_wall_clock(small):
    saved = written(small, create_benefit, SYSTEMS)
    _measure(small, saved.id, "7", "2010-12-20")
    _measure(small, saved.id, "5", "2011-03-15")
    _measure(small, saved.id, "1", "2011-06-01")  # after 2011-03-31: not yet counted
    (found,) = _benefits(small)
    state = found.realisation
    assert state.as_at == date(2011, 3, 31)
    assert (state.planned, state.actual, state.planned_change, state.realised) == (
        4000,
        5000,
        -4000,
        -3000,
    )
    assert state.percent == Decimal("75.0") and state.trend is Trend.UP
    assert state.behind
    assert [b.name for b in _benefits(small, behind=True)] == ["Fewer core systems"]


def test_a_correction_supersedes_and_is_counted_once(small):
    saved = written(small, create_benefit, SYSTEMS)
    first = _measure(small, saved.id, "5", "2011-03-15")
    fixed = _measure(small, saved.id, "4", "2011-03-16", corrects=first.id, note="miscounted")
    (found,) = _benefits(small)
    assert found.realisation.actual == 4000 and not found.realisation.behind
    assert found.realisation.trend is None  # one live measurement: no trend
    with small.reading() as connection:
        rows = measurements(connection, saved.id)
    assert [(m.id, m.superseded_by) for m in rows] == [(first.id, fixed.id), (fixed.id, None)]
    with pytest.raises(InputError, match=r"corrects: measurement .* was corrected by"):
        _measure(small, saved.id, "3", "2011-03-17", corrects=first.id)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "windfall"}, "kind"),
        ({"baseline_on": ""}, "baseline_on"),
        ({"target_value": ""}, "target_value"),
        ({"target_value": "1.2345"}, "target_value"),
        ({"profile": "2012-03-31"}, "profile"),
        ({"profile": "2009-03-31=7"}, "profile"),
        ({"savings_line": "Training"}, "savings_line"),
        ({"name": " "}, "name"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(small, change, field):
    with pytest.raises(InputError) as caught, small.writing() as session:
        create_benefit({**SYSTEMS, **change}, session=session)
    assert caught.value.field == field
    assert _benefits(small) == []


def test_a_measurement_in_the_future_is_refused(small):
    saved = written(small, create_benefit, SYSTEMS)
    with pytest.raises(InputError, match=r"measured_on: .* is in the future"):
        _measure(small, saved.id, "3", "2011-06-14")


def test_edits_check_the_version_and_keep_what_is_not_given(small):
    saved = written(small, create_benefit, SYSTEMS)
    changed = written(small, update_benefit, {"id": saved.id, "owner": "Ian Vale"})
    assert (changed.owner, changed.version, changed.target_value) == ("Ian Vale", 2, 1000)
    with pytest.raises(InputError, match="changed by someone else"):
        written(small, update_benefit, {"id": saved.id, "owner": "X", "expected_version": 1})


def test_a_viewer_cannot_edit_the_register(small):
    from tests.support.users_factories import add, writing_as

    add(small, "reader", "viewer")
    with pytest.raises(PermissionDenied), writing_as(small, "reader") as session:
        create_benefit(SYSTEMS, session=session)


def _plan_with_training(store):
    with store.writing() as session:
        create_business_group_hr(session)
        for year in ("2011/12", "2012/13"):
            create_savings_year({"financial_year": year}, session=session)
        create_savings_line({"name": "Training", "business_group": "HR"}, session=session)
        for year, value in (("2011/12", "-9.4"), ("2012/13", "-21.3")):
            set_savings_cell({"line": "Training", "year": year, "gbp_m": value}, session=session)


def create_business_group_hr(session):
    from store.portfolio.services import create_business_group

    create_business_group({"code": "HR", "name": "Human Resources"}, session=session)


CASHABLE = {
    "code": "TPD",
    "name": "Training net saving",
    "kind": "cashable",
    "baseline_on": "2011-04-01",
    "savings_line": "training",
}


def test_a_cashable_benefits_plan_is_its_savings_line_read_not_copied(small):
    _plan_with_training(small)
    saved = written(small, create_benefit, CASHABLE)
    assert [(p.on, p.value) for p in saved.plan] == [
        (date(2012, 3, 31), -9400),
        (date(2013, 3, 31), -21300),
    ]
    assert (saved.unit, saved.target_value, saved.savings_line) == ("£m", -21300, "Training")
    with small.writing() as session:
        set_savings_cell({"line": "Training", "year": "2012/13", "gbp_m": "-21.9"}, session=session)
    (found,) = _benefits(small)
    assert found.plan[-1].value == -21900  # the line moved, so did the benefit
    with pytest.raises(InputError, match="savings_line: 'Training' is already"):
        written(small, create_benefit, {**CASHABLE, "name": "Again"})


@pytest.mark.parametrize(
    ("change", "field"),
    [({"savings_line": ""}, "savings_line"), ({"target_value": "5"}, "target_value")],
)
def test_a_cashable_benefit_needs_its_line_and_keeps_no_plan_of_its_own(small, change, field):
    _plan_with_training(small)
    with pytest.raises(InputError) as caught:
        written(small, create_benefit, {**CASHABLE, **change})
    assert caught.value.field == field


def test_hostile_text_round_trips_literally(small):
    text = "[bold]x[/] [link=https://e.x]y[/link] =SUM(A1) \\[/]"
    saved = written(small, create_benefit, {**SYSTEMS, "description": text, "owner": text})
    _measure(small, saved.id, "6", "2011-01-02", note=text)
    (found,) = _benefits(small)
    assert found.description == text and found.owner == text
    with small.reading() as connection:
        assert measurements(connection, saved.id)[0].note == text


def test_nothing_realised_against_a_negative_plan_reads_0_not_minus_0():
    from store.benefits.realisation import percent

    assert str(percent(0, -4000)) == "0.0" and str(percent(-1000, -4000)) == "25.0"
