"""Errors the store raises, each with a message a user can read.

The command line maps `InputError` to exit code 2; the TUI shows the message
next to the field it names.
"""

from __future__ import annotations


class PortfolioError(Exception):
    """Base for every error the store raises on purpose."""


class InputError(PortfolioError):
    """Bad input: names the field and what is wrong with it. Nothing was written."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class NotFoundError(InputError):
    """The input names a record that does not exist."""


class SchemaError(PortfolioError):
    """The database cannot be opened by this version of the app. The file is untouched."""


class DatabaseBusyError(PortfolioError):
    """Another process held the write lock for longer than we were willing to wait."""

    def __init__(self, detail: str = "") -> None:
        message = "database busy: another process is writing; nothing was saved, try again"
        super().__init__(f"{message} ({detail})" if detail else message)


class DatabaseReplacedError(PortfolioError):
    """A restore replaced the database since this handle first read it: nothing was
    written, so nothing read from the database it replaced is saved over the restored
    data. Reload, check and save again."""

    def __init__(self, source: str, at: str) -> None:
        super().__init__(
            f"the database was replaced by a restore from {source} at {at}; nothing was saved"
        )
        self.source = source
        self.at = at


class DatabaseReadOnlyError(PortfolioError):
    """The database file, or the folder SQLite writes its journal in, cannot be written."""

    def __init__(self, where: object) -> None:
        super().__init__(
            f"cannot save: {where} is read-only (the file or its folder cannot be written); "
            "nothing was saved"
        )


class NotAllowedByServerError(PortfolioError):
    """The database server refused this login a right the change needs (on PostgreSQL,
    what the DBA granted it); nothing was written."""

    def __init__(self, login: str, detail: str) -> None:
        super().__init__(
            f"cannot save: the server does not give the login {login} the right to do this "
            f"({detail}); nothing was saved. The office's DBA grants rights (see the "
            "README's section on the shared server)"
        )


class DiskFullError(PortfolioError):
    """The disk holding the database ran out of space part-way through a save."""

    def __init__(self, where: object) -> None:
        super().__init__(
            f"cannot save: the disk holding {where} is full; nothing was saved "
            "(free some space and save again)"
        )


def storage_error(message: str, where: object) -> PortfolioError | None:
    """The store error for a SQLite message about a read-only or full database, if it is one."""
    text = message.lower()
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnlyError(where)
    if "disk is full" in text:
        return DiskFullError(where)
    return None


class StaleVersionError(InputError):
    """An edit was made from a copy someone else has since changed. Nothing was written;
    the field is `version`, so forms that check `error.field` treat it as before."""

    def __init__(self, problem: str) -> None:
        super().__init__("version", problem)


class PermissionDenied(PortfolioError):  # noqa: N818 - the name the issue uses
    """The acting user's role does not allow this change (or separation of duties
    forbids it). Nothing was written; the denial itself is recorded in the audit log."""

    def __init__(self, user: str, role: str, action: str, why: str = "") -> None:
        message = f"permission denied: {user} ({role.replace('_', ' ')}) may not {action}"
        super().__init__(f"{message}: {why}" if why else message)
        self.user = user
        self.role = role
        self.action = action
        self.why = why
