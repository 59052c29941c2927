"""Issue 19's targets against reference apps: a filter keystroke against the naive
filter app and the key-echo app (`filter_app.py`), a detail open against the bare
detail app (`detail_app.py`), at 10k/40.

Each round runs our app, then each reference app, in a real pty of 160x50, typing the
same keys and opening the same rows; `ROUNDS` rounds alternate them so that a change
in the machine's load falls on all of them. A target is a ratio of p50s; its line says
"met" or "not met" and the bench never fails on it.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

from tests.bench.interactive import (
    FILTER_KEYS,
    filter_counts,
    first_names,
    summary,
    time_detail_opens,
    time_filter_keystrokes,
    time_typing,
)
from tests.bench.pty_session import FRAME_END, PtySession
from tests.bench.pty_timing import _environment
from tests.bench.run import BIN, CACHE, Figure, meets, ms, visible_rows

ROUNDS = 2
HERE = Path(__file__).parent
# Issue 19's limits: our p50 over the reference app's.
FILTER_VS_NAIVE, FILTER_VS_ECHO, DETAIL_VS_BARE = 0.3, 5.0, 2.0


def target_figure(name: str, ours: float, reference: float, limit: float, what: str) -> Figure:
    """`ours / reference` as a line of the table, with the target and whether it is met."""
    ratio = ours / reference
    return Figure(
        name,
        f"{ratio:.2f}x",
        f"{what}; target <= {limit:g}x: {meets(ratio, limit)}",
        ratio,
    )


def our_session(db: Path | str, characters: str) -> tuple[list[float], list[float], float]:
    """Filter keystrokes, detail opens and then peak RSS (MB), in one session of our app."""
    first_code = visible_rows(db, 1)[1][0]
    session = PtySession([str(BIN / "portfolio"), "--db", str(db)], _environment())
    try:
        session.wait_for(first_code.encode())
        session.settle(quiet=1.5)  # let the background warm-up finish
        keystrokes = time_filter_keystrokes(session, db, characters)
        opens = time_detail_opens(session, first_names(db, 8))
        return keystrokes, opens, session.peak_rss_mb()
    finally:
        session.close()


def _app_session(script: str, rows_file: Path, *args: str) -> PtySession:
    """A reference app started on `rows_file`, its first row painted and settled."""
    rows = json.loads(rows_file.read_text(encoding="utf-8"))
    argv = [sys.executable, str(HERE / script), str(rows_file), *args]
    session = PtySession(argv, _environment())
    session.wait_for(rows[1][0].encode())
    session.settle(quiet=1.0)
    return session


def reference_filter(rows_file: Path, characters: str, echo: bool) -> list[float]:
    """Keystroke times in the naive filter app (to its new count) or the echo app (to
    the key's frame), typing `characters` one at a time with backspace between."""
    from tests.bench.filter_app import matches

    rows = json.loads(rows_file.read_text(encoding="utf-8"))
    if echo:
        typed = [(c, FRAME_END, FRAME_END) for c in characters]
    else:
        back = f"{len(rows) - 1} shown".encode()
        typed = [(c, f"{len(matches(rows, c))} shown".encode(), back) for c in characters]
    session = _app_session("filter_app.py", rows_file, *(["--echo"] if echo else []))
    try:
        return time_typing(session, typed)
    finally:
        session.close()


def reference_detail(rows_file: Path, names: list[str]) -> list[float]:
    """Open times in the bare detail app for the rows named `names` (its first rows)."""
    session = _app_session("detail_app.py", rows_file)
    try:
        return time_detail_opens(session, names)
    finally:
        session.close()


def rows_json(name: str, db: Path | str, count: int) -> Path:
    """The list's first `count` rows of `db` (header first), written to the bench's cache."""
    path = CACHE / f"{name}-rows.json"
    path.write_text(json.dumps(visible_rows(db, count)), encoding="utf-8")
    return path


def typed_characters(db: Path | str) -> str:
    """The bench's filter keys that narrow the list (one matching every row changes
    nothing to wait for)."""
    counts = filter_counts(db, FILTER_KEYS + " ")
    return "".join(c for c in FILTER_KEYS if counts[c] != counts[" "])


def reference_rounds(db: Path | str) -> dict[str, list[float]]:
    """Samples of every app, `ROUNDS` rounds of ours then each reference app."""
    characters = typed_characters(db)
    every_row = rows_json("10k-all", db, filter_counts(db, " ")[" "])
    first_rows = rows_json("10k-first", db, 48)
    names = first_names(db, 8)
    samples: dict[str, list[float]] = {
        name: [] for name in ("filter", "naive", "echo", "detail", "bare")
    }
    for _ in range(ROUNDS):
        keystrokes, opens, _rss = our_session(db, characters)
        samples["filter"] += keystrokes
        samples["detail"] += opens
        samples["naive"] += reference_filter(every_row, characters, echo=False)
        samples["echo"] += reference_filter(every_row, characters, echo=True)
        samples["bare"] += reference_detail(first_rows, names)
    return samples


def reference_figures(demo: Path, generated: Path) -> list[Figure]:
    """Issue 19: filter keystroke and detail open at 10k against the reference apps."""
    samples = reference_rounds(generated)
    p50 = {name: statistics.median(values) for name, values in samples.items()}
    lines = [
        ("filter keystroke, ours, 10k", "filter", "key to list repainted with its count"),
        ("filter keystroke, naive filter app", "naive", "10,000 rows filtered in memory"),
        ("filter keystroke, key-echo app", "echo", "the Input only: key to its frame"),
        ("open detail, ours, 10k/800k", "detail", "enter to detail painted"),
        ("open detail, bare detail app", "bare", "header, 9 tabs, 20-row table"),
    ]
    figures = [
        Figure(
            f"{label} p50 / p95",
            "{} / {}".format(*map(ms, summary(samples[key]))),
            f"{len(samples[key])} samples in {ROUNDS} alternating rounds; {note}",
            p50[key],
        )
        for label, key, note in lines
    ]
    targets = [
        ("ratio filter / naive filter app", "filter", "naive", FILTER_VS_NAIVE),
        ("ratio filter / key-echo app", "filter", "echo", FILTER_VS_ECHO),
        ("ratio detail open / bare detail app", "detail", "bare", DETAIL_VS_BARE),
    ]
    return figures + [
        target_figure(name, p50[ours], p50[theirs], limit, "p50s")
        for name, ours, theirs, limit in targets
    ]
