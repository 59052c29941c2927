"""What the app's logins may do on a PostgreSQL server: run by the owner role after
every upgrade, so a table added by a later migration is covered at once.

The logins are the members of one group role, `portfolio_users` (`APP_ROLE`): a DBA
adds a person with `CREATE ROLE alice LOGIN IN ROLE portfolio_users`, whatever the
login is called. The group may read and add rows everywhere, change rows in every
table but the append-only ones, and delete rows only where the app deletes them; it
may TRUNCATE nothing. On the append-only tables (`store.tamper.APPEND_ONLY_TABLES`: the
audit log, the decisions, and sync's record of the operations it took and of the
laptops' archived chains) UPDATE, DELETE and TRUNCATE are revoked, from the group
and from PUBLIC, so the server refuses them to a login even outside the app: the
guard triggers are a second line, and the only one against the owner.
SQLite has no roles: there the triggers are the guard.
"""

from __future__ import annotations

from typing import Any

from store.tamper import APPEND_ONLY_TABLES

APP_ROLE = "portfolio_users"

# The tables the app deletes rows from (an agenda item taken off a meeting).
DELETABLE_TABLES = ("sc_agenda_item",)

# Tables no login writes: the schema's version belongs to the migrations.
OWNER_ONLY_TABLES = ("alembic_version",)

# What a login must never do to an append-only table.
REFUSED = ("UPDATE", "DELETE", "TRUNCATE")


def app_role_exists(connection: Any) -> bool:
    """True when the server has the logins' group role."""
    row = connection.exec_driver_sql(
        "SELECT 1 FROM pg_roles WHERE rolname = %s", (APP_ROLE,)
    ).fetchone()
    return row is not None


def grant_statements(schema: str, tables: list[str]) -> list[str]:
    """The GRANT and REVOKE statements that give `APP_ROLE` its rights on `tables` (the
    tables of `schema`) and nothing more."""
    role = APP_ROLE
    written = [t for t in tables if t not in OWNER_ONLY_TABLES]
    changed = [t for t in written if t not in APPEND_ONLY_TABLES]
    deleted = [t for t in changed if t in DELETABLE_TABLES]
    everything = ", ".join(tables)
    statements = [
        f'GRANT USAGE ON SCHEMA "{schema}" TO {role}',
        f"REVOKE ALL ON {everything} FROM PUBLIC, {role}",
        f"GRANT SELECT ON {everything} TO {role}",
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {role}',
    ]
    if written:
        statements.append(f"GRANT INSERT ON {', '.join(written)} TO {role}")
    if changed:
        statements.append(f"GRANT UPDATE ON {', '.join(changed)} TO {role}")
    if deleted:
        statements.append(f"GRANT DELETE ON {', '.join(deleted)} TO {role}")
    return statements


def apply_grants(connection: Any) -> bool:
    """Give the logins' group role its rights on every table of the current schema, on
    a SQLAlchemy connection of the owner role. Returns False (and grants nothing) when
    the server has no such role: `portfolio check` then says so."""
    from store.db.dialect import table_names

    if not app_role_exists(connection):
        return False
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    for statement in grant_statements(schema, table_names(connection)):
        connection.exec_driver_sql(statement)
    return True
