"""Where our app's time goes for a filter keystroke and a detail open, profiled in a pty.

`python -m tests.bench.profiling filter|detail|paint [DB]` starts the app under cProfile
(`profiled_app.py`) on DB (default: the bench's generated 10k/40), waits for its first
paint, switches the profiler on, types the bench's filter keys (or opens the first
eight initiatives), switches it off and prints (`paint`: from before the app's imports
until its first paint) the functions with the most time, by
their own time and by time including what they call. Only the event loop's thread is
profiled; times are inflated by the profiler, so read them as shares.
"""

from __future__ import annotations

import os
import pstats
import signal
import statistics
import sys
import time
from pathlib import Path

from tests.bench.interactive import first_names, time_detail_opens, time_filter_keystrokes
from tests.bench.pty_session import PtySession
from tests.bench.pty_timing import _environment, compile_app
from tests.bench.reference import typed_characters
from tests.bench.run import CACHE, generated_database, ms, visible_rows

HERE = Path(__file__).parent
SHOWN = 30


WHAT = ("filter", "detail", "paint")


def _drive(session: PtySession, what: str, db: Path | str) -> list[float]:
    """Wait for the first paint; then, for `filter` or `detail`, switch the profiler on
    and time the keys. The seconds of each sample."""
    started = time.perf_counter()
    session.wait_for(visible_rows(db, 1)[1][0].encode())
    if what == "paint":
        return [time.perf_counter() - started]
    session.settle(quiet=1.5)
    os.kill(session.pid, signal.SIGUSR1)
    if what == "filter":
        return time_filter_keystrokes(session, db, typed_characters(db))
    return time_detail_opens(session, first_names(db, 8))


def profile(what: str, db: Path | str) -> Path:
    """Profile `what` (one of `WHAT`) in one session on `db`; the stats file."""
    output = CACHE / f"profile-{what}.prof"
    output.unlink(missing_ok=True)
    argv = [sys.executable, str(HERE / "profiled_app.py"), str(output), "--db", str(db)]
    environment = _environment() | ({"PORTFOLIO_PROFILE_START": "1"} if what == "paint" else {})
    session = PtySession(argv, environment)
    try:
        times = _drive(session, what, db)
        os.kill(session.pid, signal.SIGUSR2)
        deadline = time.perf_counter() + 10
        while not output.exists() and time.perf_counter() < deadline:
            session.settle(quiet=0.2)
    finally:
        session.close()
    p50 = ms(statistics.median(times))
    print(f"{what}: {len(times)} samples under the profiler, p50 {p50}")
    return output


def main(arguments: list[str]) -> None:
    """Profile each of `arguments` (of `WHAT`; a path last names the database)."""
    db = Path(arguments.pop()) if arguments and arguments[-1] not in WHAT else None
    db = db or generated_database()
    compile_app()  # as the bench does: our modules compiled, as an installed app's are
    for what in arguments or ["filter", "detail"]:
        stats = pstats.Stats(str(profile(what, db)))
        stats.sort_stats("tottime").print_stats(SHOWN)
        stats.sort_stats("cumulative").print_stats(SHOWN)


if __name__ == "__main__":
    main(sys.argv[1:])
