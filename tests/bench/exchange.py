"""Bench figures for the board pack and for export and import (issue 7).

The pack is built and rendered as HTML for the latest period of the generated 10k/40
portfolio, median of several runs. Export writes the whole generated portfolio to JSON
(and to an Excel workbook) and import loads the JSON into an empty database, once each
(together they move about 1.2 million rows each way, so a single run already takes
tens of seconds).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from store.paths import os_login

REPORT_RUNS = 5


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def report_seconds(path: Path, runs: int = REPORT_RUNS) -> list[float]:
    """Seconds to read and render the HTML board pack of the latest period, per run."""
    from store.handle import Store
    from store.reports.pack import build_pack, render

    store = Store(f"sqlite:///{path}", os_login())
    times = []
    try:
        for _ in range(runs):
            started = time.perf_counter()
            render(build_pack(store, None), "html")
            times.append(time.perf_counter() - started)
    finally:
        store.close()
    return times


def export_import_rates(path: Path, work: Path) -> tuple[float, float, int]:
    """Rows per second exporting `path` to JSON and importing that file into an empty
    database, and the rows moved."""
    from store.exchange.export import export_file
    from store.exchange.load import import_file
    from store.handle import Store

    exported = work / "bench-export.json"
    target = work / "bench-import.db"
    _remove(target)
    with Store(f"sqlite:///{path}", os_login()) as source:
        started = time.perf_counter()
        result = export_file(source, exported, "json")
        export_seconds = time.perf_counter() - started
    rows = sum(result.rows.values())
    store, _ = Store.open(f"sqlite:///{target}", os_login())
    try:
        started = time.perf_counter()
        imported = import_file(exported, store=store)
        import_seconds = time.perf_counter() - started
    finally:
        store.close()
        _remove(target)
        exported.unlink(missing_ok=True)
    return rows / export_seconds, imported.total / import_seconds, rows


def xlsx_export_rate(path: Path, work: Path) -> float:
    """Rows per second exporting `path` to an Excel workbook (the streamed writer)."""
    from store.exchange.export import export_file
    from store.handle import Store

    exported = work / "bench-export.xlsx"
    exported.unlink(missing_ok=True)
    try:
        with Store(f"sqlite:///{path}", os_login()) as source:
            started = time.perf_counter()
            result = export_file(source, exported, "xlsx")
            return result.total / (time.perf_counter() - started)
    finally:
        exported.unlink(missing_ok=True)


def median_ms(times: list[float]) -> float:
    """The median of `times`, in milliseconds."""
    return statistics.median(times) * 1000
