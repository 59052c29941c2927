"""`portfolio check`: SQLite's own checks plus the audit hash chain and derived data."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from store.audit import ChainReport, verify_chain
from store.db.backup import integrity_verdict
from store.db.schema import SchemaStatus, inspect_sqlite
from store.paths import sqlite_uri
from store.tamper import missing_guards


@dataclass(frozen=True)
class Anchor:
    """Where an anchor hash (recorded earlier, e.g. in the minutes) sits in the chain."""

    hash: str
    event_id: int | None = None
    occurred_at: str | None = None

    @property
    def found(self) -> bool:
        """True when an event in the log carries the hash."""
        return self.event_id is not None


@dataclass
class CheckReport:
    """What each check found. `problems` is empty when everything held."""

    integrity: str = "not run"
    foreign_keys: list[tuple] = field(default_factory=list)
    chain: ChainReport | None = None
    missing_guards: list[str] = field(default_factory=list)
    anchor: Anchor | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every check held."""
        return not self.problems


_CURRENT_RAG_DRIFT = """
SELECT cr.initiative_id, cr.criterion_id FROM current_rag AS cr
WHERE cr.assessment_id IS NOT (
    SELECT a.id FROM rag_assessment AS a
    WHERE a.initiative_id = cr.initiative_id AND a.criterion_id = cr.criterion_id
    ORDER BY a.period DESC, a.id DESC LIMIT 1)
UNION ALL
SELECT a.initiative_id, a.criterion_id FROM rag_assessment AS a
LEFT JOIN current_rag AS cr
    ON cr.initiative_id = a.initiative_id AND cr.criterion_id = a.criterion_id
WHERE cr.id IS NULL
LIMIT 5
"""


def find_anchor(connection, expected: str) -> Anchor:
    """The audit event whose hash is `expected`, on a DB-API connection."""
    row = connection.execute(
        "SELECT id, occurred_at FROM audit_event WHERE hash = ? ORDER BY id LIMIT 1", (expected,)
    ).fetchone()
    return Anchor(expected, *row) if row else Anchor(expected)


def check_database(path: Path, *, expect: str | None = None) -> CheckReport:
    """Run every check read-only against the SQLite file at `path`. With `expect`, also
    check that the chain still holds an event with that hash (an anchor taken earlier)."""
    report = CheckReport()
    state = inspect_sqlite(path)
    if state.status is not SchemaStatus.CURRENT:
        report.problems.append(
            f"schema is {state.status.value} ({state.revision or 'no version'}); "
            "open it with the app to create or upgrade it first"
        )
        return report
    connection = sqlite3.connect(sqlite_uri(path), uri=True)
    try:
        _check_storage(connection, report)
        _check_history(connection, report, expect)
    except sqlite3.DatabaseError as error:
        report.problems.append(f"the database could not be read: {error}")
    finally:
        connection.close()
    return report


def _check_storage(connection: sqlite3.Connection, report: CheckReport) -> None:
    """SQLite's own checks: the file's integrity and its foreign keys."""
    report.integrity = integrity_verdict(connection)
    if report.integrity != "ok":
        report.problems.append(f"integrity_check: {report.integrity}")
    report.foreign_keys = connection.execute("PRAGMA foreign_key_check").fetchall()
    if report.foreign_keys:
        table, rowid, parent, _ = report.foreign_keys[0]
        report.problems.append(
            f"foreign_key_check: {len(report.foreign_keys)} broken reference(s), "
            f"first {table} row {rowid} points at a missing {parent}"
        )


def _check_history(connection: sqlite3.Connection, report: CheckReport, expect: str | None) -> None:
    """The audit chain, its tamper guards, the anchor `expect` (if given), and that the
    current RAG summary agrees with the assessments."""
    report.chain = verify_chain(connection)
    if not report.chain.ok:
        report.problems.append(f"audit chain: {report.chain.problem}")
    report.missing_guards = missing_guards(connection)
    if report.missing_guards:
        report.problems.append(
            f"tamper guards: {len(report.missing_guards)} trigger(s) missing, first "
            f"{report.missing_guards[0]}; someone removed the protection against "
            "editing or deleting history"
        )
    if expect is not None:
        report.anchor = find_anchor(connection, expect)
        if not report.anchor.found:
            report.problems.append(
                f"anchor: no audit event has hash {expect}; the log was rewritten or "
                "cut short since that hash was recorded"
            )
    drift = connection.execute(_CURRENT_RAG_DRIFT).fetchall()
    if drift:
        report.problems.append(
            "current RAG summary disagrees with the assessment history for "
            f"initiative/criterion {drift[0][0]}/{drift[0][1]}"
        )
