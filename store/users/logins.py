"""Who acts on a PostgreSQL server: the database login, as the server authenticated it
(`session_user`: password, peer, certificate, whatever the office's pg_hba.conf says),
never a name the process gives. `--user` and `PORTFOLIO_USER` may name only that login;
naming anyone else is refused, even to an admin (on a server an admin who must act for
someone uses that person's login, which the server would have to let them have).

A login acts only with an active app role: its `app_user` row, whose `login` is the
database login. On a database with no users yet, the login that owns the schema (the
DBA's owner role, which ran the migrations) is made the first admin by its first save,
and adds the people; any other login is refused until then. Every refusal is audited
where the login may still write the audit log.
"""

from __future__ import annotations

import contextlib
import socket
from typing import TYPE_CHECKING, Any

from store.audit import Identity
from store.errors import DatabaseReadOnlyError, PermissionDenied
from store.users.queries import find_user
from store.users.roles import Permission

if TYPE_CHECKING:
    from store.handle import Store

USE_PORTFOLIO = "use this portfolio"
_ADD_HINT = (
    "an admin of this portfolio adds it with `portfolio user add {login} --role ROLE` "
    "(the login must also be a member of the server role portfolio_users: "
    "GRANT portfolio_users TO {login})"
)


def no_rights(login: str) -> PermissionDenied:
    """The refusal for a login the server gives no rights on the portfolio's tables."""
    return PermissionDenied(login, "no rights here", USE_PORTFOLIO, _ADD_HINT.format(login=login))


def session_login(connection: Any) -> str:
    """The login the server authenticated for this connection."""
    return connection.execute("SELECT session_user").fetchone()[0]


def owns_schema(connection: Any) -> bool:
    """True when this connection's login owns (or is a member of the owner of) the
    schema the app's tables are in: the role that runs the migrations."""
    row = connection.execute(
        "SELECT pg_has_role(session_user, nspowner, 'MEMBER') FROM pg_namespace"
        " WHERE nspname = current_schema()"
    ).fetchone()
    return bool(row and row[0])


def login_identity(login: str) -> Identity:
    """The identity of a database login: the app user and the account are both it."""
    return Identity(actor=login, os_user=login, host=socket.gethostname())


def login_refusal(connection: Any, login: str, claimed: str | None) -> tuple[str, str, str]:
    """(role, action, why) when `login` may not act here claiming `claimed` (the name
    from --user or PORTFOLIO_USER, None without one); ('', '', '') when it may."""
    user = find_user(connection, login)
    role = user.role if user is not None else "not a user here"
    if claimed and claimed != login:
        why = (
            f"on a PostgreSQL server you act as your database login {login}; --user and "
            f"PORTFOLIO_USER cannot name anyone else ({claimed}): connect as their login"
        )
        return role, Permission.ACT_FOR_OTHERS.value, why
    if user is not None and user.active:
        return "", "", ""
    if user is not None:
        why = (
            f"database login {login} is disabled here; an admin enables it again with "
            f"`portfolio user enable {login}`"
        )
        return role, USE_PORTFOLIO, why
    empty = connection.execute("SELECT NOT EXISTS (SELECT 1 FROM app_user)").fetchone()[0]
    if empty and owns_schema(connection):
        return "", "", ""  # the owner's first save makes it admin (store.users.guard)
    why = f"database login {login} has no role in this portfolio; " + _ADD_HINT.format(login=login)
    if empty:
        why = (
            f"this portfolio has no users yet, and database login {login} does not own it: "
            "the owner role (which ran the migrations) adds the first admin with "
            "`portfolio user add LOGIN --role admin`"
        )
    return role, USE_PORTFOLIO, why


def authorise_login(store: Store, claimed: str | None) -> None:
    """Make the store act as its connection's database login, or raise PermissionDenied
    (after auditing the refusal where the login may write) when that login may not act
    or `claimed` names someone else."""
    backend = store.backend
    try:
        with store.reading() as connection:
            login = session_login(connection)
            store.identity = login_identity(login)
            role, action, why = login_refusal(connection, login, claimed)
    except backend.error_type as error:
        from store.db.backend import ErrorKind

        if backend.classify(error) is not ErrorKind.NOT_ALLOWED:
            raise
        raise no_rights(store.identity.actor) from error
    if why:
        error = PermissionDenied(login, role, action, why)
        _record_refusal(store, error)
        raise error


def _record_refusal(store: Store, error: PermissionDenied) -> None:
    """Audit a refusal, unless the server will not let this login write the log."""
    from sqlalchemy.exc import DBAPIError

    with contextlib.suppress(DBAPIError, DatabaseReadOnlyError):
        store.record_denials([(store.identity, error)])
