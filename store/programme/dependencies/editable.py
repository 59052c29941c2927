"""A dependency's editable fields, declared once: `create_dependency` sets them,
`portfolio dependencies add|update` offers them as options (with the milestone, named
rather than by id), and an export writes them as these columns (after the two
initiatives, before the milestone's id)."""

from __future__ import annotations

from store.exchange.columns import Column, Type, names
from store.programme.types import DependencyStatus, Importance

EDITABLE = (
    Column.text("needed", required=True),
    Column("needed_by", Type.DATE, required=True),
    Column.choice("importance", Importance, required=True),
    Column.choice("status", DependencyStatus, required=True),
)
NAMES = names(EDITABLE)
