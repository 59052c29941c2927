"""`field_problems`: every field's problem at once, in the store's words, for forms that
check as the user types; checks across fields wait until each field is valid."""

from __future__ import annotations

from store.fields import field_problems
from store.programme.milestones.inputs import MilestoneIn
from store.programme.risks.inputs import RiskIn


def test_every_field_problem_is_reported_by_field(frozen_clock):
    found = field_problems(
        RiskIn,
        {"code": "TPD", "description": " ", "likelihood": "6", "impact": "x", "proximity": "soon"},
    )
    assert found == {
        "description": "a description is required",
        "likelihood": "6 is not from 1 to 5",
        "impact": "'x' is not a whole number from 1 to 5",
        "proximity": "'soon' is not a date; write it like 2011-06-30",
    }


def test_good_input_has_no_problems(frozen_clock):
    data = {"code": "TPD", "description": "Late", "likelihood": "3", "impact": "4"}
    assert field_problems(RiskIn, data) == {}


def test_a_check_across_fields_names_its_field_once_the_fields_are_valid(frozen_clock):
    done = {"code": "TPD", "name": "Go live", "baseline": "2011-06-01", "status": "done"}
    assert field_problems(MilestoneIn, done) == {"actual": "a done milestone needs its actual date"}
    assert set(field_problems(MilestoneIn, {**done, "baseline": "June"})) == {"baseline"}
    future = {**done, "actual": "2011-07-01"}
    assert "future" in field_problems(MilestoneIn, future)["actual"]
