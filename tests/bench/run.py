"""The benchmark figures, each the median of several runs, with the commands behind them.

Databases live in `.cache/bench/` (git ignores it): the demo portfolio, and a
generated 10,000-initiative, 40-quarter portfolio built once and reused. Each file's
name carries a key made from the code that writes it (the generator or the demo, and
the migrations), so a change to that code builds it afresh instead of measuring a
stale one.

Each line of the table comes from one function in `MEASURES`, given the demo and the
generated database; adding a figure is adding a function. Then issue 19's targets
against the reference apps (`tests.bench.reference`) and at 1k/10k/100k
(`tests.bench.growth`), the concurrent writers, and the same figures on PostgreSQL with
their ratios to SQLite (`tests.bench.engines`).
`python -m tests.bench NAME...` runs only the measures named (`postgres`: the server's).
"""

from __future__ import annotations

import hashlib
import json
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from store.paths import os_login
from tests.bench.benefits import benefits_opens
from tests.bench.interactive import store_url
from tests.bench.pty_timing import compile_app, time_until

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "bench"
BIN = Path(sys.executable).parent
RUNS = 7
PAINT_VS_FLOOR = 1.15  # issue 19: first paint against the bare DataTable app


@dataclass
class Figure:
    """One line of the table."""

    name: str
    value: str
    note: str = ""
    # The number a PostgreSQL/SQLite ratio compares (seconds, or saves per second).
    measure: float | None = None


def portfolio(*args: str) -> None:
    """Run the `portfolio` command, failing loudly."""
    subprocess.run([str(BIN / "portfolio"), *args], check=True, capture_output=True)


def source_key(*folders: str) -> str:
    """A short hash of every Python file under `folders` (relative to the repository)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _cached(stem: str, key: str) -> Path:
    """`.cache/bench/<stem>-<key>.db`, after removing that stem's files with other keys."""
    path = CACHE / f"{stem}-{key}.db"
    for stale in CACHE.glob(f"{stem}*.db*"):
        if not stale.name.startswith(path.name):
            stale.unlink()
    return path


def demo_database() -> Path:
    """The demo portfolio, loaded once per version of the demo and the schema."""
    path = _cached("demo", source_key("store/demo", "store/migrations"))
    if not path.exists():
        portfolio("demo", "--db", str(path))
    return path


def generator_key() -> str:
    """The version of the generator and the schema, for a generated database's name."""
    from store.generate import GENERATOR_VERSION

    return f"v{GENERATOR_VERSION}-" + source_key("store/generate", "store/migrations")


def generate_into(db: Path | str, initiatives: int = 10_000, periods: int = 40) -> None:
    """`portfolio generate` into `db` (a SQLite file, or a database URL)."""
    portfolio(
        "generate", "--db", str(db), "--initiatives", str(initiatives), "--periods", str(periods)
    )


def generated_database(initiatives: int = 10_000, periods: int = 40) -> Path:
    """A generated portfolio, built once per size and version of the generator and schema;
    `<file>.json` beside it records how long the build took and the load then."""
    import os
    import time

    path = _cached(f"generated-{initiatives}-{periods}", generator_key())
    if not path.exists():
        started = time.perf_counter()
        generate_into(path, initiatives, periods)
        seconds, load = time.perf_counter() - started, os.getloadavg()
        record = {"seconds": seconds, "load": ", ".join(f"{n:.1f}" for n in load)}
        Path(f"{path}.json").write_text(json.dumps(record), encoding="utf-8")
    return path


def visible_rows(db: Path | str, count: int = 48) -> list[list[str]]:
    """The first rows the portfolio list shows, as strings, header first."""
    from store.handle import Store
    from store.portfolio.queries import PortfolioQuery, portfolio_page

    with Store(store_url(db), "bench") as store, store.reading() as connection:
        rows = portfolio_page(connection, PortfolioQuery(), limit=count)
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


def first_paint(label: str, db: Path | str) -> tuple[list[float], list[float]]:
    """First-paint times of our app and of the floor app on the same rows, interleaved."""
    rows = visible_rows(db)
    rows_file = CACHE / f"{label.replace('/', '-').replace(', ', '-')}-rows.json"
    rows_file.write_text(json.dumps(rows), encoding="utf-8")
    marker = rows[1][0].encode()
    ours_cmd = [str(BIN / "portfolio"), "--db", str(db)]
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


def meets(value: float, limit: float) -> str:
    """Whether a figure is within its target (the bench reports; it never fails)."""
    return "met" if value <= limit else "not met"


