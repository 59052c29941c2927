"""The demo's benefits: cashable plans that reconcile with §19, realisation as at the
demo's reporting date, delivery confidence consistent with the RAGs, one Response to Red."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from store.benefits.confidence import confidence_history
from store.benefits.queries import list_benefits, year_end
from store.benefits.responses import list_responses
from store.benefits.values import TENTHS_TO_MILLI
from store.portfolio.queries import reporting_date
from store.programme.savings.queries import savings_plan


def test_cashable_planned_totals_by_year_are_the_savings_totals(demo_store):
    with demo_store.reading() as connection:
        plan = savings_plan(connection)
        benefits = list_benefits(connection, as_at=reporting_date(connection))
    cashable = [b for b in benefits if b.kind == "cashable"]
    assert len(cashable) == len(plan.lines)
    for year in plan.year_names:
        planned = sum(p.value for b in cashable for p in b.plan if p.on == year_end(year))
        assert planned == plan.total(year).gbp_m_tenths * TENTHS_TO_MILLI
    totals = [plan.total(y).gbp_m_tenths for y in plan.year_names]
    assert totals == [-857, -1535, -1839]


def test_as_at_the_demos_reporting_date(demo_store):
    with demo_store.reading() as connection:
        as_at = reporting_date(connection)
        behind = list_benefits(connection, as_at=as_at, behind=True)
        (hours,) = list_benefits(connection, "TPD", as_at=as_at, behind=True)
    assert as_at == date(2011, 3, 31)
    assert {b.name for b in behind} == {
        "Officer hours returned to local policing",
        "Officer days away for retraining",
    }
    assert hours.realisation.percent == Decimal("70.0")


def test_confidence_beside_the_rags_and_one_response_to_red(demo_store):
    with demo_store.reading() as connection:
        tpd = confidence_history(connection, "TPD")
        scdr = confidence_history(connection, "SCDR")
        (response,) = list_responses(connection)
    assert [(r.period, r.word, r.assurance) for r in tpd][:2] == [
        ("2011-Q1", "Amber", False),
        ("2011-Q1", "Amber/Red", True),
    ]
    assert scdr[0].word == "Amber"
    assert (response.code, response.status, response.review_on) == (
        "DRM-S2P",
        "open",
        date(2011, 5, 31),
    )
