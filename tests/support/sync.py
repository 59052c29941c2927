"""Laptop replicas for the sync tests: the laptop's login given a role on the server, a
replica made of the server for it, and the records the tests look at.

The laptop is a person's, not the DBA's: on PostgreSQL it connects to the server as an
ordinary login (`LAPTOP_LOGIN`, a member of the app's group role, `pg.login_url`), so
every sync runs with the app's rights and no more; on a central SQLite file the person
at the office is named (the test's OS account, tester, is an admin, so may act as them)."""

from __future__ import annotations

from pathlib import Path

from store.handle import Store
from store.paths import sqlite_url
from store.sync.replica import act_as_replica_login, create_replica, open_server
from store.users.roles import Role

RISK = {"code": "TPD", "likelihood": 2, "impact": 2}
HEADLINE = "Overall status"
LAPTOP_LOGIN = "p.lindqvist"


def server_login(url: str) -> str:
    """The login a laptop's replica of the server at `url` syncs as (either engine)."""
    return LAPTOP_LOGIN


def laptop_url(url: str) -> str:
    """The URL a laptop reaches the server at `url` (the owner's, on PostgreSQL) by:
    on PostgreSQL as `LAPTOP_LOGIN`, with the app's rights only; a central file as is."""
    from tests.support import pg

    return pg.login_url(url, LAPTOP_LOGIN) if url.startswith("postgresql") else url


def give_role(url: str, login: str, role: Role, admin: str = "tester") -> None:
    """Make `login` an app user with `role` on the database at `url`, as `admin`."""
    from sqlmodel import select

    from store.models import AppUser
    from store.users.services import add_user, set_role

    with Store(url, admin) as handle, handle.writing() as session:
        user = session.exec(select(AppUser).where(AppUser.login == login)).first()
        if user is None:
            add_user({"login": login, "display_name": login, "role": role.value}, session=session)
        elif user.role != role.value:
            set_role({"login": login, "role": role.value}, session=session)


def make_replica(
    server_url: str, path: Path, role: Role = Role.PORTFOLIO_OFFICE, admin: str = "tester"
) -> Store:
    """A replica of the server at `server_url` in `path`, for the laptop's login, given
    `role` by `admin`; an open handle on it, acting as that login."""
    login = server_login(server_url)
    give_role(server_url, login, role, admin)
    with open_server(laptop_url(server_url), login) as server:
        create_replica(server, path)
    return open_replica(path)


def open_replica(path: Path) -> Store:
    """A handle on the replica file `path`, acting as its login."""
    replica = Store(sqlite_url(path), "tester")
    assert act_as_replica_login(replica, None)
    return replica


def server_as(url: str) -> Store:
    """A handle on the server acting as someone at the office (tester, an admin)."""
    return Store(url, "tester")
