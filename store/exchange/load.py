"""Import: read a file in any exchange format, check every row, then write it all in
one transaction, or nothing.

The target must be an empty database (no rows in any exported table): an import
restores a whole portfolio with its ids, so merging into one that already has data
would clash. Rows go in with bulk inserts inside one `BEGIN IMMEDIATE` transaction
with foreign keys checked at the end; `current_rag` is rebuilt from the
assessments; one audit event records who imported which file and how many rows.
If the database refuses a row the checks let through, the rows are tried one by
one (and rolled back) so that every refusal is reported with its row number.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from store.audit import Identity, record_event
from store.errors import InputError
from store.exchange.formats import RawFile, csv_format, detect_format, json_format, xlsx_format
from store.exchange.problems import ImportRejectedError, Problem
from store.exchange.tables import TABLES
from store.exchange.validate import Checked, Loaded, check
from store.integrity.derived import CURRENT_RAG_SOURCE
from store.integrity.rows import bulk_marks
from store.users.guard import require
from store.users.roles import Permission

OnProgress = Callable[[int, int], None]
BULK_ROWS = 50_000

READERS = {"json": json_format.read, "csv": csv_format.read, "xlsx": xlsx_format.read}

# The latest assessment per initiative and criterion, and the latest of an earlier
# period, found with two index seeks per pair (as `check` compares them).
REBUILD_CURRENT_RAG = (
    "INSERT INTO current_rag (initiative_id, criterion_id, assessment_id, period, rag,"
    " previous_period, previous_rag)" + CURRENT_RAG_SOURCE
)


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: the file, its format, each table's rows, the audit hash."""

    path: Path
    format: str
    rows: dict[str, int]
    audit_hash: str

    @property
    def total(self) -> int:
        """Rows written across every table."""
        return sum(self.rows.values())


class _Progress:
    """Counts rows checked and written against an estimate that firms up as it goes."""

    def __init__(self, on_progress: OnProgress | None, estimate: int) -> None:
        self.on_progress = on_progress
        self.total = max(1, 2 * estimate)
        self.done = 0

    def add(self, rows: int) -> None:
        self.done += rows
        self.total = max(self.total, self.done)
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)

    def firm(self, total: int) -> None:
        self.total = max(1, total)
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)


def read_file(path: Path, fmt: str | None = None) -> RawFile:
    """Read `path` in `fmt` (worked out from the path when None)."""
    path = Path(path)
    if not path.exists():
        raise InputError("path", f"{path} does not exist")
    fmt = fmt or detect_format(path)
    if fmt not in READERS:
        raise InputError(
            "path",
            f"{path.name}: cannot tell its format; use .json, .xlsx, or a folder of .csv files",
        )
    return READERS[fmt](path)


def non_empty_tables(connection) -> dict[str, int]:
    """Exported tables of the database that hold rows, with their counts."""
    found = {}
    for table in TABLES:
        row = connection.execute(f"SELECT COUNT(*) FROM {table.db}").fetchone()
        if row[0]:
            found[table.name] = row[0]
    return found


def _refuse_unless_empty(counts: dict[str, int]) -> None:
    if counts:
        listed = ", ".join(f"{count} {name}" for name, count in list(counts.items())[:4])
        raise InputError(
            "database",
            f"is not empty ({listed}); import loads a whole portfolio into an empty "
            "database: give a new --db file, or use `portfolio restore` to replace one",
        )


def check_file(
    path: Path, *, fmt: str | None = None, on_progress: OnProgress | None = None
) -> Checked:
    """Read and check `path` without touching any database."""
    raw = read_file(path, fmt)
    estimate = sum(t.estimate for t in raw.tables.values())
    progress = _Progress(on_progress, estimate)
    return check(raw, progress.add)


def import_file(
    path: Path,
    *,
    store,
    actor: str | None = None,
    fmt: str | None = None,
    on_progress: OnProgress | None = None,
) -> ImportResult:
    """Import a whole portfolio from `path` into `store`'s empty database, all or nothing.

    Raises ImportRejectedError listing every problem (nothing written), or InputError
    when the database is not empty or the file cannot be read at all. `actor` (default:
    the store's user) is who the audit log says imported it.
    """
    path = Path(path)
    with store.reading() as connection:
        _refuse_unless_empty(non_empty_tables(connection))
    # Millions of short-lived rows: the cyclic collector only slows this down.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import(path, store, actor, fmt, on_progress)
    finally:
        if collecting:
            gc.enable()


