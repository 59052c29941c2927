"""`Store.watch_changes()`: a cheap "has anyone written since I last looked?" on both
engines (SQLite: `PRAGMA data_version`; PostgreSQL: LISTEN/NOTIFY)."""

from __future__ import annotations

import threading
import time

from store.handle import Store
from store.portfolio.services import record_assessment
from tests.support.factories import small_portfolio


def _save(store: Store, rationale: str) -> None:
    with store.writing() as session:
        record_assessment(
            {"code": "TPD", "criterion": "Overall status", "rag": "R", "rationale": rationale},
            session=session,
        )


def _wait_in_thread(watcher, stop: threading.Event) -> tuple[list[float], threading.Thread]:
    """Start `watcher.wait(stop)` in a thread; its list gets the seconds it took."""
    took: list[float] = []
    started = time.monotonic()

    def run() -> None:
        if watcher.wait(stop):
            took.append(time.monotonic() - started)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return took, thread


def test_another_handles_save_is_seen_within_a_second(store, store_url):
    small_portfolio(store)
    other = Store(store_url, "tester")
    watcher = store.watch_changes()
    stop = threading.Event()
    try:
        took, thread = _wait_in_thread(watcher, stop)
        _save(other, "Slipped again.")
        thread.join(timeout=2)
        assert took and took[0] < 1.5
    finally:
        stop.set()
        watcher.close()
        other.close()


def test_nothing_written_nothing_seen_and_stop_ends_the_wait(store):
    small_portfolio(store)
    watcher = store.watch_changes()
    stop = threading.Event()
    try:
        took, thread = _wait_in_thread(watcher, stop)
        time.sleep(1.2)  # more than two polls, nobody writing
        stop.set()
        thread.join(timeout=2)
        assert not thread.is_alive() and took == []
    finally:
        watcher.close()


def test_a_burst_of_saves_is_one_change(store, store_url):
    small_portfolio(store)
    other = Store(store_url, "tester")
    watcher = store.watch_changes()
    stop = threading.Event()
    try:
        for n in range(5):
            _save(other, f"Save {n}.")
        assert watcher.wait(stop)  # the burst
        took, thread = _wait_in_thread(watcher, stop)
        time.sleep(1.2)
        stop.set()
        thread.join(timeout=2)
        assert took == []  # and nothing after it
    finally:
        watcher.close()
        other.close()
