"""The change baseline: live initiatives by tier and complexity, and the demo's shape."""

from __future__ import annotations

import pytest

from store.baseline.queries import baseline, cell_count, cell_initiatives
from store.errors import InputError
from store.portfolio.services import create_initiative
from tests.support.front_door_factories import business_groups


def _initiative(session, code, group, tier, complexity, *, digital=False, lifecycle="delivery"):
    create_initiative(
        {
            "code": code,
            "name": f"Initiative {code}",
            "kind": "project",
            "business_group": group,
            "tier": tier,
            "complexity": complexity,
            "data_digital": digital,
            "lifecycle": lifecycle,
        },
        session=session,
    )


@pytest.fixture
def register(store):
    """Seven initiatives: five live and classified, one closed, one without a tier."""
    business_groups(store)
    with store.writing() as session:
        _initiative(session, "M1", "MO", "mandated", "medium", digital=True)
        _initiative(session, "M2", "MO", "mandated", "medium")
        _initiative(session, "M3", "DP", "mandated", "medium", digital=True)
        _initiative(session, "T1", "DP", "transformational", "high", digital=True)
        _initiative(session, "E1", "FLP", "experimental", "low", lifecycle="pipeline")
        _initiative(session, "C1", "MO", "mandated", "medium", lifecycle="closed")
        _initiative(session, "U1", "MO", None, None)
    return store


def test_counts_live_initiatives_by_tier_and_complexity(register):
    with register.reading() as connection:
        matrix = baseline(connection)
    assert matrix.total == 5
    assert matrix.counts()["mandated"] == {"high": 0, "medium": 3, "low": 0}
    assert matrix.counts()["transformational"]["high"] == 1
    assert matrix.counts()["experimental"]["low"] == 1
    assert set(matrix.counts()) == {"transformational", "mandated", "experimental", "incremental"}
    assert (matrix.closed, matrix.unclassified) == (1, 1)


def test_each_cell_carries_its_data_and_digital_share(register):
    with register.reading() as connection:
        matrix = baseline(connection)
    cell = matrix.cell("mandated", "medium")
    assert (cell.count, cell.digital) == (3, 2)
    assert cell.digital_share == pytest.approx(2 / 3)
    assert matrix.cell("incremental", "low").digital_share is None
    assert (matrix.tier_total("mandated"), matrix.tier_digital("mandated")) == (3, 2)
    assert (matrix.complexity_total("medium"), matrix.digital) == (3, 3)


def test_filter_by_business_group_in_any_case(register):
    with register.reading() as connection:
        matrix = baseline(connection, "mo")
        assert matrix.business_group == "MO" and matrix.total == 2
        assert (matrix.closed, matrix.unclassified) == (1, 1)
        with pytest.raises(InputError, match="business_group"):
            baseline(connection, "XX")


def test_drilling_into_a_cell_lists_its_live_initiatives(register):
    with register.reading() as connection:
        rows = cell_initiatives(connection, "mandated", "medium")
        assert [row.code for row in rows] == ["M3", "M1", "M2"]  # by business group, then code
        assert cell_count(connection, "mandated", "medium") == 3
        assert [row.code for row in cell_initiatives(connection, "mandated", "medium", "DP")] == [
            "M3"
        ]
        assert cell_count(connection, None, "medium") == 3  # a whole column
        assert cell_count(connection, "mandated", None) == 3  # a whole row
        assert cell_count(connection, None, None) == 5  # everything the matrix places
        assert [row.code for row in cell_initiatives(connection, None, None, offset=4)] == ["M2"]


def test_the_demo_reproduces_the_papers_findings(demo_store):
    with demo_store.reading() as connection:
        matrix = baseline(connection)
    totals = dict(matrix.tiers_by_size())
    # Mandated change is the most common, more than transformational or experimental.
    assert matrix.tiers_by_size()[0][0] == "mandated"
    assert totals["mandated"] > totals["transformational"]
    assert totals["mandated"] > totals["experimental"]
    counts = matrix.counts()
    # Transformational change is only of high and medium complexity.
    assert counts["transformational"]["low"] == 0
    assert counts["transformational"]["high"] > 0 and counts["transformational"]["medium"] > 0
    # Mandated change is mostly of medium complexity.
    assert counts["mandated"]["medium"] > totals["mandated"] / 2
    # Experimental change is medium or low.
    assert counts["experimental"]["high"] == 0
    assert counts["experimental"]["medium"] > 0 and counts["experimental"]["low"] > 0
    # Data and digital work runs across the tiers.
    assert all(matrix.tier_digital(tier) > 0 for tier in counts)
    assert matrix.closed >= 1
