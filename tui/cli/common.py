"""What every subcommand shares: --db and --user, opening the store for one read or
one write, messages on stderr, and errors as exit codes."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from store.errors import (
    DatabaseBusyError,
    InputError,
    NotAllowedByServerError,
    PermissionDenied,
    PortfolioError,
    SchemaError,
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_DENIED = 3
EXIT_BUSY = 4


class OneLineErrorParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit code 2."""

    def error(self, message: str):  # type: ignore[override]
        """Print `subcommand: message` (or just the message for the top level) and exit 2."""
        command = self.prog.removeprefix("portfolio").strip()
        fail(f"{command}: {message}" if command else message)
        raise SystemExit(EXIT_BAD_INPUT)


def add_common_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """Add --db and --user. On subcommands they default to SUPPRESS so that a value
    given before the subcommand is not overwritten."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=default,
        help="database file or URL (default: $PORTFOLIO_DB, else your user data folder)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=default,
        help="act as this app user; only an admin may name someone other than their own "
        "OS account, and on a PostgreSQL server no one may name anyone but their "
        "database login (default: $PORTFOLIO_USER, else your OS account or login)",
    )


def database_path(args: argparse.Namespace) -> Path | None:
    """The database file the arguments name (None for a database that is not a file)."""
    from store.paths import database_url, sqlite_path

    return sqlite_path(database_url(args.db))


def open_store(args: argparse.Namespace, *, create: bool = False):
    """Open (upgrading if need be) the database the arguments name. A database file
    that does not exist is bad input unless `create` (the commands that make one:
    init, demo, generate, import). The store is a context manager:
    `with open_store(args) as store:` closes it."""
    from store.handle import Store
    from store.paths import claimed_actor, database_url, resolve_actor
    from store.sync.replica import act_as_replica_login
    from store.users.acting import authorise_acting

    path = database_path(args)
    if not create and path is not None and not path.exists():
        raise InputError(
            "database",
            f"{path} does not exist; nothing was created. Create it with `portfolio init` "
            "(empty) or `portfolio demo` (the demo portfolio), or check --db",
        )
    store, outcome = Store.open(database_url(args.db), resolve_actor(args.user))
    if outcome.backup is not None:
        note(f"upgraded the database schema; the previous file was backed up to {outcome.backup}")
    try:
        if not act_as_replica_login(store, claimed_actor(args.user)):
            authorise_acting(store, claimed_actor(args.user))
    except BaseException:
        store.close()
        raise
    return store


def replace_database(store) -> None:
    """`--force`: replace the store's database file with an empty one at the current
    schema, keeping a backup (said on stderr). A database on a server is refused
    (InputError): the app never drops one."""
    if store.path is None:
        raise InputError(
            "database",
            f"--force replaces a SQLite file only, never a shared server's register "
            f"({store.place}); use an empty database (the server's DBA creates one: see "
            "the README's server section)",
        )
    from store.db.reset import reset_sqlite

    store.close()
    backup = reset_sqlite(store.path)
    if backup:
        note(f"replaced {store.place}; the previous data was backed up to {backup}")


def read(args: argparse.Namespace, query: Callable[..., Any], *query_args: Any, **options: Any):
    """Open the store, return `query(connection, *query_args, **options)` on a read
    connection, and close the store."""
    with open_store(args) as store, store.reading() as connection:
        return query(connection, *query_args, **options)


def read_as_at(args: argparse.Namespace, query: Callable[..., Any]):
    """Like `read`, as at the reporting date: return `as_at` and `query(connection, as_at)`,
    where `as_at` is `store.portfolio.queries.reporting_date` (the end of the current reporting
    period, or today while it runs), and say on stderr which date that is."""
    from store.portfolio.queries import reporting_date

    with open_store(args) as store, store.reading() as connection:
        as_at = reporting_date(connection)
        found = query(connection, as_at)
    note(f"as at {as_at.isoformat()}, the reporting date")
    return as_at, found


def write(args: argparse.Namespace, service: Callable[..., Any], *data: Any, **options: Any):
    """Open the store, return `service(*data, **options, session=session)` in one write
    transaction, and close the store."""
    with open_store(args) as store, store.writing() as session:
        return service(*data, **options, session=session)


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """Add --force to a command that writes a file: without it an existing file is left
    alone. A database is never written over, with or without it."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing file (never a database)",
    )


def note(message: str) -> None:
    """A line for the user on stderr, leaving stdout clean for data."""
    print(message, file=sys.stderr)


def fail(message: str) -> None:
    """An error line on stderr."""
    print(f"portfolio: {message}", file=sys.stderr)


def log_unexpected(error: BaseException) -> Path | None:
    """Write the traceback to the user log folder and return its path. A traceback may
    quote personal data, so the folder is made owner-only (0700) and the file too (0600),
    whatever the umask."""
    try:
        import platformdirs

        from store.files import FOLDER_MODE, create_private_file, private_folder

        folder = platformdirs.user_log_path("portfolio")
        private_folder(folder)
        os.chmod(folder, FOLDER_MODE)
        path = folder / f"error-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}.log"
        create_private_file(path)
        path.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        return path
    except (OSError, PortfolioError):
        return None


def run_guarded(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command, turning every error into one line and an exit code."""
    try:
        return handler(args)
    except InputError as error:
        fail(str(error))
        return EXIT_BAD_INPUT
    except (PermissionDenied, NotAllowedByServerError) as error:
        fail(str(error))
        return EXIT_DENIED
    except DatabaseBusyError as error:
        fail(str(error))
        return EXIT_BUSY
    except (SchemaError, PortfolioError) as error:
        fail(str(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        fail("interrupted")
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:
        where = log_unexpected(error)
        detail = f"; details in {where}" if where else ""
        fail(f"unexpected error: {type(error).__name__}: {error}{detail}")
        return EXIT_FAILED
