"""The empty Excel template: every sheet with its header row, and drop-down lists
on the columns an office fills from a fixed list (RAG, tier, complexity, staff type,
and every other column with fixed choices)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from store.exchange.formats.xlsx_writer import column_width
from store.exchange.tables import TABLES
from store.files import check_target, write_atomically

LAST_ROW = 10000


def _new_sheet(book, table):
    """A write-only sheet for `table` with its bold, frozen header row."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(table.name)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for number, name in enumerate(table.headers, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column_width(name)
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    return sheet


def write_template(path: Path, *, force: bool = False, protect: Iterable[Path] = ()) -> Path:
    """Write the template workbook to `path` and return it: whole or not at all, never
    over a database (those in `protect` or any other), over another file only with
    `force`."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    check_target(path, force=force, protect=protect)  # before a workbook is begun
    book = Workbook(write_only=True)
    for table in TABLES:
        sheet = _new_sheet(book, table)
        for number, column in enumerate(table.columns, start=1):
            if not column.choices:
                continue
            letter = get_column_letter(number)
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=f"{column.name} is a fixed list",
                error=f"Choose one of: {', '.join(column.choices)}",
            )
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.data_validations.dataValidation.append(validation)
    return write_atomically(Path(path), book.save, force=force, protect=protect)
