"""Child-process bodies for the crash and concurrency tests: each opens its own store and
writes through the real service layer until it is told to stop or is killed.

They run in forked children (`multiprocessing`'s fork context), so a child starts in
milliseconds with the app already imported, and SIGKILL lands on a real process with
its own SQLite connections.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store import paths
from store.exchange.load import import_file
from store.handle import Store
from store.portfolio.services import record_assessment
from store.star_chamber.services.decisions import decide

CODES = ("TPD", "TPD-CRIB", "TPD-RESP", "TPD-SNT", "DRM")
"""The initiatives of `tests.support.factories.small_portfolio`."""


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


def save_many(db: Path, worker: str, count: int, ready, go, errors) -> None:
    """Wait at the start line with the others, then make `count` RAG saves. Any error is
    put on `errors` (the test asserts there are none) and the child exits 1."""
    store = at_own_desk(db, worker)
    ready.set()
    go.wait()
    try:
        for n in range(count):
            rag_save(store, worker, n)
    except BaseException as error:
        errors.put(f"{worker} after {n} saves: {type(error).__name__}: {error}")
        errors.close()
        errors.join_thread()
        raise SystemExit(1) from None
    finally:
        store.close()
