"""Import: read a file in any exchange format, check every row, then write it all in
one transaction, or nothing.

The target must be an empty database (no rows in any exported table): an import
restores a whole portfolio with its ids, so merging into one that already has data
would clash. Rows go in with bulk inserts inside one `BEGIN IMMEDIATE` transaction
with foreign keys checked at the end; `current_rag` is rebuilt from the
assessments; one audit event records who imported which file and how many rows.
When the checks find problems, the rows are tried in a scratch database (`trial`) so
that the refusals only the database makes are listed with them, and the target is not
touched; a refusal in the target itself rolls everything back.
A file is refused before it is read when it passes a limit (`store.limits`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from store.audit import Identity, record_event
from store.db.dialect import finish_bulk_load
from store.errors import InputError
from store.exchange.formats import RawFile, csv_format, detect_format, json_format, xlsx_format
from store.exchange.problems import ImportRejectedError
from store.exchange.tables import TABLES
from store.exchange.trial import check_in_scratch, insert_checked
from store.exchange.validate import Checked, check
from store.integrity.bulk import bulk_record
from store.integrity.derived import CURRENT_RAG_SOURCE
from store.users.guard import require
from store.users.roles import Permission

OnProgress = Callable[[int, int], None]

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
    path: Path,
    *,
    fmt: str | None = None,
    on_progress: OnProgress | None = None,
    partial: bool = False,
) -> Checked:
    """Read and check `path` without touching any database: its rows are tried in a
    temporary one, so problems only the database would find are listed too."""
    raw = read_file(path, fmt)
    estimate = sum(t.estimate for t in raw.tables.values())
    progress = _Progress(on_progress, estimate)
    checked = check(raw, progress.add, partial=partial)
    checked.problems.extend(check_in_scratch(checked, progress.add))
    return checked


def import_file(
    path: Path,
    *,
    store,
    actor: str | None = None,
    fmt: str | None = None,
    on_progress: OnProgress | None = None,
    partial: bool = False,
) -> ImportResult:
    """Import a whole portfolio from `path` into `store`'s empty database, all or nothing
    (only the tables the file has when `partial`).

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
        return _import(path, store, actor, fmt, on_progress, partial)
    finally:
        if collecting:
            gc.enable()


def _import(path: Path, store, actor, fmt, on_progress, partial: bool) -> ImportResult:
    raw = read_file(path, fmt)
    estimate = sum(t.estimate for t in raw.tables.values())
    progress = _Progress(on_progress, estimate)
    checked = check(raw, progress.add, partial=partial)
    if checked.problems:
        # The database is not touched: the rows are tried in a scratch one instead.
        refused = [] if raw.refused else check_in_scratch(checked, progress.add)
        raise ImportRejectedError(path.name, [*checked.problems, *refused])
    progress.firm(progress.done + checked.row_count)
    counts = {name: len(loaded.rows) for name, loaded in checked.tables.items()}
    identity = Identity.for_actor(actor) if actor else None
    with store.writing() as session:
        if identity is not None:
            session.info["identity"] = identity
        require(session, Permission.IMPORT_DATA)
        dbapi = session.connection().connection
        _refuse_unless_empty(non_empty_tables(dbapi))
        refused = insert_checked(dbapi, checked, progress.add, references=True)
        if refused:
            raise ImportRejectedError(path.name, refused)
        dbapi.execute(REBUILD_CURRENT_RAG)
        finish_bulk_load(dbapi)
        digest = record_event(
            session,
            entity="import",
            entity_id=path.name,
            action="import",
            after={
                "file": path.name,
                "format": raw.format,
                "rows": counts,
                **bulk_record(dbapi),
            },
            reason=f"imported {path.name}",
        )
    return ImportResult(path, raw.format, counts, digest)
