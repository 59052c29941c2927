"""The §19 savings plan: totals, the remaining gap, cell edits and their validation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from store.audit import verify_chain
from store.errors import InputError
from store.portfolio.services import create_business_group
from store.programme.savings.money import (
    format_gbp_m,
    format_headcount,
    parse_gbp_m,
    parse_headcount,
)
from store.programme.savings.queries import savings_plan
from store.programme.savings.read_models import Figures
from store.programme.savings.services import (
    create_savings_line,
    create_savings_year,
    set_budget_requirement,
    set_savings_cell,
)
from store.programme.types import Measure

YEARS = ["2011/12", "2012/13", "2013/14"]


def _cells(connection) -> list[tuple]:
    return connection.execute(
        "SELECT line_id, year_id, gbp_m_tenths, police_officers, police_staff, pcsos, version "
        "FROM savings_cell ORDER BY id"
    ).fetchall()


def test_demo_totals_are_the_papers(demo_store):
    with demo_store.reading() as connection:
        plan = savings_plan(connection)
    assert plan.year_names == YEARS
    assert len(plan.lines) == 11
    gbp = [format_gbp_m(plan.total(year).gbp_m_tenths) for year in YEARS]
    assert gbp == ["-85.7", "-153.5", "-183.9"]
    assert [plan.total(y).police_officers for y in YEARS] == [-783, -1009, -1119]
    assert [plan.total(y).police_staff for y in YEARS] == [-663, -954, -1025]
    assert [plan.total(y).pcsos for y in YEARS] == [-100, -200, -200]
    assert [format_headcount(plan.total(y).police_officers) for y in YEARS] == [
        "-783",
        "-1,009",
        "-1,119",
    ]
    assert [plan.total(y).gbp_m for y in YEARS] == [
        Decimal("-85.7"),
        Decimal("-153.5"),
        Decimal("-183.9"),
    ]


def test_demo_gap_is_the_papers(demo_store):
    with demo_store.reading() as connection:
        plan = savings_plan(connection)
    assert [format_gbp_m(plan.remaining_gap(y)) for y in YEARS] == ["0.0", "92.8", "174.3"]


def test_demo_holds_every_line_and_figure_including_positive_and_zero(demo_store):
    with demo_store.reading() as connection:
        plan = savings_plan(connection)
    procurement = plan.line("Other strategic procurement")
    assert procurement.figures("2011/12").gbp_m_tenths == 3  # +0.3: a cost, not a saving
    assets = plan.line("asset tracking")
    assert [assets.figures(y).gbp_m_tenths for y in YEARS] == [0, 0, -10]
    catering = plan.line("Catering")
    # Blank cells are NULL, distinct from zero.
    assert catering.figures("2011/12").police_officers is None
    assert catering.figures("2011/12").police_staff == -100
    tpd = plan.line("Territorial Policing development")
    assert tpd.figures("2013/14") == Figures(-548, -643, -438, -200)
    assert tpd.initiatives == ("TPD",)
    assert plan.line("Training").initiatives == ("TRAIN",)
    assert plan.line("Rationalisation of property estate").initiatives == ("DRM-CRE",)


def test_a_column_blank_in_every_line_totals_blank_not_zero(store):
    with store.writing() as session:
        create_business_group({"code": "HR", "name": "Human Resources"}, session=session)
        create_savings_year({"financial_year": "2011/12"}, session=session)
        create_savings_line({"name": "Catering", "business_group": "HR"}, session=session)
        set_savings_cell({"line": "Catering", "year": "2011/12", "gbp_m": "-5.2"}, session=session)
    with store.reading() as connection:
        plan = savings_plan(connection)
    total = plan.total("2011/12")
    assert total.gbp_m_tenths == -52
    assert total.police_officers is None and total.pcsos is None
    assert plan.remaining_gap("2011/12") is None  # no requirement set


def test_editing_a_cell_moves_the_total_and_the_gap_and_is_audited(demo_store):
    with demo_store.writing() as session:
        saved = set_savings_cell(
            {"line": "Training", "year": "2012/13", "gbp_m": "-22.3", "police_staff": "-220"},
            session=session,
        )
    assert saved.figures.gbp_m_tenths == -223 and saved.figures.police_staff == -220
    assert saved.figures.police_officers == -211  # untouched
    assert saved.version == 2
    with demo_store.reading() as connection:
        plan = savings_plan(connection)
        event = connection.execute(
            "SELECT entity, action, before_json, after_json, actor FROM audit_event "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert verify_chain(connection).ok
    assert format_gbp_m(plan.total("2012/13").gbp_m_tenths) == "-154.5"
    assert plan.total("2012/13").police_staff == -955
    assert format_gbp_m(plan.remaining_gap("2012/13")) == "91.8"
    assert event[0:2] == ("savings_cell", "update") and event[4] == "tester"
    assert '"gbp_m_tenths":-213' in event[2] and '"gbp_m_tenths":-223' in event[3]


def test_a_blank_value_clears_a_cell(demo_store):
    with demo_store.writing() as session:
        saved = set_savings_cell(
            {"line": "Training", "year": "2011/12", "police_officers": ""}, session=session
        )
    assert saved.figures.police_officers is None
    with demo_store.reading() as connection:
        plan = savings_plan(connection)
    assert plan.total("2011/12").police_officers == -783 + 91


@pytest.mark.parametrize(
    ("data", "field", "problem"),
    [
        ({"gbp_m": "1.25"}, "gbp_m", "more than one decimal place"),
        ({"gbp_m": "abc"}, "gbp_m", "not an amount"),
        ({"gbp_m": "1e3"}, "gbp_m", "not an amount"),
        ({"police_staff": "2.5"}, "police_staff", "whole number"),
        ({"pcsos": "ten"}, "pcsos", "whole number"),
        ({"police_officers": "99999999"}, "police_officers", "too large"),
        ({"line": "Nope", "gbp_m": "1"}, "line", "no savings line"),
        ({"year": "2015/16", "gbp_m": "1"}, "year", "not a year of the plan"),
        ({"year": "2015", "gbp_m": "1"}, "year", "not a financial year"),
        ({"year": "2011/13", "gbp_m": "1"}, "year", "not a financial year"),
        ({}, "value", "nothing to set"),
        ({"gbp_m": "-9.4"}, "value", "nothing to change"),
        ({"gbp_m": "-9.5", "expected_version": 7}, "version", "changed by someone else"),
    ],
)
def test_bad_cell_input_is_refused_naming_the_field_and_nothing_is_written(
    demo_store, data, field, problem
):
    with demo_store.reading() as connection:
        before = _cells(connection)
        events = connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]
    full = {"line": "Training", "year": "2011/12", **data}
    with pytest.raises(InputError) as caught, demo_store.writing() as session:
        set_savings_cell(full, session=session)
    assert caught.value.field == field
    assert problem in caught.value.problem
    with demo_store.reading() as connection:
        assert _cells(connection) == before
        assert connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0] == events


def test_the_budget_requirement_sets_the_gap(demo_store):
    with demo_store.writing() as session:
        year = set_budget_requirement(
            {"year": "2013/14", "budget_requirement": "183.9"}, session=session
        )
    assert year.budget_requirement_tenths == 1839 and year.version == 2
    with demo_store.reading() as connection:
        assert savings_plan(connection).remaining_gap("2013/14") == 0
    with pytest.raises(InputError, match="zero or more"), demo_store.writing() as session:
        set_budget_requirement({"year": "2013/14", "budget_requirement": "-1"}, session=session)


def test_years_and_lines_are_unique(demo_store):
    with pytest.raises(InputError, match="already in the plan"), demo_store.writing() as s:
        create_savings_year({"financial_year": "2012/13"}, session=s)
    with pytest.raises(InputError, match="already exists"), demo_store.writing() as s:
        create_savings_line({"name": "training", "business_group": "HR"}, session=s)
    with pytest.raises(InputError) as caught, demo_store.writing() as s:
        create_savings_line(
            {"name": "New", "business_group": "HR", "initiatives": ["NOPE"]}, session=s
        )
    assert caught.value.field == "initiatives"


def test_a_new_line_goes_last_and_a_new_year_takes_figures(demo_store):
    with demo_store.writing() as session:
        create_savings_year(
            {"financial_year": "2014/15", "budget_requirement": "400.0"}, session=session
        )
        line = create_savings_line(
            {"name": "Overtime", "business_group": "TP", "initiatives": ["TPD", "TPD-RESP"]},
            session=session,
        )
        set_savings_cell({"line": "Overtime", "year": "2014/15", "gbp_m": "-12"}, session=session)
    assert line.initiatives == ("TPD", "TPD-RESP")
    with demo_store.reading() as connection:
        plan = savings_plan(connection)
    assert plan.lines[-1].name == "Overtime"
    assert plan.year_names[-1] == "2014/15"
    assert plan.remaining_gap("2014/15") == 4000 - 120


def test_preview_with_cell_matches_what_saving_gives(demo_store):
    with demo_store.reading() as connection:
        plan = savings_plan(connection)
    preview = plan.with_cell("Catering", "2013/14", Measure.POLICE_STAFF, -150)
    assert preview.total("2013/14").police_staff == -1035
    assert plan.total("2013/14").police_staff == -1025  # the original is unchanged
    with demo_store.writing() as session:
        set_savings_cell(
            {"line": "Catering", "year": "2013/14", "police_staff": -150}, session=session
        )
    with demo_store.reading() as connection:
        assert savings_plan(connection).totals() == preview.totals()


@pytest.mark.parametrize(
    ("text", "tenths"),
    [
        ("-8.2", -82),
        ("0.3", 3),
        ("+0.3", 3),
        ("0.0", 0),
        ("−183.9", -1839),
        ("12", 120),
        ("", None),
    ],
)
def test_parse_gbp_m(text, tenths):
    assert parse_gbp_m(text) == tenths


def test_parse_gbp_m_takes_decimals_and_ints_but_not_bools():
    assert parse_gbp_m(Decimal("-8.2")) == -82
    assert parse_gbp_m(-3) == -30
    with pytest.raises(ValueError, match="one decimal"):
        parse_gbp_m(Decimal("1.25"))
    with pytest.raises(ValueError):
        parse_gbp_m(True)


@pytest.mark.parametrize(
    ("text", "number"), [("-1,009", -1009), ("24", 24), ("-0", 0), (" ", None)]
)
def test_parse_headcount(text, number):
    assert parse_headcount(text) == number


def test_formatting_matches_the_paper():
    assert [format_gbp_m(t) for t in (-857, 3, 0, -12345)] == ["-85.7", "0.3", "0.0", "-1,234.5"]
    assert format_gbp_m(None, "-") == "-"
    assert format_headcount(-1119) == "-1,119"


def test_an_initiatives_savings_are_its_lines_of_the_whole_plan(demo_store):
    """The detail's Savings tab reads only the lines an initiative delivers: each as the
    whole plan has it, with every initiative the line is shared with and its figures."""
    with demo_store.writing() as s:
        create_savings_line(
            {"name": "Overtime", "business_group": "TP", "initiatives": ["TPD-RESP", "TPD"]},
            session=s,
        )
        set_savings_cell({"line": "Overtime", "year": "2012/13", "gbp_m": "-1.5"}, session=s)
    with demo_store.reading() as connection:
        whole = savings_plan(connection)
        ids = dict(connection.execute("SELECT code, id FROM initiative").fetchall())
        for code in ("TPD", "TPD-RESP", "ITCOST", "TPD-CRIB"):
            own = savings_plan(connection, ids[code])
            assert own.years == whole.years
            assert own.lines == tuple(line for line in whole.lines if code in line.initiatives)
        tpd = savings_plan(connection, ids["TPD"])
    assert [line.name for line in tpd.lines][-1] == "Overtime"
    assert tpd.line("Overtime").initiatives == ("TPD", "TPD-RESP")
    assert tpd.line("Overtime").figures("2012/13").gbp_m_tenths == -15
