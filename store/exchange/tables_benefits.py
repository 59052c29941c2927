"""The exported tables of benefits realisation (issue 18): benefits (their editable
fields from `store.benefits.editable`), measurements with the one each corrects,
delivery confidence ratings and Responses to Red. A cashable benefit names its savings
line, so an import needs the savings plan first (it comes earlier in `TABLES`)."""

from __future__ import annotations

from store.benefits import editable as benefits
from store.benefits.types import Confidence, RedTrigger, ResponseStatus
from store.exchange.columns import (
    Column,
    Table,
    Type,
    id_column,
    initiative_column,
    stamp_columns,
    version_column,
)

BENEFIT_TABLES: tuple[Table, ...] = (
    Table(
        "benefits",
        "benefit",
        (
            id_column(),
            initiative_column(),
            *benefits.FIXED,
            *benefits.EDITABLE,
            *stamp_columns("entered_by", "entered_at"),
            version_column(),
        ),
    ),
    Table(
        "benefit_measurements",
        "benefit_measurement",
        (
            id_column(),
            Column("benefit_id", Type.INT, required=True, fk="benefits"),
            Column("measured_on", Type.DATE, required=True),
            Column("value", Type.DECIMAL, required=True, scale=3),
            Column.text("note"),
            Column("supersedes_id", Type.INT, fk="benefit_measurements"),
            *stamp_columns("entered_by", "entered_at"),
        ),
    ),
    Table(
        "delivery_confidence",
        "delivery_confidence",
        (
            id_column(),
            initiative_column(),
            Column("period", required=True),
            Column.choice("rating", Confidence, required=True),
            Column.text("rationale", required=True),
            Column("assurance", Type.BOOL, blank=False),
            *stamp_columns("author", "recorded_at"),
        ),
    ),
    Table(
        "red_responses",
        "red_response",
        (
            id_column(),
            initiative_column(),
            Column("period", required=True),
            Column.choice("source", RedTrigger, required=True),
            Column.text("owner"),
            Column.text("actions"),
            Column("review_on", Type.DATE),
            Column.text("outcome"),
            Column.choice("status", ResponseStatus, required=True),
            Column("closed_on", Type.DATE),
            *stamp_columns("opened_by", "opened_at"),
            version_column(),
        ),
    ),
)
