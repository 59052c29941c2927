"""A value in thousandths prints as its Decimal does, without trailing zeros, however it
is worked out (`format_value` uses integer arithmetic for speed)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from store.benefits.values import MAX_MILLI, format_value, parse_value, to_decimal


@given(st.integers(min_value=-MAX_MILLI + 1, max_value=MAX_MILLI - 1))
def test_a_value_prints_as_its_decimal_and_reads_back(milli):
    text = format_value(milli)
    assert text == f"{to_decimal(milli):f}"
    assert parse_value(text) == milli


def test_values_print_as_people_read_them():
    cases = {13900: "13.9", -9400: "-9.4", 8000: "8", 0: "0", 5: "0.005", -50: "-0.05"}
    assert {milli: format_value(milli) for milli in cases} == cases
    assert format_value(None, "not measured") == "not measured"
    assert format_value(Decimal("-85700")) == "-85.7"  # a sum PostgreSQL returns as numeric
