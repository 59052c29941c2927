"""PostgreSQL databases for the tests, when `PORTFOLIO_TEST_PG` names a server.

`PORTFOLIO_TEST_PG` is the URL of a database on that server, for a role that may create
databases (`scripts/pg-dev DIR` prints one: its owner URL). A template database is
migrated (or loaded with the demo) once per test process; each test gets a fresh copy
made with `CREATE DATABASE … TEMPLATE …`, a file copy on the server that takes a few
tens of milliseconds, and drops it afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable

SERVER_ENV = "PORTFOLIO_TEST_PG"


def server_url() -> str | None:
    """The server the store tests run on, or None to run them on SQLite."""
    return os.environ.get(SERVER_ENV) or None


class Databases:
    """Databases made on one server for one test process, dropped when it ends."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.prefix = f"t{os.getpid()}_"
        self.count = 0
        self.templates: dict[str, str] = {}
        self.failed: dict[str, BaseException] = {}

    def _admin(self, sql: str) -> None:
        """Run one statement (CREATE or DROP DATABASE) outside a transaction."""
        import psycopg

        from store.db.backend_postgres import libpq_url

        with psycopg.connect(libpq_url(self.url), autocommit=True) as connection:
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

    def drop(self, url: str) -> None:
        """Drop the database `url` names, closing whatever is still connected to it."""
        from sqlalchemy.engine import make_url

        self._admin(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    def drop_templates(self) -> None:
        """Drop the templates this process made."""
        for name in self.templates.values():
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
