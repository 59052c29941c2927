"""PostgreSQL beside SQLite: concurrent writers on each engine, the 10k figures (first
paint, cursor, filter keystroke, detail and Star Chamber opens, peak RSS) on a
PostgreSQL server (`tests.bench.postgres`), and the ratio PostgreSQL/SQLite of each.

A figure on PostgreSQL has the name of its SQLite twin followed by `PG`; `ratio_figures`
pairs them by name. A ratio above 1 is slower on PostgreSQL for times, faster for
saves per second."""

from __future__ import annotations

from pathlib import Path

from tests.bench.interactive import store_url
from tests.bench.run import (
    CACHE,
    Figure,
    generate_into,
    generator_key,
    meets,
    paint_figures,
    session_figures,
)

PG = ", PostgreSQL"
PG_VS_SQLITE = 1.5  # issue 19: each time on PostgreSQL within 1.5x of SQLite's
WRITERS_DB = "bench_writers"


def _writers_figure(url: str, engine: str = "") -> Figure:
    """8 x 50 concurrent RAG saves into the new database `url`."""
    from tests.bench.writers import SAVES, WORKERS, concurrent_saves

    rate, note = concurrent_saves(url)
    return Figure(
        f"concurrent RAG saves, {WORKERS} processes x {SAVES}" + engine,
        f"{rate:,.0f} saves/s",
        note,
        rate,
    )


def writers_on_sqlite(demo: Path, generated: Path) -> list[Figure]:
    """Concurrent writers into a new SQLite file (removed after)."""
    path = CACHE / "writers.db"
    names = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")]
    for name in names:
        name.unlink(missing_ok=True)
    try:
        return [_writers_figure(store_url(path))]
    finally:
        for name in names:
            name.unlink(missing_ok=True)


def postgres_figures(server: str) -> list[Figure]:
    """The 10k figures and the concurrent writers on the server `server` names."""
    from tests.bench.postgres import cached_database, drop_database, fresh_database

    generated = cached_database(server, "generated-10000-40", generator_key(), generate_into)
    figures = paint_figures("10k/40" + PG, generated)
    figures += session_figures(generated, PG)
    try:
        figures.append(_writers_figure(fresh_database(server, WRITERS_DB), PG))
    finally:
        drop_database(server, WRITERS_DB)
    return figures


# What a ratio compares, by the unit of the figures.
_RATIO_NOTES = {
    "ms": "p50 (first paint: median); above 1 is slower on PG",
    "MB": "above 1 is more memory on PG",
    "saves/s": "above 1 is faster on PG",
    "ops/s": "operations synced per second; above 1 is faster on PG",
}


def ratio_figures(figures: list[Figure]) -> list[Figure]:
    """PostgreSQL/SQLite for each figure measured on both engines."""
    by_name = {figure.name: figure for figure in figures}
    ratios = []
    for figure in figures:
        if not figure.name.endswith(PG) or not figure.measure:
            continue
        twin = by_name.get(figure.name.removesuffix(PG))
        if twin is None or not twin.measure:
            continue
        what = twin.name.split(" p50")[0]
        ratio = figure.measure / twin.measure
        note = _RATIO_NOTES[figure.value.split()[-1]]
        if not figure.value.endswith("/s"):  # issue 19's figures: times and memory
            note += f"; target <= {PG_VS_SQLITE:g}x: {meets(ratio, PG_VS_SQLITE)}"
        ratios.append(Figure(f"ratio PG/SQLite, {what}", f"{ratio:.2f}x", note))
    return ratios
