"""The Excel format: one workbook, a sheet per table, a header row and typed cells
(numbers, dates and booleans as Excel types, blanks as empty cells). Every text is a
string cell, never a formula, whatever it starts with (`=Use second supplier` is text
in Excel and comes back as written)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from store.exchange.formats import Outgoing, RawFile, RawTable, Tick
from store.exchange.formats.xlsx_limits import check_archive
from store.exchange.formats.xlsx_writer import write_workbook
from store.exchange.problems import Problem
from store.limits import MAX_IMPORT_ROWS


def write(path: Path, tables: list[Outgoing], tick: Tick, *, meta: dict) -> None:
    """Write each table to a sheet of one workbook, streamed (`xlsx_writer`)."""
    write_workbook(path, tables, tick)


def read(path: Path) -> RawFile:
    """Read every sheet of a workbook. Formulas are read as their cached values. The
    workbook's size, rows and texts are checked first (`xlsx_limits`)."""
    from openpyxl import load_workbook

    raw = RawFile("xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, raw, path.name)
        if raw.refused:
            return raw
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        return raw.refuse(path.name, f"is not an Excel workbook ({error})")
    for sheet in book.worksheets:
        where = f"sheet {sheet.title}"
        rows = sheet.iter_rows(values_only=True)
        header_row = next(rows, None)
        if header_row is None:
            raw.problems.append(Problem(where, None, None, "is empty (it needs a header row)"))
            continue
        header = [("" if h is None else str(h)).strip() for h in header_row]
        while header and header[-1] == "":
            header.pop()
        estimate = max(0, (sheet.max_row or 1) - 1)
        raw.tables[sheet.title] = RawTable(
            sheet.title, where, header, _numbered(rows, len(header), raw, where), estimate
        )
    return raw


def _numbered(rows, width: int, raw: RawFile, where: str) -> Any:
    """The sheet's non-blank rows, numbered, up to `MAX_IMPORT_ROWS` (a sheet whose
    rows the scan could not count is stopped there)."""
    limit = MAX_IMPORT_ROWS.value()
    for number, row in enumerate(rows, start=2):
        if number - 1 > limit:
            raw.problems.append(Problem(where, number, None, MAX_IMPORT_ROWS.passed("the sheet")))
            return
        cells = list(row[:width])
        if any(cell is not None and cell != "" for cell in row):
            yield number, cells + [None] * (width - len(cells))
