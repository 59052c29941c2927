"""A proposal's editable fields, declared once, in the order an export writes them:
`add_proposal` and `update_proposal` set them and an export writes them as these
columns. The services copy each field of the input with the same name, and convert the
four that are stored otherwise (`CONVERTED`): the business group by its code, the cost
and yearly benefit from pounds to pence, and the requested tier."""

from __future__ import annotations

from store.exchange.columns import Column, Type, group_column
from store.types import Tier

EDITABLE = (
    Column.text("title", required=True),
    Column.text("sponsor", required=True),
    group_column(),
    Column.text("problem", required=True),
    Column.text("intended_outcome"),
    Column("cost_gbp", Type.DECIMAL, db="cost_pence", scale=2),
    Column("yearly_benefit_gbp", Type.DECIMAL, db="yearly_benefit_pence", scale=2),
    Column.text("non_cash_benefit"),
    Column("data_digital", Type.BOOL, blank=False),
    Column.choice("requested_tier", Tier),
)
CONVERTED = ("business_group", "cost_gbp", "yearly_benefit_gbp", "requested_tier")
COPIED = tuple(column.name for column in EDITABLE if column.name not in CONVERTED)
