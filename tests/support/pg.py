"""PostgreSQL databases for the tests, when `PORTFOLIO_TEST_PG` names a server.

`PORTFOLIO_TEST_PG` is the URL of a database on that server, for a role that may create
databases (`scripts/pg-dev DIR` prints one: its owner URL). A template database is
migrated (or loaded with the demo) once per test process. A test's database (`fresh`)
is the process's working copy of that template, put back as the template made it
after the test before (`tests.support.pg_reset`: emptied and refilled, a few tens of
milliseconds, where a new copy with `CREATE DATABASE … TEMPLATE …` takes about a
second); `create` makes a new database for a test that wants one of its own.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any

from tests.support.pg_reset import Resetter

SERVER_ENV = "PORTFOLIO_TEST_PG"


def server_url() -> str | None:
    """The server the store tests run on, or None to run them on SQLite."""
    return os.environ.get(SERVER_ENV) or None


def register_login(url: str, admin: str) -> None:
    """Make `admin` the first admin of the empty database at `url` (as their first save
    would) and give the login `url` connects as the admin role too, through the users
    service (so audited): a `portfolio` command on that URL acts as that login."""
    from store.handle import Store
    from store.users.logins import session_login
    from store.users.services import add_user

    with Store(url, admin) as handle:
        with handle.reading() as connection:
            login = session_login(connection)
        with handle.writing() as session:
            add_user({"login": login, "role": "admin"}, session=session)


def login_url(url: str, login: str) -> str:
    """`url` as the database login `login`, made (a member of the app's group role, so
    with the app's rights and no more) when the server has none yet: the person a test
    acts as connects as themself, as each person in an office does."""
    import psycopg
    from sqlalchemy.engine import make_url

    from store.db.grants import APP_ROLE

    if login not in _LOGINS:
        with connect(server_url() or url) as connection:  # as the owner, who makes logins
            made = connection.execute(
                "SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)
            ).fetchone()
            if made is None:
                # Another test process may make it first.
                with contextlib.suppress(
                    psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation
                ):
                    connection.execute(f'CREATE ROLE "{login}" LOGIN IN ROLE {APP_ROLE}')
        _LOGINS.add(login)
    return make_url(url).set(username=login).render_as_string(hide_password=False)


_LOGINS: set[str] = set()


def connect(url: str):
    """An autocommit psycopg connection to the database `url` names."""
    import psycopg

    from store.db.backend_postgres import libpq_url

    return psycopg.connect(libpq_url(url), autocommit=True)


class Databases:
    """Databases made on one server for one test process, dropped when it ends."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.prefix = f"t{os.getpid()}_"
        self.count = 0
        self.templates: dict[str, str] = {}
        self.failed: dict[str, BaseException] = {}
        self.working: dict[str, Resetter] = {}
        # One connection to each working copy, kept from test to test for its resets:
        # a new one costs the server ~13 ms (a backend, and its catalogue caches filled).
        self.resetting: dict[str, Any] = {}

    def _admin(self, sql: str) -> None:
        """Run one statement (CREATE or DROP DATABASE) outside a transaction."""
        with connect(self.url) as connection:
            connection.execute(sql)

    def url_of(self, name: str) -> str:
        """The server URL with database `name` in place of its own."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new, empty (or `template`'s copy) database's URL."""
        self.count += 1
        name = f"{self.prefix}{self.count}"
        self._admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url_of(name)

    def template(self, label: str, build: Callable[[str], None]) -> str:
        """The name of the template database `label`, made once by `build(url)`; every
        connection `build` opened must be closed when it returns. A build that failed
        is not tried again: each test that needs it fails with the same error."""
        if label in self.failed:
            raise self.failed[label]
        if label not in self.templates:
            name = f"{self.prefix}{label}"
            self._admin(f"DROP DATABASE IF EXISTS {name}")
            self._admin(f"CREATE DATABASE {name}")
            try:
                build(self.url_of(name))
            except Exception as error:
                # Half built: drop it (and whatever `build` left connected).
                self._admin(f"DROP DATABASE {name} WITH (FORCE)")
                self.failed[label] = error
                raise
            self.templates[label] = name
        return self.templates[label]

    def fresh(self, label: str, build: Callable[[str], None]) -> str:
        """The URL of a database as template `label` made it, for one test: this
        process's working copy, put back after the test before it, or a new copy when
        that test changed the schema (or it is the first)."""
        template = self.template(label, build)
        name = f"{self.prefix}{label}_work"
        resetter = self.working.pop(label, None)
        if resetter is None or not self._put_back(label, resetter):
            self._close(label)
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            self._admin(f"CREATE DATABASE {name} TEMPLATE {template}")
            resetter = Resetter(self._connection(label))
        self.working[label] = resetter
        return self.url_of(name)

    def _put_back(self, label: str, resetter: Resetter) -> bool:
        """End every other client's connection to the working copy of `label` and
        reset it; False if it cannot be (a connection this role may not end: the copy is
        made again). An autovacuum worker is left alone: it gives way to the reset's
        locks. A kept connection that a test ended is opened again; a copy that cannot
        be reached at all (a test dropped it) is made again too."""
        import psycopg

        end_others = (
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend'"
        )
        try:
            try:
                self._connection(label).execute(end_others)
            except psycopg.OperationalError:
                self._close(label)
                self._connection(label).execute(end_others)
        except (psycopg.errors.InsufficientPrivilege, psycopg.OperationalError):
            self._close(label)
            return False
        return resetter.reset(self._connection(label))

    def _connection(self, label: str) -> Any:
        """The kept connection to the working copy of `label` (autocommit)."""
        if label not in self.resetting:
            self.resetting[label] = connect(self.url_of(f"{self.prefix}{label}_work"))
        return self.resetting[label]

    def _close(self, label: str) -> None:
        """Close the kept connection to the working copy of `label`, if any."""
        connection = self.resetting.pop(label, None)
        if connection is not None:
            connection.close()

    def drop(self, url: str) -> None:
        """Drop the database `url` names, closing whatever is still connected to it."""
        from sqlalchemy.engine import make_url

        self._admin(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    def drop_templates(self) -> None:
        """Drop the templates and working copies this process made."""
        for label in list(self.resetting):
            self._close(label)
        names = [f"{self.prefix}{label}_work" for label in self.working]
        names += list(self.templates.values())
        for name in names:
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
