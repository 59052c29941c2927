"""Suggested paths and formats for the data exchange screen.

An export's format follows the path typed: `.json` is JSON, `.xlsx` is an Excel
workbook, anything else is a folder of CSV files. Suggestions sit in the current
folder and carry today's date (from `store.clock`, so tests can pin it).
"""

from __future__ import annotations

from pathlib import Path

from store import clock

FORMAT_CYCLE = ["json", "xlsx", "csv"]
FORMAT_HELP = {
    "json": "JSON: one file",
    "xlsx": "Excel: a sheet per table",
    "csv": "CSV: a folder, a file per table",
}


def export_format(text: str) -> str:
    """The export format a typed path means."""
    suffix = Path(text.strip()).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    return "csv"


def _stem(text: str) -> str:
    path = Path(text.strip())
    return str(path.with_suffix("")) if path.suffix.lower() in (".json", ".xlsx") else str(path)


def with_format(text: str, fmt: str) -> str:
    """`text` with the suffix of `fmt` (no suffix: a CSV folder)."""
    stem = _stem(text)
    prefix = "./" if text.startswith("./") and not stem.startswith("./") else ""
    return prefix + stem + ("" if fmt == "csv" else f".{fmt}")


def next_format(text: str) -> str:
    """`text` switched to the next format in json, xlsx, csv."""
    current = FORMAT_CYCLE.index(export_format(text))
    return with_format(text, FORMAT_CYCLE[(current + 1) % len(FORMAT_CYCLE)])


def default_export_path(fmt: str = "json") -> str:
    """`./portfolio-export-YYYY-MM-DD.json` (or .xlsx, or a CSV folder) for today."""
    return with_format(f"./portfolio-export-{clock.today().isoformat()}", fmt)


def default_backup_path() -> str:
    """`./portfolio-backup-YYYY-MM-DD.db` for today."""
    return f"./portfolio-backup-{clock.today().isoformat()}.db"
