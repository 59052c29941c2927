"""Crash safety: a child process saving through the real services is SIGKILLed at random
(seeded) points, over and over, and after every kill the file is sound.

After each kill: `integrity_check` is ok, `foreign_key_check` is empty, every logical
change is all there or not there at all, every change has exactly one audit event, and
the hash chain verifies (with the guard triggers and the current-RAG summary, via
`check_database`). Scenarios and kills per run: RAG saves (40), Star Chamber decisions
(40) and a 10,000-row import (25): 105 kills.

The import is the real `import_file` of a JSON export of a generated portfolio
(1,000 initiatives over 4 quarters: over 10,000 rows) into an empty database.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from store import paths
from store.check import check_database
from store.db.schema import open_database
from store.exchange.export import export_file
from store.generate import Plan, generate
from store.handle import Store
from store.star_chamber.services.meetings import add_to_agenda
from store.star_chamber.services.requests import add_request
from store.users.services import add_user
from tests.support import star_chamber_world as world
from tests.support.factories import small_portfolio
from tests.support.write_workers import (
    import_once,
    import_rows,
    keep_deciding,
    keep_saving_rags,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sqlite_only(
        "SIGKILLs a writer mid-save and reopens the SQLite file: its journal's recovery; on "
        "PostgreSQL a killed client's transaction is rolled back by the server"
    ),
]

RAG_KILLS = 40
DECISION_KILLS = 40
IMPORT_KILLS = 25
REQUESTS = 240

CONTEXT = multiprocessing.get_context("fork")


def _kill_after(target, args: tuple, delay: float) -> None:
    """Start `target` in a child, let it get going, SIGKILL it after `delay` seconds."""
    ready = CONTEXT.Event()
    child = CONTEXT.Process(target=target, args=(*args[:1], ready, *args[1:]))
    child.start()
    assert ready.wait(30), "the child never started"
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.join(30)
    assert child.exitcode in (-signal.SIGKILL, 0)


def _one(connection, sql: str, *params):
    return connection.execute(sql, params).fetchone()[0]


def _assert_sound(path: Path) -> sqlite3.Connection:
    """The checks every kill must pass; returns a connection for the scenario's own."""
    report = check_database(path)
    assert report.integrity == "ok"
    assert report.foreign_keys == []
    assert report.chain is not None and report.chain.ok, report.chain
    assert report.ok, report.problems
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _exactly_one_event_each(connection, table: str) -> None:
    """Each row of `table` has one `create` audit event and each event its row."""
    unmatched = _one(
        connection,
        f"SELECT COUNT(*) FROM {table} AS t WHERE (SELECT COUNT(*) FROM audit_event AS e "
        f"WHERE e.entity = '{table}' AND e.entity_id = CAST(t.id AS TEXT)) <> 1",
    )
    orphans = _one(
        connection,
        f"SELECT COUNT(*) FROM audit_event AS e WHERE e.entity = '{table}' AND NOT EXISTS "
        f"(SELECT 1 FROM {table} AS t WHERE CAST(t.id AS TEXT) = e.entity_id)",
    )
    assert (unmatched, orphans) == (0, 0)


def _crash_is_an_admin(store: Store) -> None:
    """The children act as `crash`; someone other than `tester`, who entered the
    requests, must decide them."""
    with store.writing() as session:
        add_user({"login": "crash", "role": "admin"}, session=session)


def test_rag_saves_survive_being_killed_at_random_points(store, db_path):
    small_portfolio(store)
    _crash_is_an_admin(store)
    store.close()
    rng = random.Random(6)
    saved = []
    for run in range(RAG_KILLS):
        _kill_after(keep_saving_rags, (db_path, run * 100_000), rng.uniform(0.0, 0.05))
        connection = _assert_sound(db_path)
        _exactly_one_event_each(connection, "rag_assessment")
        saved.append(_one(connection, "SELECT COUNT(*) FROM rag_assessment WHERE author = 'crash'"))
        connection.close()
    print(f"RAG kills: {RAG_KILLS}, saves that committed before their kill: {saved[-1]}")
    assert saved[-1] > 0  # the kills landed while saves were going on


def _agenda_of_requests(store: Store) -> list[str]:
    world.build(store)
    return _more_requests(store, 0)


