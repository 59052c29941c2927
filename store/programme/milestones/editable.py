"""A milestone's editable fields, declared once: `create_milestone` sets them,
`portfolio milestones add|update` offers the dates and status as options (the name is
an argument), and an export writes them as these columns (after the milestone's id and
initiative, before who entered it)."""

from __future__ import annotations

from store.exchange.columns import Column, Type, names
from store.programme.types import MilestoneStatus

EDITABLE = (
    Column.text("name", required=True),
    Column("baseline", Type.DATE, required=True),
    Column("forecast", Type.DATE),
    Column("actual", Type.DATE),
    Column.choice("status", MilestoneStatus, required=True),
)
NAMES = names(EDITABLE)
