"""Tamper guards: triggers that refuse UPDATE and DELETE on the audit log and the
append-only decision and history tables.

A correction is always a new row that names the one it supersedes, so nothing in the
app changes or removes these rows; a trigger makes SQLite refuse it from any client.
Anyone who drops a trigger to get round it is still caught by `portfolio check`,
which reports the missing trigger and the first audit event whose hash breaks.

Create Date: 2026-11-24
"""

from store.migrations.dialect import create_guard_trigger, drop_guard_trigger

revision = "0009_tamper"
down_revision = "0008_users"

# Frozen here on purpose: a migration must not change when app code does.
GUARDED = {
    "audit_event": "the audit log is append-only",
    "sc_decision": "a Star Chamber decision is never edited; record a correction",
    "proposal_decision": "a front door decision is never edited; record a correction",
    "proposal_triage": "a triage is never edited; triage the proposal again",
    "rag_assessment": "a RAG assessment is never overwritten; record a new one",
}


def upgrade() -> None:
    """Create a BEFORE UPDATE and a BEFORE DELETE trigger on each guarded table."""
    for table, why in GUARDED.items():
        for verb in ("update", "delete"):
            message = (
                f"{table} rows cannot be {'changed' if verb == 'update' else 'deleted'}: {why}"
            )
            create_guard_trigger(table, verb, message)


def downgrade() -> None:
    """Drop the guard triggers."""
    for table in GUARDED:
        for verb in ("update", "delete"):
            drop_guard_trigger(table, verb)
