"""Laptop replicas that sync: the replica's state, its journal of offline operations
and the identity of records made offline (in a replica file); the operations taken
exactly once and the laptops' archived chains (on the server). Every database gets all
five tables: which are used depends on whether it is a replica or a server.

A RAG assessed offline keeps the time it was assessed; one that arrives by sync after a
later assessment of its period was recorded is marked `arrived_superseded`: kept in the
history, never the one in force.

Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from store.migrations.columns import flag, integer, key, text

revision = "0011_sync"
down_revision = "0010_criterion_positions"


def _nullable(name: str) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=True)


def _missing(table: str) -> bool:
    """True when `table` is not there yet (an upgrade run over a schema that has it is
    left alone)."""
    return not sa.inspect(op.get_bind()).has_table(table)


def upgrade() -> None:
    """Create the five sync tables, and mark the RAGs that arrive superseded."""
    if not _missing("replica_state"):
        return
    # A plain ADD COLUMN: a batch copy of the table would lose its guard triggers.
    op.add_column("rag_assessment", flag("arrived_superseded", default=False))
    op.create_table(
        "replica_state",
        key(),
        *(text(name) for name in ("replica", "server", "login", "schema_version")),
        text("created_at"),
        text("pulled_at"),
        integer("server_event_id"),
        text("server_hash"),
        _nullable("pulling_since"),
    )
    op.create_table(
        "sync_journal",
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("op_id", sa.String(), nullable=False, unique=True),
        *(text(name) for name in ("service", "input_json", "actor", "offline_at")),
        text("status", default="pending"),
        _nullable("reason"),
        text("what", default=""),
        text("effects_json", default="{}"),
        _nullable("result_json"),
        _nullable("theirs_json"),
        flag("force", default=False),
    )
    op.create_table(
        "sync_identity",
        key(),
        text("op_id"),
        text("entity"),
        text("local_id"),
        _nullable("server_id"),
    )
    op.create_index("ix_sync_identity_op_id", "sync_identity", ["op_id"])
    op.create_table(
        "sync_applied",
        sa.Column("op_id", sa.String(), primary_key=True),
        *(text(name) for name in ("replica", "login", "offline_at", "applied_at")),
        text("result_json"),
    )
    op.create_table(
        "replica_archive",
        key(),
        *(text(name) for name in ("replica", "login", "base_hash", "final_hash")),
        integer("events"),
        text("events_json"),
        text("archived_at"),
    )


def downgrade() -> None:
    """Drop the sync tables."""
    for table in ("replica_archive", "sync_applied", "sync_identity", "sync_journal"):
        op.drop_table(table)
    op.drop_table("replica_state")
    op.drop_column("rag_assessment", "arrived_superseded")
