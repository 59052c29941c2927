"""Writing files safely: never over a database, never half-written, never world-readable.

Every file the app writes (exports, reports, the template, backups and the copies kept
before an upgrade or a restore) goes through `write_atomically`: the target is checked
first (`check_target`), the content is written to a temporary file beside it, and the
temporary file is renamed over the target only when it is complete, so a failed or
killed write leaves the old file whole. A symbolic link is followed: the file it links
to is checked and replaced, never the link. What the app creates is owner-only (files 0600,
folders 0700) whatever the umask: the portfolio holds personal data.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from store.errors import DatabaseReadOnlyError, DiskFullError, InputError, storage_error

FILE_MODE = 0o600
FOLDER_MODE = 0o700
SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database while it is in use."""


class TargetExistsError(InputError):
    """A file is already where one would be written, and replacing it was not asked for."""


def is_sqlite_file(path: Path) -> bool:
    """True when the file at `path` starts with SQLite's header (a database)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _same_file(path: Path, other: Path) -> bool:
    """True when both paths name one file (through symlinks and hard links alike)."""
    try:
        mine, theirs = path.stat(), other.stat()
    except OSError:
        return path.resolve() == other.resolve()
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)


def _database_of(path: Path) -> Path | None:
    """The database `path` belongs to when it is one of its side files, else None."""
    for suffix in SIDE_FILES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            return path.with_name(path.name[: -len(suffix)])
    return None


def _refuse_databases(path: Path, protect: Iterable[Path], field: str) -> None:
    """Refuse `path` when it is (or belongs to) a protected or any SQLite database. A
    database with no file (None: one on a server) has nothing here to protect."""
    for database in protect:
        if database is None:
            continue
        database = Path(database)
        if any(_same_file(path, Path(f"{database}{s}")) for s in ("", *SIDE_FILES)):
            raise InputError(field, "is the database itself; choose another file")
    if is_sqlite_file(path):
        raise InputError(
            field, f"{path} is a SQLite database; it is never written over, choose another file"
        )
    owner = _database_of(path)
    if owner is not None and is_sqlite_file(owner):
        raise InputError(
            field, f"{path} belongs to the SQLite database {owner}; choose another file"
        )


def real_target(path: Path, field: str = "output") -> Path:
    """`path`, or the file it links to when it is a symbolic link (followed to the end,
    even when that file does not exist yet): what a write to `path` must replace. A
    link that leads back to itself is an InputError on `field`."""
    path = Path(path)
    if not path.is_symlink():
        return path
    try:
        return path.resolve()
    except (RuntimeError, OSError) as error:  # RuntimeError before Python 3.13
        raise InputError(
            field, f"{path} is a symbolic link that leads round in a loop ({error}); give a file"
        ) from None


def check_target(
    path: Path, *, force: bool = False, protect: Iterable[Path] = (), field: str = "output"
) -> None:
    """Raise InputError unless a file may be written at `path` (or the file it links
    to): never over a database in `protect` or its side files, never over any SQLite
    database, never over a folder, and over another existing file only with `force`."""
    path = real_target(path, field)
    _refuse_databases(path, protect, field)
    if path.is_dir():
        raise InputError(field, f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise TargetExistsError(field, f"{path} already exists; use --force to replace it")


def private_folder(path: Path) -> Path:
    """Create `path` and any missing parents owner-only (0700); existing ones are left."""
    path = Path(path)
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(folder, FOLDER_MODE)
    return Path(missing[0]) if missing else path


def create_private_file(path: Path) -> None:
    """Create an empty owner-only (0600) file at `path` unless one is there already."""
    private_folder(Path(path).parent)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    except OSError as error:
        raise storage_failure(error, path) from error
    try:
        os.fchmod(descriptor, FILE_MODE)
    finally:
        os.close(descriptor)


def storage_failure(error: BaseException, where: Path) -> BaseException:
    """The store error for a full or read-only disk behind `error`, else `error` itself."""
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFullError(where)
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return DatabaseReadOnlyError(where)
    if isinstance(error, sqlite3.Error):
        return storage_error(str(error), where) or error
    return error


@contextmanager
def staged_beside(target: Path, suffix: str) -> Iterator[Path]:
    """A new owner-only file beside `target` to prepare a database in (`.NAME.xxx
    SUFFIX`), removed with its side files afterwards."""
    private_folder(target.parent)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(handle)
    staged = Path(name)
    try:
        yield staged
    finally:
        remove_database(staged)


def remove_database(path: Path) -> None:
    """Remove the SQLite file at `path` and the side files SQLite keeps beside it."""
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def flush_to_disk(path: Path) -> None:
    """Flush `path` (a file or a folder) to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(
    path: Path,
    writer: Callable[[Path], Any],
    *,
    force: bool = False,
    protect: Iterable[Path] = (),
    field: str = "output",
) -> Path:
    """Write a file at `path` by calling `writer(temporary_path)`, then rename it into
    place; the target is checked first (`check_target`). On any failure the temporary
    file is removed and the old file, if any, is left whole; a full or read-only disk
    raises DiskFullError or DatabaseReadOnlyError. The file is owner-only (0600). When
    `path` is a symbolic link, the file it links to is checked and replaced (written
    beside it, in its folder) and the link is kept; the real path is returned."""
    path = real_target(path, field)
    check_target(path, force=force, protect=protect, field=field)
    try:
        private_folder(path.parent)
        descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise storage_failure(error, path) from error
    os.close(descriptor)
    temporary = Path(name)
    try:
        writer(temporary)
        os.chmod(temporary, FILE_MODE)
        flush_to_disk(temporary)
        os.replace(temporary, path)
        flush_to_disk(path.parent)
    except BaseException as error:
        remove_database(temporary)
        failure = storage_failure(error, path)
        if failure is error:
            raise
        raise failure from error
    return path
