"""Child-process bodies for the crash and concurrency tests (and the bench's concurrent
writers): each opens its own store and writes through the real service layer until it
is done, told to stop or killed.

They run in forked children (`multiprocessing`'s fork context), so a child starts in
milliseconds with the app already imported, and SIGKILL lands on a real process with
its own database connections. `race` starts writers together at a start line.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from store import paths
from store.errors import DatabaseBusyError, StaleVersionError
from store.exchange.load import import_file
from store.handle import Store
from store.portfolio.services import record_assessment
from store.programme.risks.services import update_risk
from store.star_chamber.services.decisions import decide

CODES = ("TPD", "TPD-CRIB", "TPD-RESP", "TPD-SNT", "DRM")
"""The initiatives of `tests.support.factories.small_portfolio`."""
BUSY_TRIES = 20  # tries of one save that finds the database busy (5 s each) before giving up
RACE_SECONDS = 300  # how long a race may take before the test fails


def rag_save(store: Store, worker: str, n: int) -> None:
    """One RAG save: the logical change is an assessment, its audit event and the
    current-RAG row it refreshes."""
    with store.writing() as session:
        record_assessment(
            {
                "code": CODES[n % len(CODES)],
                "criterion": "Overall status",
                "rag": "RAG"[n % 3],
                "rationale": f"{worker} save {n}",
            },
            session=session,
        )


def decision_save(store: Store, reference: str) -> None:
    """One Star Chamber decision: the decision, the request's new status and one event."""
    with store.writing() as session:
        decide(
            {
                "reference": reference,
                "meeting": "2011-06-13",
                "outcome": "rejected",
                "reason": f"not funded ({reference})",
            },
            session=session,
        )


def import_rows(store: Store, source: Path) -> None:
    """The real import of `source` (an export file) into the store's empty database:
    checked first, then bulk inserts in one BEGIN IMMEDIATE transaction with one
    audit event."""
    import_file(source, store=store)


def at_own_desk(db: Path | str, login: str) -> Store:
    """A store for a worker process that is `login` at a desk of their own: their OS
    account is their login (as the tests' stand-in for the password database), so what
    they do is theirs alone, not the test's OS account acting for them. `db` is a SQLite
    file, or any database URL."""
    paths.os_login = lambda: login
    return Store(db if "://" in str(db) else f"sqlite:///{db}", login)


def _run(db: Path, body: Callable[[Store], None], actor: str = "crash") -> None:
    """Run `body` with a store acting as `actor` (the tests make `crash` an admin)."""
    with at_own_desk(db, actor) as store:
        body(store)


def keep_saving_rags(db: Path, ready, start: int) -> None:
    """Save RAGs numbered from `start` until killed; `ready` is set once the first has
    committed, so the kill lands among saves rather than during start-up."""

    def body(store: Store) -> None:
        n = start
        while True:
            rag_save(store, "crash", n)
            ready.set()
            n += 1

    _run(db, body)


def keep_deciding(db: Path, ready, references: list[str]) -> None:
    """Decide the requests still on the agenda, one transaction each, until killed;
    `ready` is set once the first decision has committed."""

    def body(store: Store) -> None:
        for reference in references:
            decision_save(store, reference)
            ready.set()

    _run(db, body)


def import_once(db: Path, ready, source: Path) -> None:
    """Import `source` once (the parent kills it part-way, or not)."""

    def body(store: Store) -> None:
        store.engine()
        ready.set()
        import_rows(store, source)

    _run(db, body, actor=paths.os_login())  # a new database: its first writer is admin


def with_busy_retries(
    save: Callable[[], None], refused: tuple[type[Exception], ...] = ()
) -> tuple[int, Exception | None]:
    """Run `save`, again each time it finds the database busy, as the CLI's user would
    on exit 4 ("database busy"): (the retries it took, the `refused` error it raised
    or None). Busy `BUSY_TRIES` times running is the worker's problem (raised)."""
    retries = 0
    while True:
        try:
            save()
            return retries, None
        except DatabaseBusyError:
            retries += 1
            if retries >= BUSY_TRIES:
                raise
        except refused as error:
            return retries, error


def _at_the_start_line(db, worker: str, ready, go, report, body) -> None:
    """Wait at the start line with the others, then run `body(store)` -> (retries,
    outcome) and put (worker, retries, outcome) on `report`. An error is put there as
    the outcome "problem: ..." and the child exits 1."""
    store = at_own_desk(db, worker)
    ready.set()
    go.wait()
    try:
        report.put((worker, *body(store)))
    except BaseException as error:
        report.put((worker, None, f"problem: {type(error).__name__}: {error}"))
        raise SystemExit(1) from None
    finally:
        store.close()
        report.close()
        report.join_thread()


def save_many(db, worker: str, count: int, ready, go, report) -> None:
    """Make `count` RAG saves from the start line, each retried while the database is
    busy; the outcome is "saved N" (N = count), with the retries they took in all."""

    def body(store: Store) -> tuple[int, str]:
        retries = 0
        for n in range(count):
            retries += with_busy_retries(lambda n=n: rag_save(store, worker, n))[0]
        return retries, f"saved {count}"

    _at_the_start_line(db, worker, ready, go, report, body)


def save_risk_from(db, worker: str, risk_id: int, version: int, ready, go, report) -> None:
    """Save a mitigation to risk `risk_id` from `version` (as read before the start),
    retried while busy; the outcome is "saved" or "stale" (refused: someone else saved
    it since that version)."""

    def save(store: Store) -> None:
        with store.writing() as session:
            data = {"id": risk_id, "mitigation": f"{worker}'s plan", "expected_version": version}
            update_risk(data, session=session)

    def body(store: Store) -> tuple[int, str]:
        retries, refusal = with_busy_retries(lambda: save(store), (StaleVersionError,))
        return retries, "stale" if refusal else "saved"

    _at_the_start_line(db, worker, ready, go, report, body)


@dataclass
class Race:
    """What writer processes started together reported: (worker, retries, outcome)
    each, in the order they finished; their exit codes; the seconds from the start
    signal until the last reported."""

    reports: list[tuple[str, int | None, str]]
    exitcodes: list[int | None]
    seconds: float

    @property
    def retries(self) -> int:
        """Busy retries, all workers together."""
        return sum(retries or 0 for _, retries, _ in self.reports)


def race(target: Callable[..., None], args: list[tuple]) -> Race:
    """Start one forked process per entry of `args`, running `target(*entry, ready,
    go, report)`; let them all begin together (a start barrier) and wait for each."""
    context = multiprocessing.get_context("fork")
    go, report = context.Event(), context.Queue()
    readies = [context.Event() for _ in args]
    children = [
        context.Process(target=target, args=(*entry, ready, go, report))
        for entry, ready in zip(args, readies, strict=True)
    ]
    for child in children:
        child.start()
    for ready in readies:
        assert ready.wait(30), "a writer did not reach the start line"
    started = time.perf_counter()
    go.set()
    reports = [report.get(timeout=RACE_SECONDS) for _ in children]
    seconds = time.perf_counter() - started
    for child in children:
        child.join(RACE_SECONDS)
    return Race(reports, [child.exitcode for child in children], seconds)
