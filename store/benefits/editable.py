"""A benefit's editable fields, declared once: `create_benefit` and `update_benefit` set
them, `portfolio benefit add|edit` offers them as options (`--baseline-value` and so on),
and an export writes them as these columns. Values are thousandths of the unit."""

from __future__ import annotations

from store.benefits.types import BenefitKind
from store.exchange.columns import Column, Type, names

EDITABLE = (
    Column.text("name", required=True),
    Column.text("description"),
    Column.text("owner"),
    Column.text("measure"),
    Column.text("unit"),
    Column("baseline_value", Type.DECIMAL, scale=3, blank=0),
    Column("baseline_on", Type.DATE, required=True),
    Column("target_value", Type.DECIMAL, scale=3),
    Column("target_on", Type.DATE),
    Column.text("profile"),
)
NAMES = names(EDITABLE)
# Set when a benefit is made and never changed after: what it is and where its money is.
FIXED = (
    Column.choice("kind", BenefitKind, required=True),
    Column("savings_line", db="savings_line_id", ref=("savings_lines", "name")),
)
