"""Which tables are append-only, and whether their guard triggers are still in place.

Migration `0009_tamper` creates a `<table>_no_update` and a `<table>_no_delete`
trigger on each table named here; `portfolio check` reports any that are missing,
because a dropped trigger is the first step of editing history behind the app's back.
"""

from __future__ import annotations

from store.db.dialect import trigger_names

GUARDED_TABLES = (
    "audit_event",
    "sc_decision",
    "proposal_decision",
    "proposal_triage",
    "rag_assessment",
)


def guard_triggers() -> list[str]:
    """The name of every guard trigger the current schema must hold."""
    return [f"{table}_no_{verb}" for table in GUARDED_TABLES for verb in ("update", "delete")]


def missing_guards(connection) -> list[str]:
    """The guard triggers absent from the database on this DB-API connection."""
    present = trigger_names(connection)
    return [name for name in guard_triggers() if name not in present]