def _import(path: Path, store, actor, fmt, on_progress) -> ImportResult:
    raw = read_file(path, fmt)
    estimate = sum(t.estimate for t in raw.tables.values())
    progress = _Progress(on_progress, estimate)
    checked = check(raw, progress.add)
    if checked.problems:
        raise ImportRejectedError(path.name, checked.problems)
    progress.firm(progress.done + checked.row_count)
    counts = {name: len(loaded.rows) for name, loaded in checked.tables.items()}
    identity = Identity.for_actor(actor) if actor else None
    try:
        with store.writing() as session:
            if identity is not None:
                session.info["identity"] = identity
            require(session, Permission.IMPORT_DATA)
            dbapi = session.connection().connection
            _refuse_unless_empty(non_empty_tables(dbapi))
            _insert_all(dbapi, checked, progress.add)
            dbapi.execute(REBUILD_CURRENT_RAG)
            broken = _foreign_key_problems(dbapi, checked)
            if broken:
                raise ImportRejectedError(path.name, broken)
            digest = record_event(
                session,
                entity="import",
                entity_id=path.name,
                action="import",
                after={
                    "file": path.name,
                    "format": raw.format,
                    "rows": counts,
                    "tables": bulk_marks(dbapi),
                },
                reason=f"imported {path.name}",
            )
    except sqlite3.IntegrityError:
        raise ImportRejectedError(path.name, _diagnose(store, checked)) from None
    return ImportResult(path, raw.format, counts, digest)


def _insert_sql(loaded: Loaded) -> str:
    marks = ", ".join("?" * len(loaded.columns))
    return f"INSERT INTO {loaded.table.db} ({', '.join(loaded.columns)}) VALUES ({marks})"


def _insert_all(dbapi, checked: Checked, tick: Callable[[int], None]) -> None:
    dbapi.execute("PRAGMA defer_foreign_keys = ON")
    # Room for the new index pages, so they are not spilled and rewritten mid-import.
    dbapi.execute("PRAGMA cache_size = -131072")
    cursor = dbapi.cursor()
    for table in TABLES:
        loaded = checked.tables.get(table.name)
        if loaded is None or not loaded.rows:
            continue
        sql = _insert_sql(loaded)
        # A big table loads faster with its secondary indexes built once at the end
        # (sorted) than kept up row by row; all of it is inside the one transaction.
        indexes = _secondary_indexes(dbapi, table.db) if len(loaded.rows) > BULK_ROWS else []
        for name, _sql in indexes:
            dbapi.execute(f'DROP INDEX "{name}"')
        for start in range(0, len(loaded.rows), 20000):
            chunk = loaded.rows[start : start + 20000]
            cursor.executemany(sql, chunk)
            tick(len(chunk))
        for _name, create in indexes:
            dbapi.execute(create)


def _secondary_indexes(dbapi, table_db: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the indexes made explicitly on a table."""
    return dbapi.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL",
        (table_db,),
    ).fetchall()


def _foreign_key_problems(dbapi, checked: Checked) -> list[Problem]:
    """Rows whose references the database cannot follow, placed by row number."""
    by_db = {loaded.table.db: loaded for loaded in checked.tables.values()}
    problems = []
    for table_db, rowid, parent, _fk in dbapi.execute("PRAGMA foreign_key_check").fetchall():
        loaded = by_db.get(table_db)
        number = None
        if loaded is not None and "id" in loaded.columns:
            slot = loaded.columns.index("id")
            number = next(
                (n for r, n in zip(loaded.rows, loaded.numbers, strict=True) if r[slot] == rowid),
                None,
            )
        where = loaded.where if loaded else table_db
        problems.append(Problem(where, number, None, f"refers to a missing {parent} row"))
    return problems


class _RollBackError(Exception):
    """Raised to end the diagnosing transaction without keeping anything."""


def _diagnose(store, checked: Checked) -> list[Problem]:
    """Insert row by row (each in a savepoint), collecting every refusal, then roll back."""
    problems: list[Problem] = []
    try:
        with store.writing() as session:
            dbapi = session.connection().connection
            dbapi.execute("PRAGMA defer_foreign_keys = ON")
            for table in TABLES:
                loaded = checked.tables.get(table.name)
                if loaded is None:
                    continue
                sql = _insert_sql(loaded)
                for row, number in zip(loaded.rows, loaded.numbers, strict=True):
                    dbapi.execute("SAVEPOINT one_row")
                    try:
                        dbapi.execute(sql, row)
                    except sqlite3.IntegrityError as error:
                        problems.append(
                            Problem(loaded.where, number, None, f"the database refused it: {error}")
                        )
                    dbapi.execute("RELEASE one_row")
            raise _RollBackError
    except _RollBackError:
        pass
    return problems or [Problem("file", None, None, "the database refused the rows")]
