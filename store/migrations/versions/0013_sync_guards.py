"""Tamper guards on the server's sync tables: `sync_applied` (each offline operation
taken exactly once: a row removed would let it be applied again) and `replica_archive`
(the laptops' archived chains) are append-only, like the audit log (see 0009_tamper).

Create Date: 2026-12-05
"""

from store.migrations.dialect import create_guard_trigger, drop_guard_trigger

revision = "0013_sync_guards"
down_revision = "0012_benefits"

# Frozen here on purpose: a migration must not change when app code does. No quote
# marks: the message is written into the trigger's SQL as it is.
GUARDED = {
    "sync_applied": "an offline operation is taken once, and the record of it stays",
    "replica_archive": "a laptop chain archived by sync is kept as it arrived",
}
VERBS = {"update": "changed", "delete": "deleted"}


def upgrade() -> None:
    """Create a BEFORE UPDATE and a BEFORE DELETE trigger on each sync table (put back
    as written here where one is there already: a database whose version row was
    rewound past this revision, as 0011 and 0012 allow for)."""
    for table, why in GUARDED.items():
        for verb, done in VERBS.items():
            drop_guard_trigger(table, verb)
            create_guard_trigger(table, verb, f"{table} rows cannot be {done}: {why}")


def downgrade() -> None:
    """Drop the guard triggers."""
    for table in GUARDED:
        for verb in VERBS:
            drop_guard_trigger(table, verb)
