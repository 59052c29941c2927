"""Which tables are append-only, and whether their guards are still in place.

Migrations `0009_tamper` (the history: `GUARDED_TABLES`) and `0013_sync_guards` (the
server's sync tables: `SYNC_TABLES`) create a `<table>_no_update` and a
`<table>_no_delete` trigger on each table of `APPEND_ONLY_TABLES`; `portfolio check`
(and `restore`, of a backup) reports any that are missing or no longer refuse, because
a dropped trigger, or one replaced by a no-op under the same name, is the first step of
editing history behind the app's back.
On PostgreSQL it also reports a guard trigger switched off, and any right to UPDATE,
DELETE or TRUNCATE these tables held by the logins (`store.db.grants`), which the
server must refuse them whatever the triggers do.
"""

from __future__ import annotations

import re

from store.db.dialect import POSTGRESQL, SQLITE, dialect_of, disabled_triggers, trigger_definitions

GUARDED_TABLES = (
    "audit_event",
    "sc_decision",
    "proposal_decision",
    "proposal_triage",
    "rag_assessment",
    "benefit_measurement",
    "delivery_confidence",
)
# What makes each laptop's operation exactly once, and the laptops' archived chains.
SYNC_TABLES = ("sync_applied", "replica_archive")
APPEND_ONLY_TABLES = GUARDED_TABLES + SYNC_TABLES


def guard_triggers() -> list[str]:
    """The name of every guard trigger the current schema must hold."""
    return [f"{table}_no_{verb}" for table in APPEND_ONLY_TABLES for verb in ("update", "delete")]


def missing_guards(connection) -> list[str]:
    """The guard triggers absent from the database on this DB-API connection, or present
    under their name but not as the migrations made them (e.g. replaced by a no-op)."""
    found = trigger_definitions(connection)
    sqlite = dialect_of(connection) == SQLITE
    return [name for name in guard_triggers() if not _sound(name, found.get(name), sqlite)]


def _sound(name: str, definition: str | None, sqlite: bool) -> bool:
    """True when `definition` is guard trigger `name` as the migrations create it: before
    each update or delete of its table, refuse with a message, and nothing else."""
    if definition is None:
        return False
    table, verb = name.rsplit("_no_", 1)
    if sqlite:
        shape = r"BEGIN SELECT RAISE\(ABORT, '[^']*'\); END"
        on = re.escape(table)
    else:
        shape = r"FOR EACH ROW EXECUTE FUNCTION portfolio_refuse\('[^']*'\)"
        on = rf"(\w+\.)?{re.escape(table)}"
    wanted = rf"CREATE TRIGGER {re.escape(name)} BEFORE {verb} ON {on} {shape}"
    text = " ".join(definition.split())
    return re.fullmatch(wanted, text, re.IGNORECASE) is not None


def disabled_guards(connection) -> list[str]:
    """The guard triggers present but switched off (PostgreSQL only)."""
    off = disabled_triggers(connection)
    return [name for name in guard_triggers() if name in off]


# Each right a login of the group (or the group, or PUBLIC; superusers aside, who may
# do anything anyway) holds on a table, in one query: an office has many logins.
_HELD_RIGHTS = """
SELECT r.grantee, t.name, p.name
FROM (SELECT rolname FROM pg_roles WHERE NOT rolsuper
        AND (rolname = :role OR pg_has_role(oid, :role, 'MEMBER'))
      UNION ALL SELECT 'public') AS r (grantee)
CROSS JOIN unnest(CAST(:tables AS text[])) WITH ORDINALITY AS t (name, place)
CROSS JOIN unnest(CAST(:rights AS text[])) WITH ORDINALITY AS p (name, place)
WHERE has_table_privilege(r.grantee, t.name, p.name)
ORDER BY r.grantee = 'public', r.grantee, t.place, p.place
"""


def forbidden_rights(connection) -> list[str]:
    """`role: RIGHT on table` for each UPDATE, DELETE or TRUNCATE a login (or its group,
    or PUBLIC) holds on an append-only table (PostgreSQL only; [] on SQLite)."""
    if dialect_of(connection) != POSTGRESQL:
        return []
    from store.db.grants import APP_ROLE, REFUSED

    rows = connection.execute(
        _HELD_RIGHTS,
        {"role": APP_ROLE, "tables": list(APPEND_ONLY_TABLES), "rights": list(REFUSED)},
    ).fetchall()
    return [f"{role}: {right} on {table}" for role, table, right in rows]


def app_role_missing(connection) -> bool:
    """True on a PostgreSQL server without the logins' group role (no login can act)."""
    if dialect_of(connection) != POSTGRESQL:
        return False
    from store.db.grants import APP_ROLE

    row = connection.execute(
        "SELECT 1 FROM pg_roles WHERE rolname = :role", {"role": APP_ROLE}
    ).fetchone()
    return row is None