def paint_figures(label: str, db: Path | str) -> list[Figure]:
    """First paint, floor and ratio for one database."""
    ours, floor = first_paint(label, db)
    ours_median, floor_median = statistics.median(ours), statistics.median(floor)
    return [
        Figure(
            f"first paint, {label}",
            ms(ours_median),
            f"median of {RUNS}, pty 160x50",
            ours_median,
        ),
        Figure(f"floor (bare DataTable), {label}", ms(floor_median), "same rows, same run"),
        Figure(
            f"ratio ours/floor, {label}",
            f"{ours_median / floor_median:.2f}x",
            f"target <= {PAINT_VS_FLOOR:g}x: {meets(ours_median / floor_median, PAINT_VS_FLOOR)}",
        ),
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


def interactive_figures(demo: Path, path: Path) -> list[Figure]:
    """Cursor, filter, detail and Star Chamber timings and peak RSS in one pty session."""
    return session_figures(path)


def session_figures(db: Path | str, engine: str = "") -> list[Figure]:
    """`interactive_figures` for the database `db`; `engine` (", PostgreSQL") ends each
    figure's name when it is not the SQLite file."""
    from tests.bench.interactive import measure

    first_code = visible_rows(db, 1)[1][0]
    result = measure(BIN / "portfolio", db, first_code)
    moves, keys, opens, hubs = result["samples"]
    timed = [
        (
            "cursor move p50 / p95, 10k",
            result["cursor"],
            f"{moves} presses of j, key to end of frame",
        ),
        (
            "filter keystroke p50 / p95, 10k",
            result["filter"],
            f"{keys} keystrokes, key to list repainted with the new count",
        ),
        (
            "open programme detail p50 / p95, 10k/800k",
            result["detail"],
            f"{opens} opens, enter to detail painted",
        ),
    ]
    if result["star_chamber"] is not None:
        timed.append(
            (
                f"open Star Chamber p50 / p95, {result['requests']:,} requests",
                result["star_chamber"],
                f"{hubs} opens, s to the request list painted with its count",
            )
        )
    figures = [
        Figure(name + engine, f"{ms(p50)} / {ms(p95)}", note, p50)
        for name, (p50, p95), note in timed
    ]
    figures.append(
        Figure(
            "peak RSS, 10k" + engine,
            f"{result['rss_mb']:.0f} MB",
            "the TUI process, after the above",
            result["rss_mb"],
        )
    )
    return figures


def paint_demo(demo: Path, generated: Path) -> list[Figure]:
    """First paint against the floor on the demo portfolio."""
    return paint_figures("demo", demo)


def paint_generated(demo: Path, generated: Path) -> list[Figure]:
    """First paint against the floor on the generated 10k/40 portfolio."""
    return paint_figures("10k/40", generated)


def rag_save(demo: Path, generated: Path) -> list[Figure]:
    """Saving a RAG through the service, synchronous=FULL."""
    saves = rag_save_times(generated)
    return [
        Figure(
            "save a RAG p50 / p95, 10k",
            f"{ms(statistics.median(saves))} / {ms(sorted(saves)[int(0.95 * len(saves)) - 1])}",
            f"{len(saves)} saves, synchronous=FULL, service + commit",
        )
    ]


def report_generation(demo: Path, generated: Path) -> list[Figure]:
    """The board pack at 10k: read every section and render HTML."""
    from tests.bench.exchange import REPORT_RUNS, median_ms, report_seconds

    times = report_seconds(generated)
    return [
        Figure(
            "board pack (html), 10k/800k",
            f"{median_ms(times):.0f} ms",
            f"median of {REPORT_RUNS}, latest period, read + render",
        )
    ]


def export_import(demo: Path, generated: Path) -> list[Figure]:
    """Export to JSON and import into an empty database, rows per second at 10k."""
    from tests.bench.exchange import export_import_rates, xlsx_export_rate

    exported, imported, rows = export_import_rates(generated, CACHE)
    workbook = xlsx_export_rate(generated, CACHE)
    return [
        Figure("export json, 10k", f"{exported:,.0f} rows/s", f"{rows:,} rows, one run"),
        Figure("export xlsx, 10k", f"{workbook:,.0f} rows/s", "target 40,000 rows/s"),
        Figure("import json, 10k", f"{imported:,.0f} rows/s", "same file into an empty database"),
    ]


def generate_figure(demo: Path, generated: Path) -> list[Figure]:
    """Generating 10k/40 into a fresh file."""
    rate, rows = generate_rate()
    return [Figure("generate 10k/40", f"{rate:,.0f} rows/s", f"{rows:,} rows, one transaction")]


MEASURES: list[Callable[[Path, Path], list[Figure]]] = [
    paint_demo,
    paint_generated,
    interactive_figures,
    benefits_opens,
    rag_save,
    report_generation,
    export_import,
    generate_figure,
]


def main(wanted: list[str] | None = None) -> None:
    """Build the databases if needed, measure, and print the table. `wanted` (the
    command's arguments) picks measures by function name, `postgres` for the server's
    rows; none: all of them."""
    import os
    import time

    from tests.bench import engines, growth, reference, sync
    from tests.bench.postgres import bench_server

    wanted = sys.argv[1:] if wanted is None else wanted
    CACHE.mkdir(parents=True, exist_ok=True)
    compile_app()  # our modules compiled, as the reference apps' Textual is
    started = time.perf_counter()
    demo, generated = demo_database(), generated_database()
    figures: list[Figure] = []
    issue19 = [reference.reference_figures, growth.growth_figures]
    for measure in [*MEASURES, *issue19, engines.writers_on_sqlite, sync.sync_on_sqlite]:
        if not wanted or measure.__name__ in wanted:
            try:
                figures += measure(demo, generated)
            except TimeoutError as error:  # a figure missing, never a failed bench
                figures.append(Figure(measure.__name__, "timed out", str(error)))
    if not wanted or "postgres" in wanted:
        with bench_server() as server:
            if server is not None:
                figures += engines.postgres_figures(server)
                figures += sync.sync_on_postgres(server, demo)
    figures += engines.ratio_figures(figures)
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    figures.append(
        Figure("bench wall time", f"{time.perf_counter() - started:.0f} s", f"load average {load}")
    )
    print_table(figures)
