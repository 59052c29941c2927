"""Establishment figures and early departure schemes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from store.errors import InputError
from store.star_chamber.queries.departures import schemes
from store.star_chamber.queries.establishment import establishment_rows
from store.star_chamber.services.departures import add_scheme, set_departure_group
from store.star_chamber.services.establishment import set_establishment
from tests.support import star_chamber_world as world


def _figures(**changes):
    return {
        "business_group": "TP",
        "staff_group": "police_officers",
        "financial_year": "2011/12",
        "budgeted": "20150",
        "strength": "20050.5",
        "target_vacancy_pct": "0.5",
        "reduction": "384",
    } | changes


def test_figures_are_recorded_per_group_staff_group_and_year(sc):
    with sc.writing() as session:
        row = set_establishment(_figures(), session=session)
    assert (row.budgeted_x100, row.strength_x100, row.start_strength_x100) == (
        2_015_000,
        2_005_050,
        2_005_050,
    )
    assert row.target_pct == Decimal("0.5") and row.reduction_x100 == 38_400
    assert row.version == 1
    with sc.writing() as session:
        again = set_establishment(_figures(strength="20000", expected_version=1), session=session)
    assert again.version == 2 and again.strength_x100 == 2_000_000
    with pytest.raises(InputError) as error, sc.writing() as session:
        set_establishment(_figures(strength="19990", expected_version=1), session=session)
    assert error.value.field == "version"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"financial_year": "2011/13"}, "financial_year"),
        ({"budgeted": "-1"}, "budgeted"),
        ({"target_vacancy_pct": "101"}, "target_vacancy_pct"),
        ({"target_vacancy_pct": "5.25"}, "target_vacancy_pct"),
        ({"staff_group": "specials"}, "staff_group"),
        ({"business_group": "NOPE"}, "business_group"),
    ],
)
def test_bad_figures_are_refused(sc, changes, field):
    with pytest.raises(InputError) as error, sc.writing() as session:
        set_establishment(_figures(**changes), session=session)
    assert error.value.field == field


def test_the_list_shows_vacancy_factor_with_approvals_since_the_count(sc):
    reference = world.request(sc, fte="10")
    world.decide_on(sc, reference, none_suitable="No match.")
    with sc.reading() as connection:
        rows = {row.business_group: row for row in establishment_rows(connection)}
    tp = rows["TP"]
    assert tp.committed_x100 == 1_000 and tp.projected_x100 == 91_000
    assert tp.vacancy == Decimal("9.00") and rows["DoR"].vacancy == Decimal("5.00")


def _scheme(**changes):
    return {
        "phase": 1,
        "name": "Phase one",
        "staff_groups": "Police staff",
        "terms": "Early retirement or severance",
        "opens_on": "2010-11-01",
        "closes_on": "2011-03-31",
        "groups": [
            {"name": "Wardens", "offered": 200, "accepted": 50, "cost_gbp_m": "1.25"},
            {"name": "Reception", "offered": 100, "accepted": 49, "cost_gbp_m": "0.5"},
        ],
    } | changes


def test_a_scheme_sums_its_groups_with_uptake(sc):
    with sc.writing() as session:
        scheme = add_scheme(_scheme(), session=session)
    wardens, reception = scheme.groups
    assert (wardens.uptake_pct, wardens.cost_gbp_k, wardens.cost_gbp_m) == (
        Decimal("25.0"),
        1250,
        Decimal("1.25"),
    )
    assert reception.uptake_pct == Decimal("49.0")
    total = scheme.total
    assert (total.offered, total.accepted, total.cost_gbp_m, total.uptake_pct) == (
        300,
        99,
        Decimal("1.75"),
        Decimal("33.0"),
    )


def test_group_figures_are_updated_or_added(sc):
    with sc.writing() as session:
        add_scheme(_scheme(), session=session)
        set_departure_group(
            1,
            {"name": "wardens", "offered": 210, "accepted": 60, "cost_gbp_m": "1.5"},
            session=session,
        )
        set_departure_group(1, {"name": "Displaced staff", "offered": 40}, session=session)
    with sc.reading() as connection:
        (scheme,) = schemes(connection)
    assert [(g.name, g.offered, g.accepted, g.version) for g in scheme.groups] == [
        ("Wardens", 210, 60, 2),
        ("Reception", 100, 49, 1),
        ("Displaced staff", 40, 0, 1),
    ]
    assert scheme.groups[2].uptake_pct == Decimal("0.0")


@pytest.mark.parametrize(
    ("group", "field"),
    [
        ({"name": "X", "offered": 10, "accepted": 11}, "accepted"),
        ({"name": "X", "offered": -1}, "offered"),
        ({"name": "X", "cost_gbp_m": "0.0005"}, "cost_gbp_m"),
        ({"name": "", "offered": 1}, "name"),
    ],
)
def test_bad_group_figures_are_refused(sc, group, field):
    with sc.writing() as session:
        add_scheme(_scheme(groups=[]), session=session)
    with pytest.raises(InputError) as error, sc.writing() as session:
        set_departure_group(1, group, session=session)
    assert error.value.field == field


def test_a_phase_is_recorded_once(sc):
    with sc.writing() as session:
        add_scheme(_scheme(), session=session)
    with pytest.raises(InputError, match="already recorded"), sc.writing() as session:
        add_scheme(_scheme(), session=session)
