"""The permission check every write service makes, and the first-use admin.

A service is guarded in one line: decorate it with `@requires(Permission.X)`, or call
`require(session, Permission.X)` first thing. The check reads the acting user's role
from `app_user` in the service's own transaction; a login that is not there, or is
inactive, is a viewer. A denial raises `PermissionDenied` and is queued on the session;
`Store.writing` records it in the audit log in a transaction of its own once the
change's transaction has rolled back, so the hash chain stays whole.

Services called from inside a guarded service (an accepted proposal creating its
initiative) are covered by the outer check and do not check again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session, select

from store import clock
from store.audit import Identity, actor, add_with_audit, entering_person, record_event
from store.errors import PermissionDenied
from store.models import AppUser
from store.sync.journal import is_replica, journalled
from store.users.roles import Permission, Role, allows, own_record_refusal

F = TypeVar("F", bound=Callable[..., Any])

# Every guarded service, by dotted name, with the permission it needs: a test walks the
# store's services and fails for one that is missing here.
SERVICES: dict[str, Permission] = {}

_INSIDE = "permission.inside"
DENIALS = "permission.denials"
FIRST_ADMIN_REASON = "first use of this database: the OS user becomes admin"


def role_of(session: Session, login: str) -> Role:
    """The role `login` acts in: its stored role when active, else viewer."""
    user = session.exec(select(AppUser.role, AppUser.active).where(AppUser.login == login)).first()
    if user is None or not user.active:
        return Role.VIEWER
    return Role(user.role)


def deny(session: Session, permission: Permission | str, why: str = "") -> PermissionDenied:
    """A PermissionDenied for the acting user, queued on the session to be audited."""
    identity: Identity = session.info["identity"]
    action = permission.value if isinstance(permission, Permission) else permission
    error = PermissionDenied(identity.actor, role_of(session, identity.actor).value, action, why)
    session.info.setdefault(DENIALS, []).append((identity, error))
    return error


def require(session: Session, permission: Permission) -> Role:
    """Raise PermissionDenied unless the acting user's role allows `permission`; returns
    the role."""
    role = role_of(session, actor(session))
    if not allows(role, permission):
        raise deny(session, permission)
    return role


def requires(permission: Permission) -> Callable[[F], F]:
    """Guard a service (taking `session=`) with `require(session, permission)`. On a
    laptop replica the outermost guarded call is also journalled, in its transaction,
    as an offline operation to replay on the server (`store.sync.journal`)."""

    def decorate(service: F) -> F:
        name = f"{service.__module__}.{service.__qualname__}"

        @functools.wraps(service)
        def guarded(*args: Any, session: Session, **kwargs: Any) -> Any:
            if session.info.get(_INSIDE):
                return service(*args, session=session, **kwargs)
            require(session, permission)
            session.info[_INSIDE] = True
            try:
                if not is_replica(session):
                    return service(*args, session=session, **kwargs)
                return journalled(
                    session, name, args, kwargs, lambda: service(*args, session=session, **kwargs)
                )
            finally:
                session.info[_INSIDE] = False

        guarded.permission = permission  # type: ignore[attr-defined]
        SERVICES[name] = permission
        return guarded  # type: ignore[return-value]

    return decorate


def forbid_own(
    session: Session, record: Any, what: str, action: Permission, *, entity: str, entity_id: object
) -> None:
    """Separation of duties: whoever entered `record` (its `entered_by`, or the OS account
    that created it acting for them, from its audit event `entity`/`entity_id`) cannot
    decide it, whether as the app user acted as or as the OS account acting."""
    person = entering_person(session, entity, entity_id)
    why = own_record_refusal(session.info["identity"], record.entered_by, what, person)
    if why:
        raise deny(session, action, why)


def ensure_first_admin(session: Session) -> bool:
    """On first use of a database (no users yet) make the OS user admin, recording it
    (on a PostgreSQL server only when the owner role connects). Returns True when it did."""
    if session.exec(select(AppUser.id).limit(1)).first() is not None:
        return False
    if not _may_be_first_admin(session):
        return False
    identity: Identity = session.info["identity"]
    user = AppUser(
        login=identity.os_user,
        display_name=identity.os_user,
        role=Role.ADMIN.value,
        active=True,
        created_by=identity.os_user,
        created_at=clock.utc_timestamp(),
    )
    add_with_audit(session, user, entity="app_user", reason=FIRST_ADMIN_REASON)
    return True


def _may_be_first_admin(session: Session) -> bool:
    """On SQLite, whoever opens the file first; on a PostgreSQL server, only the login
    that owns the schema (the owner role), never any login that connects first."""
    from store.db.dialect import POSTGRESQL, dialect_of

    if dialect_of(session) != POSTGRESQL:
        return True
    from store.db.backend import wrap_driver_connection
    from store.users.logins import owns_schema

    return owns_schema(wrap_driver_connection(session.connection().connection.driver_connection))


def record_denial(session: Session, identity: Identity, error: PermissionDenied) -> None:
    """Write one `denied` audit event for a refused change (in its own transaction)."""
    record_event(
        session,
        entity="permission",
        entity_id=error.action,
        action="denied",
        after={"user": identity.actor, "role": error.role, "action": error.action},
        reason=str(error),
    )
