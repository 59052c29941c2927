"""Creating initiatives: validation, the hierarchy and its order."""

from __future__ import annotations

import pytest

from store.errors import InputError
from store.portfolio.queries import PortfolioQuery, portfolio_page
from store.portfolio.services import create_initiative
from tests.support.factories import small_portfolio
from tests.support.writes import written


@pytest.fixture
def portfolio(store):
    small_portfolio(store)
    return store


def _create(store, **fields):
    data = {"code": "NEW", "name": "New thing", "kind": "project", "business_group": "TP"}
    data.update(fields)
    return written(store, create_initiative, data)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "bad code!"}, "code"),
        ({"code": ""}, "code"),
        ({"code": "TPD"}, "code"),  # already exists
        ({"name": "  "}, "name"),
        ({"kind": "portfolio"}, "kind"),
        ({"business_group": "XX"}, "business_group"),
        ({"parent": "NOPE"}, "parent"),
        ({"kind": "programme", "parent": "TPD-CRIB"}, "parent"),  # a project cannot hold one
        ({"tier": "urgent"}, "tier"),
        ({"complexity": "extreme"}, "complexity"),
        ({"start_date": "2012-01-01", "end_date": "2011-01-01"}, "end_date"),
        ({"start_date": "2011-02-30"}, "start_date"),
    ],
)
def test_bad_initiatives_are_refused_naming_the_field(portfolio, fields, field):
    with pytest.raises(InputError) as raised:
        _create(portfolio, **fields)
    assert raised.value.field == field


def test_codes_are_upper_cased_and_29_february_is_a_date(portfolio):
    created = _create(portfolio, code="tpd-mash", parent="TPD", start_date="2012-02-29")
    assert created.code == "TPD-MASH" and created.parent_code == "TPD"


def test_children_list_under_their_parent_in_hierarchy_order(portfolio):
    _create(portfolio, code="TPD-AAA", parent="TPD")
    with portfolio.reading() as connection:
        codes = [row.code for row in portfolio_page(connection, PortfolioQuery())]
    assert codes == ["DRM", "TPD", "TPD-AAA", "TPD-CRIB", "TPD-RESP", "TPD-SNT"]


def test_a_workstream_can_sit_under_a_project(portfolio):
    created = _create(portfolio, code="TPD-CRIB-1", kind="workstream", parent="TPD-CRIB")
    with portfolio.reading() as connection:
        rows = {row.code: row for row in portfolio_page(connection, PortfolioQuery())}
    assert created.parent_code == "TPD-CRIB" and rows["TPD-CRIB-1"].depth == 2
