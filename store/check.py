"""`portfolio check`: SQLite's own checks, the audit hash chain and its guards (the
triggers; on PostgreSQL also switched on, and no login with a right to change history),
and the tables beside it
(derived tables recomputed, audited rows matched to their events: `store.integrity`),
and the laptops' chains archived by sync (`store.sync.archives`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from store.audit import ChainReport, verify_chain
from store.db.backup import integrity_verdict
from store.db.dialect import foreign_key_violations
from store.db.schema import SchemaStatus, inspect_sqlite, inspect_url
from store.integrity import Finding, find_tampering
from store.paths import sqlite_uri
from store.sync.archives import ArchiveReport, verify_archives
from store.tamper import disabled_guards, forbidden_rights, missing_guards


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
    disabled_guards: list[str] = field(default_factory=list)
    forbidden_rights: list[str] = field(default_factory=list)
    anchor: Anchor | None = None
    tampered: list[Finding] = field(default_factory=list)
    # The laptops' chains archived by sync (`store.sync.archives`).
    archives: ArchiveReport | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every check held."""
        return not self.problems


def find_anchor(connection, expected: str) -> Anchor:
    """The audit event whose hash is `expected`, on a DB-API connection."""
    row = connection.execute(
        "SELECT id, occurred_at FROM audit_event WHERE hash = :hash ORDER BY id LIMIT 1",
        {"hash": expected},
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
        check_history(connection, report, expect)
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
    report.foreign_keys = foreign_key_violations(connection)
    if report.foreign_keys:
        table, rowid, parent, _ = report.foreign_keys[0]
        report.problems.append(
            f"foreign_key_check: {len(report.foreign_keys)} broken reference(s), "
            f"first {table} row {rowid} points at a missing {parent}"
        )


def check_url(url: str, *, expect: str | None = None) -> CheckReport:
    """`check_database` for a database URL: a SQLite file gets every check; a PostgreSQL
    database (whose server keeps its own storage and foreign keys) gets `check_history`."""
    from store.db.backend import backend_for

    backend = backend_for(url)
    if backend.path is not None:
        return check_database(backend.path, expect=expect)
    report = CheckReport(integrity="kept by the server")
    state = inspect_url(backend.url)
    if state.status is not SchemaStatus.CURRENT:
        report.problems.append(f"schema is {state.status.value} ({state.revision or 'no version'})")
        return report
    connection = backend.connect_read()
    try:
        backend.begin_read(connection)
        check_history(connection, report, expect)
    finally:
        connection.close()
    return report


# Each guard check: the report's field, what finds the failures, and the problem it is.
_GUARD_CHECKS = (
    (
        "missing_guards",
        missing_guards,
        "tamper guards: {count} trigger(s) missing or altered, first {first}; someone removed the "
        "protection against editing or deleting history",
    ),
    (
        "disabled_guards",
        disabled_guards,
        "tamper guards: {count} trigger(s) switched off, first {first}; someone disabled "
        "the protection against editing or deleting history (ALTER TABLE … ENABLE "
        "TRIGGER puts it back)",
    ),
    (
        "forbidden_rights",
        forbidden_rights,
        "privileges: {count} right(s) to change history granted, first {first}; the "
        "owner must revoke them (logins may only add rows to the audit log and the "
        "decisions)",
    ),
)


def _check_guards(connection, report: CheckReport) -> None:
    """The guard triggers are all there and switched on (PostgreSQL can switch one off),
    and no login may change or delete the append-only tables' rows (`store.tamper`)."""
    for field_name, find, problem in _GUARD_CHECKS:
        found = find(connection)
        setattr(report, field_name, found)
        if found:
            report.problems.append(problem.format(count=len(found), first=found[0]))


def check_history(connection, report: CheckReport, expect: str | None) -> None:
    """The audit chain, its tamper guards, the anchor `expect` (if given), and the rows
    beside the chain: derived tables and audited rows (`store.integrity`), on a DB-API
    connection."""
    report.chain = verify_chain(connection)
    if not report.chain.ok:
        report.problems.append(f"audit chain: {report.chain.problem}")
    _check_guards(connection, report)
    if expect is not None:
        report.anchor = find_anchor(connection, expect)
        if not report.anchor.found:
            report.problems.append(
                f"anchor: no audit event has hash {expect}; the log was rewritten or "
                "cut short since that hash was recorded"
            )
    report.tampered = find_tampering(connection)
    report.problems.extend(finding.describe() for finding in report.tampered)
    report.archives = verify_archives(connection)
    report.problems.extend(report.archives.problems)


def restore_advice(path: Path, tampered: list[Finding]) -> str:
    """What to restore when rows of the database at `path` were changed behind the app's
    back: the latest backup that `check` passes, from before the first bad row when a
    time is known, naming the backups kept beside the database."""
    advice = (
        "restore: the database was changed outside the app; restore the latest backup "
        "that `portfolio check --db BACKUP` passes, with `portfolio restore BACKUP --force`"
    )
    since = min((finding.since for finding in tampered if finding.since), default=None)
    if since is not None:
        advice += f" (one taken before {since}, when the first bad row was last written, is clean)"
    backups = sorted(path.parent.glob(f"{path.name}.*.bak"), key=lambda p: p.stat().st_mtime)
    if backups:
        advice += "; backups beside the database, newest first: " + ", ".join(
            str(backup) for backup in reversed(backups[-3:])
        )
    return advice
