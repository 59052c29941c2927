"""Where the database lives: `--db`, then `PORTFOLIO_DB`, then the user data dir."""

from __future__ import annotations

import os
import pwd
from pathlib import Path
from urllib.parse import unquote

APP_NAME = "portfolio"
DB_ENV = "PORTFOLIO_DB"
USER_ENV = "PORTFOLIO_USER"


def default_database_path() -> Path:
    """The default SQLite file in the platform's user data directory (not created here)."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / "portfolio.db"


def database_url(db: str | None = None, environ: dict[str, str] | None = None) -> str:
    """Turn `--db` (a path or a URL), else `PORTFOLIO_DB`, else the default, into a URL."""
    environ = os.environ if environ is None else environ
    value = db or environ.get(DB_ENV) or str(default_database_path())
    if "://" in value:
        return value
    return sqlite_url(Path(value).expanduser().resolve())


def _quote(path: Path) -> str:
    """A path with the characters a URL gives meaning to (`%`, `?`, `#`) escaped."""
    return str(path).replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def sqlite_url(path: Path) -> str:
    """The `sqlite:///` URL of the file at `path`, whatever characters its name holds."""
    return f"sqlite:///{_quote(path)}"


def sqlite_uri(path: Path, mode: str = "ro") -> str:
    """A SQLite `file:` URI opening `path` in `mode` (`ro`: read only), for
    `sqlite3.connect(..., uri=True)`; the path is escaped as URIs need."""
    return f"file:{_quote(path)}?mode={mode}"


def shown_url(url: str) -> str:
    """A URL fit to print and record: any password left out."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The file behind a `sqlite:///` URL, or None for other databases or memory."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = unquote(url[len(prefix) :].split("?", 1)[0])
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def resolve_actor(user: str | None = None, environ: dict[str, str] | None = None) -> str:
    """Who the user asks to act as: `--user`, else `PORTFOLIO_USER`, else their OS account.
    Naming someone other than the OS account is allowed only to that database's admins
    (`store.users.acting.authorise_acting` decides, once the database is open)."""
    return claimed_actor(user, environ) or os_login()


def claimed_actor(user: str | None = None, environ: dict[str, str] | None = None) -> str | None:
    """The app user named by `--user`, else `PORTFOLIO_USER`; None when neither names one."""
    environ = os.environ if environ is None else environ
    return user or environ.get(USER_ENV) or None


def os_login() -> str:
    """The OS account running this process, from its real user id in the password
    database: never from LOGNAME, USER or anything else a process can set. An id with no
    entry there is named `uid<N>`."""
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"
