"""Copy a whole portfolio, users and audit history too, into an empty database: a
laptop's SQLite file onto a PostgreSQL server, a server's database onto a laptop, or
one file into a new one (`portfolio copy-to`).

The source must pass `check` first, and is only read. The target must be empty: a new
SQLite file, or a database whose schema is migrated (or not yet made) and holds no rows;
a database with rows in it is refused, never written over. Everything is written in one
transaction on the target: the rows in foreign-key order with their ids
(`store.db.copy`), the id sequences moved past them (PostgreSQL), then, still inside
that transaction, the copied chain is verified (its head must be the source's head, so
an anchor taken on the source still verifies), and one more audit event records the
copy: who made it, from where, and the source's chain head. Only then does it commit;
a new SQLite file is written beside its final name and renamed into place after that.
A failure anywhere leaves the target as it was: empty, or no file at all.

The guard triggers on the audit and decision tables are left on: they refuse UPDATE
and DELETE, and a copy only INSERTs, so nothing needs them off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from store.check import CheckReport, check_history, check_url
from store.db.backend import ErrorKind, backend_for
from store.db.copy import copy_tables
from store.db.dialect import finish_bulk_load, table_names
from store.db.schema import SchemaStatus, inspect_url, open_database, refuse_unless_openable
from store.errors import InputError, PortfolioError
from store.files import write_atomically
from store.paths import shown_url, sqlite_url

MOVE = "copy"  # the entity and action of the copy's audit event
# A refused target's rows are named table by table, these first, at most SHOWN_TABLES.
NAMED_FIRST = ("app_user", "audit_event", "initiative")
SHOWN_TABLES = 6


class CopyRefusedError(PortfolioError):
    """The copy was refused before anything was written: the problems, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class MoveReport:
    """What a copy did: rows by table, the source's chain head, the event recording it,
    and the target's own check afterwards."""

    rows: dict[str, int] = field(default_factory=dict)
    source_head: str = ""
    source_events: int = 0
    event_hash: str = ""
    target_check: CheckReport | None = None

    @property
    def total(self) -> int:
        """Rows copied, all tables together."""
        return sum(self.rows.values())


def copy_database(
    source_url: str,
    target_url: str,
    actor: str,
    on_table: Callable[[str, int], None] | None = None,
) -> MoveReport:
    """Copy everything in the database at `source_url` into the empty one at
    `target_url`, acting as `actor` (see the module docstring); CopyRefusedError when the
    source fails its check or the target is not empty."""
    source_check = check_url(source_url)
    if not source_check.ok:
        raise CopyRefusedError([f"source: {problem}" for problem in source_check.problems])
    report = MoveReport(
        source_head=source_check.chain.last_hash, source_events=source_check.chain.events
    )
    target = backend_for(target_url)
    if target.path is not None and not target.path.exists():
        write_atomically(
            target.path,
            lambda temporary: _fill(source_url, sqlite_url(temporary), actor, report, on_table),
            field="target",
        )
    else:
        _prepare(target.url)
        _fill(source_url, target.url, actor, report, on_table)
    report.target_check = check_url(target_url, expect=report.source_head)
    return report


def _prepare(url: str) -> None:
    """Make the schema of the database at `url` if it has none yet; refuse one this
    app cannot open (a newer or a foreign one)."""
    state = inspect_url(url)
    refuse_unless_openable(state, shown_url(url))
    if state.status is not SchemaStatus.CURRENT:
        open_database(url)


def held_rows(connection) -> dict[str, int]:
    """The tables on a DB-API connection that hold rows, and how many."""
    held = {}
    for table in table_names(connection):
        if table == "alembic_version":
            continue
        count = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if count:
            held[table] = count
    return held


def _refuse_unless_empty(connection, url: str) -> None:
    """InputError naming what the target holds, unless it holds no rows."""
    held = held_rows(connection)
    if held:
        first = sorted(held, key=lambda table: (table not in NAMED_FIRST, table))
        listed = ", ".join(f"{held[table]} {table}" for table in first[:SHOWN_TABLES])
        more = f" and {len(held) - SHOWN_TABLES} more tables" if len(held) > SHOWN_TABLES else ""
        raise InputError(
            "target",
            f"{shown_url(url)} is not empty (it holds {listed}{more}); nothing was written",
        )


def _fill(source_url, target_url, actor, report: MoveReport, on_table) -> None:
    """Open (making its schema when new) the target and copy into it in one transaction;
    CopyRefusedError, with nothing written, when the target's server refuses a row or
    this login may not do what the copy needs."""
    from store.handle import Store

    if backend_for(target_url).path is not None:
        _prepare(target_url)
    source = backend_for(source_url)
    with Store(target_url, actor) as store, _session(store) as session:
        driver = session.connection().connection.driver_connection
        target = store.backend.wrap(driver)
        _refuse_unless_empty(target, target_url)
        reader = source.connect_read()
        try:
            source.begin_read(reader)
            report.rows = copy_tables(reader, driver, on_table)
            finish_bulk_load(driver)
        except store.backend.error_type as error:
            raise CopyRefusedError([refusal(store.backend, error)]) from error
        finally:
            reader.close()
        _verify_copy(target, report)
        report.event_hash = _record_copy(session, source_url, report)
        session.commit()


def refusal(backend, error: BaseException) -> str:
    """Why the target refused the copy, in words (nothing was written)."""
    text = str(error).strip().splitlines()[0]
    if backend.classify(error) is ErrorKind.NOT_ALLOWED:
        return (
            f"target: this login may not write what a copy needs ({text}); run copy-to "
            "as the schema owner (it sets the id sequences); nothing was written"
        )
    return f"target: the database refused the copy ({text}); nothing was written"


def _session(store):
    """A session on the target's write engine (its write lock taken when it begins)
    acting as the store's identity; not `Store.writing`, which would make the OS user
    the first admin of the still empty target before the copied users arrive."""
    from sqlmodel import Session

    session = Session(store.engine(), expire_on_commit=False)
    session.info["identity"] = store.identity
    return session


def _verify_copy(connection, report: MoveReport) -> None:
    """Check the copied rows inside the copy's transaction: the chain verifies, the
    guards are there, and its head is the source's (so the source's anchors hold)."""
    check = CheckReport()
    check_history(connection, check, report.source_head)
    if check.ok and check.chain.last_hash != report.source_head:
        check.problems.append(
            f"the copied chain ends at {check.chain.last_hash}, not the source's "
            f"{report.source_head}"
        )
    if not check.ok:
        raise CopyRefusedError([f"copy: {problem}" for problem in check.problems])


def _record_copy(session, source_url: str, report: MoveReport) -> str:
    """Append the audit event recording the copy; its hash."""
    from store.audit import record_event

    return record_event(
        session,
        entity=MOVE,
        entity_id=shown_url(source_url),
        action=MOVE,
        after={
            "from": shown_url(source_url),
            "source_head": report.source_head,
            "source_events": report.source_events,
            "rows": report.total,
        },
        reason="copied with its users and audit history by portfolio copy-to",
    )


def refuse_same(source_url: str, target_url: str) -> None:
    """InputError when source and target are one database."""
    source, target = backend_for(source_url), backend_for(target_url)
    same_file = source.path is not None and target.path is not None
    if (same_file and Path(source.path).resolve() == Path(target.path).resolve()) or (
        source.url == target.url
    ):
        raise InputError("target", "is the source database itself; choose another")
