"""`Store.watch_changes()`: a cheap "has anyone written since I last looked?" on both
engines (SQLite: `PRAGMA data_version`; PostgreSQL: LISTEN/NOTIFY)."""

from __future__ import annotations

import threading
import time

import pytest

from store.handle import Store
from store.portfolio.services import record_assessment
from tests.support.factories import small_portfolio

IDLE = 1.2  # seconds with nobody writing: more than two of SQLite's polls


@pytest.fixture
def watched(store, store_url):
    """(watcher on `store`, its stop event, another handle on the same database)."""
    small_portfolio(store)
    other = Store(store_url, "tester")
    watcher = store.watch_changes()
    stop = threading.Event()
    yield watcher, stop, other
    stop.set()
    watcher.close()
    other.close()


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


def _seen_while_idle(watcher, stop: threading.Event) -> list[float]:
    """What the watcher sees in `IDLE` seconds of nobody writing; the wait then ends
    when `stop` is set."""
    took, thread = _wait_in_thread(watcher, stop)
    time.sleep(IDLE)
    stop.set()
    thread.join(timeout=2)
    assert not thread.is_alive()
    return took


def test_another_handles_save_is_seen_within_a_second(watched):
    watcher, stop, other = watched
    took, thread = _wait_in_thread(watcher, stop)
    _save(other, "Slipped again.")
    thread.join(timeout=2)
    assert took and took[0] < 1.5


def test_nothing_written_nothing_seen_and_stop_ends_the_wait(watched):
    watcher, stop, _other = watched
    assert _seen_while_idle(watcher, stop) == []


def test_a_burst_of_saves_is_one_change(watched):
    watcher, stop, other = watched
    for n in range(5):
        _save(other, f"Save {n}.")
    assert watcher.wait(stop)  # the burst...
    assert _seen_while_idle(watcher, stop) == []  # ...and nothing after it
