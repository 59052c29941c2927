"""The exported tables of the front door (proposals, their triages and decisions) and
the review recommendations. A proposal's editable fields come from
`store.front_door.editable`."""

from __future__ import annotations

from store.exchange.columns import (
    Column,
    Table,
    Type,
    id_column,
    initiative_column,
    stamp_columns,
    version_column,
)
from store.front_door import editable as proposals
from store.front_door.types import Outcome as ProposalOutcome
from store.front_door.types import ProposalStatus
from store.recommendations.types import RecommendationStatus
from store.types import Complexity, Tier

FRONT_DOOR_TABLES: tuple[Table, ...] = (
    Table(
        "proposals",
        "proposal",
        (
            id_column(),
            Column.text("reference", required=True, unique=True),
            Column("received_year", Type.INT, required=True),
            Column("sequence", Type.INT, required=True),
            *proposals.EDITABLE,
            Column("received_on", Type.DATE, required=True),
            Column.choice("status", ProposalStatus, required=True),
            initiative_column(required=False),
            *stamp_columns("entered_by", "entered_at"),
            version_column(),
        ),
    ),
    Table(
        "proposal_triages",
        "proposal_triage",
        (
            id_column(),
            Column("proposal_id", Type.INT, required=True, fk="proposals"),
            Column("desirable", Type.INT, required=True),
            Column("deliverable", Type.INT, required=True),
            Column("affordable", Type.INT, required=True),
            Column.choice("complexity", Complexity, required=True),
            Column.text("complexity_kinds"),
            Column("cross_group", Type.BOOL, blank=False),
            Column("hypothesis", Type.BOOL, blank=False),
            Column.choice("suggested_tier", Tier, required=True),
            Column("suggested_rule", Type.INT, required=True),
            Column.choice("override_tier", Tier),
            Column.text("override_reason"),
            *stamp_columns("triaged_by", "triaged_at"),
        ),
    ),
    Table(
        "proposal_decisions",
        "proposal_decision",
        (
            id_column(),
            Column("proposal_id", Type.INT, required=True, fk="proposals"),
            Column("triage_id", Type.INT, required=True, fk="proposal_triages"),
            Column.choice("outcome", ProposalOutcome, required=True),
            Column.text("rationale", required=True),
            Column.choice("tier", Tier),
            Column("deferred_until", Type.DATE),
            Column("review_date", Type.DATE),
            Column("decided_on", Type.DATE, required=True),
            initiative_column(required=False),
            Column("supersedes_id", Type.INT, fk="proposal_decisions"),
            *stamp_columns("decided_by", "recorded_at"),
        ),
    ),
    Table(
        "recommendations",
        "recommendation",
        (
            id_column(),
            Column("number", Type.INT, required=True, unique=True),
            Column.text("heading", required=True),
            Column.text("text", required=True),
            Column.text("owner"),
            Column.choice("status", RecommendationStatus, required=True),
            Column("percent_complete", Type.INT, blank=0),
            Column.text("updated_by"),
            Column.text("updated_at"),
            version_column(),
        ),
    ),
)
