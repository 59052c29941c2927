"""A savings cell's editable fields as an export writes them: one column per `Measure`
(the declaration the service, the form and the command line use too), £m as a
decimal with one place, headcounts as whole numbers."""

from __future__ import annotations

from store.exchange.columns import Column, Type
from store.programme.types import Measure

EDITABLE = tuple(
    Column(measure.value, Type.DECIMAL, db=measure.column, scale=1)
    if measure is Measure.GBP_M
    else Column(measure.value, Type.INT)
    for measure in Measure
)
