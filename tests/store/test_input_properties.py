"""Property tests: every store input model, fuzzed with arbitrary text in every field,
either validates or raises `InputError` naming a field, never anything else; and text
the store accepts round-trips exactly through the database."""

from __future__ import annotations

import importlib
import inspect
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from store.errors import InputError
from store.fields import field_problems
from store.front_door.money import parse_pounds
from store.portfolio.queries import assessment_history
from store.portfolio.services import record_assessment
from store.validation import parse_input

INPUT_MODULES = (
    "store.portfolio.inputs",
    "store.star_chamber.inputs",
    "store.front_door.inputs",
    "store.programme.risks.inputs",
    "store.programme.milestones.inputs",
    "store.programme.dependencies.inputs",
    "store.programme.savings.inputs",
    "store.recommendations.inputs",
)


def _input_models() -> list[type[BaseModel]]:
    found = []
    for name in INPUT_MODULES:
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, BaseModel)
                and value.__module__ == name
                and not value.__name__.startswith("_")
                and value.model_fields
            ):
                found.append(value)
    return found


MODELS = _input_models()
VALUES = st.one_of(st.text(), st.none(), st.text(alphabet="0123456789.-/£,km ", max_size=12))


def test_every_feature_input_model_is_fuzzed():
    assert len(MODELS) >= 30


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
@given(data=st.data())
def test_arbitrary_text_in_every_field_is_accepted_or_an_input_error(model, data):
    values = data.draw(st.fixed_dictionaries(dict.fromkeys(model.model_fields, VALUES)))
    try:
        parse_input(model, values)
    except InputError as error:
        assert error.field and error.problem
    problems = field_problems(model, values)
    assert all(isinstance(message, str) and message for message in problems.values())


@given(st.text())
def test_money_text_is_pence_or_a_value_error(text):
    try:
        pence = parse_pounds(text)
    except ValueError as error:
        assert str(error)
    else:
        assert pence is None or (isinstance(pence, int) and pence >= 0)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)) | st.just(date(2012, 2, 29))
)
def test_dates_written_as_iso_text_are_read_back_exactly(day):
    from store.fields import _to_date

    assert _to_date(day.isoformat()) == day
    assert _to_date(f" {day.isoformat()} ") == day


@pytest.fixture(scope="module")
def rag_store(tmp_path_factory):
    """One small register for every example (hypothesis reuses it across examples)."""
    from store.handle import Store
    from store.paths import os_login
    from tests.support.factories import small_portfolio

    path = tmp_path_factory.mktemp("properties") / "portfolio.db"
    # Module scope runs before the per-test stand-in OS account: act as whoever the OS
    # login is now, whom the first write makes admin.
    handle, _ = Store.open(f"sqlite:///{path}", os_login())
    small_portfolio(handle)
    with handle.reading() as connection:
        initiative_id = connection.execute(
            "SELECT id FROM initiative WHERE code = 'TPD'"
        ).fetchone()[0]
    yield handle, initiative_id
    handle.close()


@given(st.text(min_size=1))
def test_an_accepted_rationale_round_trips_through_the_database(rag_store, text):
    store, initiative_id = rag_store
    data = {"code": "TPD", "criterion": "Overall status", "rag": "A", "rationale": text}
    try:
        with store.writing() as session:
            saved = record_assessment(data, session=session)
    except InputError as error:
        assert error.field == "rationale"
        return
    with store.reading() as connection:
        stored = {row.id: row.rationale for row in assessment_history(connection, initiative_id)}
    assert stored[saved.id] == text.strip() == saved.rationale
