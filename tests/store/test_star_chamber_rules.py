"""The Star Chamber's pure rules: bands, units, financial years and the establishment check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from store.star_chamber import grades
from store.star_chamber.rules import (
    Figures,
    assess_approval,
    engagement_end,
    extended_end,
    financial_year_bounds,
    financial_year_of,
    planned_strength_x100,
    show_fte,
    to_x100,
    vacancy_pct,
)


def test_bands_run_from_a_highest_to_f_lowest_and_parse_loosely():
    assert grades.BANDS[0] == "Band A" and grades.BANDS[-1] == "Band F"
    assert grades.parse_grade("c") == grades.parse_grade(" Band  C ") == "Band C"
    with pytest.raises(ValueError, match="not a band"):
        grades.parse_grade("Band G")


def test_one_grade_away_is_the_next_band_either_side():
    assert grades.distance("Band C", "Band C") == 0
    assert grades.distance("Band B", "D") == 2
    assert grades.neighbours("Band C") == ("Band B", "Band C", "Band D")
    assert grades.neighbours("A") == ("Band A", "Band B")
    assert grades.neighbours("F") == ("Band E", "Band F")
    assert grades.match_label("Band D", "Band C") == "one band below: with training"
    assert grades.match_label("Band B", "Band C") == "one band above"
    assert grades.match_label("Band C", "Band C") == "same band"


def test_fte_is_held_in_hundredths_without_floats():
    assert to_x100(Decimal("0.5")) == 50
    assert to_x100("2.25") == 225
    with pytest.raises(ValueError, match="two decimal places"):
        to_x100("0.333")
    assert show_fte(238025) == "2,380.25"
    assert show_fte(100) == "1"


def test_financial_years_run_april_to_march():
    assert financial_year_of(date(2011, 3, 31)) == "2010/11"
    assert financial_year_of(date(2011, 4, 1)) == "2011/12"
    assert financial_year_bounds("2011/12") == (date(2011, 4, 1), date(2012, 3, 31))


def test_the_reduction_plan_runs_in_a_straight_line_over_the_year():
    assert planned_strength_x100(100_000, 36_600, "2011/12", date(2011, 3, 1)) == 100_000
    assert planned_strength_x100(100_000, 36_600, "2011/12", date(2011, 4, 1)) == 99_900
    assert planned_strength_x100(100_000, 36_600, "2011/12", date(2012, 3, 31)) == 63_400
    assert vacancy_pct(100_000, 95_000) == Decimal("5.00")
    assert vacancy_pct(0, 0) is None


def _figures(**changes) -> Figures:
    values = {
        "business_group": "TP",
        "financial_year": "2011/12",
        "budgeted_x100": 100_000,
        "strength_x100": 90_000,
        "start_strength_x100": 92_000,
        "reduction_x100": 0,
        "target_pct_x10": 50,
        "as_of": date(2011, 6, 1),
    } | changes
    return Figures(**values)


def _assess(figures, adds=100, committed=0):
    return assess_approval(
        business_group="TP",
        on=date(2011, 6, 13),
        adds_x100=adds,
        figures=figures,
        committed_x100=committed,
    )


def test_an_approval_with_room_to_spare_raises_no_warning():
    impact = _assess(_figures())
    assert not impact.warns
    assert impact.vacancy_before == Decimal("10.00") and impact.vacancy_after == Decimal("9.90")


def test_falling_below_the_target_vacancy_factor_warns():
    impact = _assess(_figures(strength_x100=94_950))
    assert impact.warns
    assert "vacancy factor to 4.95%, below its target of 5.0%" in impact.warnings[0]


def test_approvals_since_the_count_are_counted():
    assert not _assess(_figures(strength_x100=94_000)).warns
    assert _assess(_figures(strength_x100=94_000), committed=1_000).warns


def test_with_no_reduction_to_make_growth_is_limited_only_by_the_vacancy_factor():
    impact = _assess(_figures(strength_x100=94_000, start_strength_x100=92_000))
    assert not impact.warns
    assert "no reduction required in 2011/12" in impact.summary_lines()[1]


def test_running_above_the_reduction_plan_warns():
    # 366 FTE to lose over 2011/12; by 13 June (day 74) the plan is 74 lower.
    figures = _figures(strength_x100=91_950, start_strength_x100=92_000, reduction_x100=36_600)
    impact = _assess(figures)
    assert impact.plan_x100 == 92_000 - 7_400
    assert any("above its reduction plan" in warning for warning in impact.warnings)


def test_no_figures_means_the_check_cannot_be_made_and_warns():
    impact = _assess(None)
    assert impact.warns and "no police staff establishment figures" in impact.warnings[0]


def test_an_extension_adds_no_headcount_and_never_warns_on_the_figures():
    assert not _assess(_figures(strength_x100=99_000), adds=0).warns


def test_engagement_dates():
    assert engagement_end(date(2011, 6, 6), 12) == date(2011, 8, 28)
    assert extended_end(date(2011, 6, 3), 8) == date(2011, 7, 29)