def _more_requests(store: Store, start: int) -> list[str]:
    """REQUESTS new requests on the meeting's agenda, numbered from `start`."""
    references = []
    with store.writing() as session:
        for n in range(start, start + REQUESTS):
            reference = add_request(
                {
                    "business_group": "TP",
                    "post": f"Records officer {n}",
                    "grade": "C",
                    "fte": "1",
                    "staff_type": "police_staff",
                    "justification": "The team cannot keep up.",
                    "received_on": "2011-06-01",
                },
                session=session,
            ).reference
            add_to_agenda({"meeting": world.MEETING, "reference": reference}, session=session)
            references.append(reference)
    return references


def _undecided(path: Path, references: list[str]) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    decided = {
        row[0]
        for row in connection.execute(
            "SELECT reference FROM sc_request r JOIN sc_decision d ON d.request_id = r.id"
        )
    }
    connection.close()
    return [reference for reference in references if reference not in decided]


def test_decision_saves_survive_being_killed_at_random_points(store, db_path):
    references = _agenda_of_requests(store)
    _crash_is_an_admin(store)
    store.close()
    rng = random.Random(3)
    for _ in range(DECISION_KILLS):
        remaining = _undecided(db_path, references)
        if len(remaining) < REQUESTS // 4:  # a fast machine decides them all: add more
            with Store(f"sqlite:///{db_path}", "tester") as topping_up:
                references += _more_requests(topping_up, len(references))
            remaining = _undecided(db_path, references)
        _kill_after(keep_deciding, (db_path, remaining), rng.uniform(0.0, 0.05))
        connection = _assert_sound(db_path)
        _exactly_one_event_each(connection, "sc_decision")
        # All or nothing: a request is decided exactly when its decision row exists,
        # and then carries the decision's outcome.
        mismatched = _one(
            connection,
            "SELECT COUNT(*) FROM sc_request AS r LEFT JOIN sc_decision AS d "
            "ON d.request_id = r.id WHERE (d.id IS NULL) <> (r.status <> 'decided') "
            "OR (d.id IS NOT NULL AND r.outcome IS NOT d.outcome)",
        )
        assert mismatched == 0
        connection.close()
    decided = len(references) - len(_undecided(db_path, references))
    print(f"decision kills: {DECISION_KILLS}, decisions that committed: {decided}")
    assert decided > 0  # decisions were being made


IMPORT_TABLES = ("business_group", "initiative", "rag_assessment", "current_rag")


def _table_counts(connection) -> dict[str, int]:
    return {table: _one(connection, f"SELECT COUNT(*) FROM {table}") for table in IMPORT_TABLES}


def _export_of_a_generated_portfolio(tmp_path: Path) -> Path:
    """A JSON export of 1,000 generated initiatives with 8,000 assessments."""
    open_database(f"sqlite:///{tmp_path / 'generated.db'}")
    generated = Store(f"sqlite:///{tmp_path / 'generated.db'}", paths.os_login())
    with generated.writing() as session:
        generate(session, Plan(initiatives=1_000, periods=4, seed=8))
    source = tmp_path / "export.json"
    export_file(generated, source, "json")
    generated.close()
    return source


def test_a_10000_row_import_survives_being_killed_at_random_points(tmp_path):
    source = _export_of_a_generated_portfolio(tmp_path)
    empty = tmp_path / "empty.db"
    open_database(f"sqlite:///{empty}")

    # Uninterrupted imports, for the full counts and how long one takes once warm.
    for attempt in ("cold", "warm"):
        whole = tmp_path / f"{attempt}.db"
        shutil.copyfile(empty, whole)
        handle = Store(f"sqlite:///{whole}", paths.os_login())
        handle.engine()
        started = time.perf_counter()
        import_rows(handle, source)
        duration = time.perf_counter() - started
        handle.close()
    connection = _assert_sound(whole)
    full = _table_counts(connection)
    connection.close()
    assert sum(full.values()) >= 10_000

    rng = random.Random(7)
    outcomes = {"absent": 0, "present": 0}
    for run in range(IMPORT_KILLS):
        path = tmp_path / f"run{run}.db"
        shutil.copyfile(empty, path)
        _kill_after(import_once, (path, source), rng.uniform(0.0, duration * 1.05))
        connection = _assert_sound(path)
        counts = _table_counts(connection)
        events = _one(connection, "SELECT COUNT(*) FROM audit_event")
        connection.close()
        if counts == full:
            assert events == 2  # the first admin (a new database) and the import
            outcomes["present"] += 1
        else:
            assert counts == dict.fromkeys(IMPORT_TABLES, 0) and events == 0, counts
            outcomes["absent"] += 1
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"import kills: {outcomes}")  # shown with -s: how many landed part-way
    assert outcomes["absent"] > 0  # most kills land part-way through the transaction
