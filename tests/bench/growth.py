"""Issue 19's growth figures: first paint, filter keystroke and detail open at 1k, 10k
and 100k initiatives side by side, with their spread; how long `portfolio generate`
took to make the 100k database; the app's peak RSS at 100k.

The databases are the bench's cached generated ones (`run.generated_database`), which
record how long each took to generate when it was built; a cached one is not built
again, so the generator's time is the one of its last build, with the load then.
First paints alternate between the sizes; so do the sessions of our app (three per size)
that time the keystrokes and detail opens.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from tests.bench.pty_timing import time_until
from tests.bench.reference import our_session, typed_characters
from tests.bench.run import BIN, Figure, generated_database, meets, ms, visible_rows

SIZES = [(1_000, 40), (10_000, 40), (100_000, 8)]
LABELS = ["1k/40", "10k/40", "100k/8"]
PAINT_RUNS = 5
SESSION_ROUNDS = 3  # sessions of our app per size, for the keystrokes and detail opens
SPREAD = 1.2  # the slowest size's p50 over the fastest's
GENERATE_SECONDS = 60
RSS_MB = 250


def first_paints(databases: list[Path]) -> list[list[float]]:
    """First-paint times of our app on each database, the databases taken in turn."""
    markers = [visible_rows(db, 1)[1][0].encode() for db in databases]
    commands = [[str(BIN / "portfolio"), "--db", str(db)] for db in databases]
    for command, marker in zip(commands, markers, strict=True):
        time_until(command, marker)  # warm the page cache once
    times: list[list[float]] = [[] for _ in databases]
    for _ in range(PAINT_RUNS):
        for index, (command, marker) in enumerate(zip(commands, markers, strict=True)):
            times[index].append(time_until(command, marker))
    return times


def spread_figure(name: str, values: list[float], note: str) -> Figure:
    """One figure at every size in a line, and the slowest over the fastest."""
    spread = max(values) / min(values)
    return Figure(
        f"{name}, {' / '.join(LABELS)}",
        " / ".join(ms(value) for value in values),
        f"{note}; spread {spread:.2f}x, target <= {SPREAD:g}x: {meets(spread, SPREAD)}",
        spread,
    )


def generate_figure(database: Path) -> Figure:
    """How long the 100k database took to generate, as recorded when it was built."""
    record = Path(f"{database}.json")
    if not record.exists():
        return Figure("generate 100k/8", "not timed", f"built before timing; delete {database}")
    built = json.loads(record.read_text(encoding="utf-8"))
    seconds = built["seconds"]
    return Figure(
        "generate 100k/8",
        f"{seconds:.0f} s",
        f"`portfolio generate` when cached (load {built['load']}); "
        f"target < {GENERATE_SECONDS} s: {meets(seconds, GENERATE_SECONDS)}",
        seconds,
    )


def growth_figures(demo: Path, generated: Path) -> list[Figure]:
    """The three sizes side by side, the generator at 100k, and peak RSS at 100k."""
    databases = [generated_database(count, periods) for count, periods in SIZES]
    paints = [statistics.median(times) for times in first_paints(databases)]
    keys, opens, rss = sessions(databases)
    each = f"{SESSION_ROUNDS} sessions per size, sizes alternating"
    return [
        spread_figure("first paint", paints, f"median of {PAINT_RUNS}, sizes alternating"),
        spread_figure("filter keystroke p50", [statistics.median(k) for k in keys], each),
        spread_figure("open detail p50", [statistics.median(o) for o in opens], each),
        generate_figure(databases[-1]),
        Figure(
            "peak RSS, 100k/8",
            f"{rss:.0f} MB",
            f"the most of its sessions, after filtering and 8 opens; "
            f"target <= {RSS_MB} MB: {meets(rss, RSS_MB)}",
            rss,
        ),
    ]


def sessions(databases: list[Path]) -> tuple[list[list[float]], list[list[float]], float]:
    """Keystroke and detail-open times per size, pooled over `SESSION_ROUNDS` sessions
    of our app with the sizes taken in turn (as the first paints are: one session alone
    carries whatever else the machine did meanwhile), and the peak RSS of the largest
    size's sessions."""
    keys: list[list[float]] = [[] for _ in databases]
    opens: list[list[float]] = [[] for _ in databases]
    rss = 0.0
    for _ in range(SESSION_ROUNDS):
        for index, database in enumerate(databases):
            typed, opened, rss_mb = our_session(database, typed_characters(database))
            keys[index] += typed
            opens[index] += opened
            rss = max(rss, rss_mb) if index == len(databases) - 1 else rss
    return keys, opens, rss
