"""A risk's editable fields, declared once: `create_risk` and `update_risk` set them,
`portfolio risks add|update` offers them as options, and an export writes them as
these columns (after the risk's id and initiative, before who raised it)."""

from __future__ import annotations

from store.exchange.columns import Column, Type, names
from store.programme.types import RiskStatus, Roam

EDITABLE = (
    Column.text("description", required=True),
    Column.text("cause"),
    Column.text("effect"),
    Column("likelihood", Type.INT, required=True),
    Column("impact", Type.INT, required=True),
    Column("proximity", Type.DATE),
    Column.text("owner"),
    Column.text("mitigation"),
    Column.choice("status", RiskStatus, required=True),
    Column.choice("roam", Roam),
)
NAMES = names(EDITABLE)
