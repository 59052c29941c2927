"""The benchmark figures, each the median of several runs, with the commands behind them.

Databases live in `.cache/bench/` (git ignores it): the demo portfolio, and a
generated 10,000-initiative, 40-quarter portfolio built once and reused.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from store.paths import os_login
from tests.bench.pty_timing import time_until

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "bench"
BIN = Path(sys.executable).parent
RUNS = 7


@dataclass
class Figure:
    """One line of the table."""

    name: str
    value: str
    note: str = ""


def portfolio(*args: str) -> None:
    """Run the `portfolio` command, failing loudly."""
    subprocess.run([str(BIN / "portfolio"), *args], check=True, capture_output=True)


def demo_database() -> Path:
    """The demo portfolio, loaded once."""
    path = CACHE / "demo.db"
    if not path.exists():
        portfolio("demo", "--db", str(path))
    return path


def generated_database(initiatives: int = 10_000, periods: int = 40) -> Path:
    """A generated portfolio, built once per size and reused."""
    path = CACHE / f"generated-{initiatives}-{periods}.db"
    if not path.exists():
        portfolio(
            "generate",
            "--db",
            str(path),
            "--initiatives",
            str(initiatives),
            "--periods",
            str(periods),
        )
    return path


def visible_rows(path: Path, count: int = 48) -> list[list[str]]:
    """The first rows the portfolio list shows, as strings, header first."""
    from store.handle import Store
    from store.portfolio.queries import PortfolioQuery, portfolio_page

    store = Store(f"sqlite:///{path}", "bench")
    try:
        with store.reading() as connection:
            rows = portfolio_page(connection, PortfolioQuery(), limit=count)
    finally:
        store.close()
    header = ["Code", "Name", "BG", "Tier", "Cx", "RAG", "T", "SRO", "Last RAG"]
    return [header] + [
        [
            r.code,
            r.name,
            r.business_group,
            r.tier or "",
            r.complexity or "",
            r.rag or "",
            r.trend.value if r.trend else "",
            r.sro,
            r.rag_period or "",
        ]
        for r in rows
    ]


def first_paint(path: Path) -> tuple[list[float], list[float]]:
    """First-paint times of our app and of the floor app on the same rows, interleaved."""
    rows = visible_rows(path)
    rows_file = CACHE / f"{path.stem}-rows.json"
    rows_file.write_text(json.dumps(rows), encoding="utf-8")
    marker = rows[1][0].encode()
    ours_cmd = [str(BIN / "portfolio"), "--db", str(path)]
    floor_cmd = [sys.executable, str(Path(__file__).with_name("floor_app.py")), str(rows_file)]
    time_until(ours_cmd, marker)  # warm the page cache and .pyc files once
    time_until(floor_cmd, marker)
    ours, floor = [], []
    for _ in range(RUNS):
        ours.append(time_until(ours_cmd, marker))
        floor.append(time_until(floor_cmd, marker))
    return ours, floor


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return f"{seconds * 1000:.0f} ms"


def paint_figures(label: str, path: Path) -> list[Figure]:
    """First paint, floor and ratio for one database."""
    ours, floor = first_paint(path)
    ours_median, floor_median = statistics.median(ours), statistics.median(floor)
    return [
        Figure(f"first paint, {label}", ms(ours_median), f"median of {RUNS}, pty 160x50"),
        Figure(f"floor (bare DataTable), {label}", ms(floor_median), "same rows, same run"),
        Figure(f"ratio ours/floor, {label}", f"{ours_median / floor_median:.2f}x"),
    ]


def print_table(figures: list[Figure]) -> None:
    """The figures as an aligned plain-text table."""
    width = max(len(f.name) for f in figures)
    value_width = max(len(f.value) for f in figures)
    print(f"{'figure':<{width}}  {'value':>{value_width}}  note")
    print(f"{'-' * width}  {'-' * value_width}  ----")
    for figure in figures:
        print(f"{figure.name:<{width}}  {figure.value:>{value_width}}  {figure.note}")


def rag_save_times(path: Path, count: int = 30) -> list[float]:
    """Seconds per RAG save (service + commit with synchronous=FULL) on a copy of `path`."""
    import shutil
    import time

    from store.handle import Store
    from store.portfolio.services import record_assessment

    copy = CACHE / "rag-save.db"
    shutil.copyfile(path, copy)
    store = Store(f"sqlite:///{copy}", os_login())  # the admin the generated database made
    times = []
    try:
        for n in range(count):
            started = time.perf_counter()
            with store.writing() as session:
                record_assessment(
                    {
                        "code": "P00001",
                        "criterion": "Overall status",
                        "rag": "RAG"[n % 3],
                        "rationale": f"bench save {n}",
                    },
                    session=session,
                )
            times.append(time.perf_counter() - started)
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return times[1:]  # the first pays for building the engine


def generate_rate() -> tuple[float, int]:
    """Rows per second for generating 10k/40 into a fresh file, and the rows written."""
    from store.generate import Plan, generate
    from store.handle import Store

    path = CACHE / "generate-rate.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store, _ = Store.open(f"sqlite:///{path}", os_login())
    try:
        with store.writing() as session:
            summary = generate(session, Plan())
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return summary.total / summary.seconds, summary.total


def interactive_figures(path: Path) -> list[Figure]:
    """Cursor, filter and detail timings and peak RSS in one pty session at 10k/40."""
    from tests.bench.interactive import measure

    first_code = visible_rows(path, 1)[1][0]
    result = measure(BIN / "portfolio", path, first_code)
    moves, keys, opens = result["samples"]
    cursor, filtering, detail = result["cursor"], result["filter"], result["detail"]
    return [
        Figure(
            "cursor move p50 / p95, 10k",
            f"{ms(cursor[0])} / {ms(cursor[1])}",
            f"{moves} presses of j, key to end of frame",
        ),
        Figure(
            "filter keystroke p50 / p95, 10k",
            f"{ms(filtering[0])} / {ms(filtering[1])}",
            f"{keys} keystrokes, key to list repainted with the new count",
        ),
        Figure(
            "open programme detail p50 / p95, 10k/800k",
            f"{ms(detail[0])} / {ms(detail[1])}",
            f"{opens} opens, enter to detail painted",
        ),
        Figure("peak RSS, 10k", f"{result['rss_mb']:.0f} MB", "the TUI process, after the above"),
    ]


def main() -> None:
    """Build the databases if needed, measure, and print the table."""
    CACHE.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    figures += paint_figures("demo", demo_database())
    generated = generated_database()
    figures += paint_figures("10k/40", generated)
    figures += interactive_figures(generated)
    saves = rag_save_times(generated)
    figures.append(
        Figure(
            "save a RAG p50 / p95, 10k",
            f"{ms(statistics.median(saves))} / {ms(sorted(saves)[int(0.95 * len(saves)) - 1])}",
            f"{len(saves)} saves, synchronous=FULL, service + commit",
        )
    )
    rate, rows = generate_rate()
    figures.append(
        Figure("generate 10k/40", f"{rate:,.0f} rows/s", f"{rows:,} rows, one transaction")
    )
    print_table(figures)
