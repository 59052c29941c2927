"""Who may act as whom: on SQLite the OS account running the process is the person
(on a PostgreSQL server the database login is: `store.users.logins`); naming
another app user (`--user`, `PORTFOLIO_USER`) is allowed only to an admin of the
database, whose audit events then record both (the app user as `actor`, the OS account
as `os_user`). A refusal is itself audited."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from store.errors import PermissionDenied
from store.users.queries import find_user
from store.users.roles import Permission, Role

if TYPE_CHECKING:
    from store.audit import Identity
    from store.handle import Store


def acting_refusal(connection: sqlite3.Connection, identity: Identity) -> tuple[str, str]:
    """Why `identity`'s OS account may not act as its app user, with the account's role
    here (('', '') when it may: it is that user, or an active admin of this database)."""
    if not identity.on_behalf:
        return "", ""
    account = find_user(connection, identity.os_user)
    if account is None:
        role, standing = "not a user here", "is not a user of this database"
    elif not account.active or account.role != Role.ADMIN.value:
        role, standing = account.role, "is not an active admin of this database"
    else:
        return "", ""
    why = (
        f"your OS account {identity.os_user} {standing}, and only an admin may act as "
        f"someone else ({identity.actor}); leave out --user and PORTFOLIO_USER"
    )
    return role, why


def authorise_acting(store: Store, claimed: str | None = None) -> None:
    """Raise PermissionDenied (after auditing the refusal) unless the store's OS account
    may act as its app user. On a PostgreSQL server the database login is the person
    instead, and `claimed` (--user or PORTFOLIO_USER, if given) may name only it
    (`store.users.logins`)."""
    if store.backend.name == "postgresql":
        from store.users.logins import authorise_login

        authorise_login(store, claimed)
        return
    identity = store.identity
    with store.reading() as connection:
        role, why = acting_refusal(connection, identity)
    if why:
        error = PermissionDenied(identity.os_user, role, Permission.ACT_FOR_OTHERS.value, why)
        store.record_denials([(identity, error)])
        raise error
