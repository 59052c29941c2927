"""A streaming Excel writer: each sheet's XML is built as text a batch of rows at a time
and deflated straight into the zip, so memory stays flat however many rows there are.

The workbook is what openpyxl's write-only mode makes, less its theme and document
properties: a sheet per table with a bold, frozen header row; text as inline string
cells (never a formula, whatever it starts with); whole numbers and decimals as
numbers; dates as date-formatted serial numbers; booleans as Excel booleans; blanks as
no cell. As in openpyxl, a text is cut at Excel's 32,767 characters and a control
character other than tab and line breaks is refused; a carriage return is written as
a character reference, so that it is read back as written.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from store.exchange.columns import Table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

MAX_CELL_TEXT = 32767
"""Excel's longest text in a cell; openpyxl cuts longer texts there too."""
ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
BOLD, DATE = 1, 2
"""Style numbers in `STYLES`: the header's bold font and the date format."""
BATCH = 2000
"""Rows built before they are written to the zip."""
LEVEL = 1
"""Deflate level: an export is mostly repeated markup, which the fastest level packs
nearly as well as the default, at a fraction of its time."""

STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164"'
    ' formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/>'
    '<name val="Calibri"/><family val="2"/></font><font><b val="1"/><sz val="11"/>'
    '<name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill>'
    '<patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
    '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0"'
    ' borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0"'
    ' fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0"'
    ' borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0"'
    ' borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1">'
    '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def column_width(header: str) -> int:
    """The width of a sheet's column: room for its header, at least 10."""
    return max(10, len(header) + 2)


def column_letter(number: int) -> str:
    """Excel's letters for the column `number` (1 is A, 27 is AA)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    """`text` as XML character data; a carriage return as a reference (a reader would
    turn a bare one into a line feed)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


@lru_cache(maxsize=1 << 16)
def _string(value: str) -> str:
    """The inline string of a text cell (cached: an export repeats many texts)."""
    if len(value) > MAX_CELL_TEXT:
        value = value[:MAX_CELL_TEXT]
    if ILLEGAL.search(value):
        from openpyxl.utils.exceptions import IllegalCharacterError

        raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
    stripped = value.strip()
    space = ' xml:space="preserve"' if stripped and stripped != value else ""
    return f"<is><t{space}>{_escape(value)}</t></is>"


@lru_cache(maxsize=4096)
def _serial(value: date) -> int | float:
    from openpyxl.utils.datetime import to_excel

    return to_excel(value)


def _date(ref: str, value: date) -> str:
    return f'<c r="{ref}" s="{DATE}" t="n"><v>{_serial(value)}</v></c>'


# The cells of the other types (text and whole numbers are written in `_row`).
_CELLS: dict[type, Callable[[str, Any], str]] = {
    Decimal: lambda ref, value: f'<c r="{ref}" t="n"><v>{value}</v></c>',
    float: lambda ref, value: f'<c r="{ref}" t="n"><v>{value!r}</v></c>',
    bool: lambda ref, value: f'<c r="{ref}" t="b"><v>{int(value)}</v></c>',
    date: _date,
    datetime: _date,
}


def _row(number: int, letters: tuple[str, ...], values: tuple) -> str:
    """One `<row>`: a cell for each value that is not None (text and whole numbers, most
    of an export, without a call each)."""
    n = str(number)
    cells = [f'<row r="{n}">']
    for letter, value in zip(letters, values, strict=True):
        kind = type(value)
        if kind is str:
            cells.append(f'<c r="{letter}{n}" t="inlineStr">{_string(value)}</c>')
        elif kind is int:
            cells.append(f'<c r="{letter}{n}" t="n"><v>{value}</v></c>')
        elif value is not None:
            cells.append(_CELLS[kind](letter + n, value))
    cells.append("</row>")
    return "".join(cells)


def _sheet_head(table: Table) -> str:
    widths = "".join(
        f'<col min="{n}" max="{n}" width="{column_width(h)}" customWidth="1"/>'
        for n, h in enumerate(table.headers, start=1)
    )
    letters = [column_letter(n) for n in range(1, len(table.headers) + 1)]
    header = "".join(
        f'<c r="{letter}1" s="{BOLD}" t="inlineStr"><is><t>{_escape(name)}</t></is></c>'
        for letter, name in zip(letters, table.headers, strict=True)
    )
    return (
        f'{DECLARATION}<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols>'
        f'<sheetData><row r="1">{header}</row>'
    )


SHEET_TAIL = (
    '</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1"'
    ' header="0.5" footer="0.5"/></worksheet>'
)


def write_sheet(
    archive: zipfile.ZipFile,
    name: str,
    table: Table,
    rows: Iterable[tuple],
    tick: Callable[[int], None],
) -> None:
    """Stream `table`'s header and `rows` into the archive's member `name`, ticking each
    batch of rows written."""
    letters = tuple(column_letter(n) for n in range(1, len(table.headers) + 1))
    with archive.open(name, "w", force_zip64=True) as stream:
        stream.write(_sheet_head(table).encode())
        batch: list[str] = []
        number = 1
        for values in rows:
            number += 1
            batch.append(_row(number, letters, values))
            if len(batch) == BATCH:
                stream.write("".join(batch).encode())
                tick(BATCH)
                batch = []
        stream.write(("".join(batch) + SHEET_TAIL).encode())
        tick(len(batch))


def _package(names: list[str]) -> dict[str, str]:
    """The workbook's parts other than its sheets: content types, relationships, the
    workbook (its sheet names) and the styles."""
    count = range(1, len(names) + 1)
    sheets = "".join(
        f'<sheet name="{_escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
        for n, name in zip(count, names, strict=True)
    )
    sheet_type = f"{OFFICE}.worksheet+xml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sheet_type}"/>'
        for n in count
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/worksheet"'
        f' Target="worksheets/sheet{n}.xml"/>'
        for n in count
    )
    return {
        "[Content_Types].xml": (
            f'<Types xmlns="{TYPES}"><Default Extension="rels"'
            ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{OFFICE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{OFFICE}.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1"'
            f' Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><bookViews>'
            f'<workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE}">{sheet_rels}<Relationship'
            f' Id="rId{len(names) + 1}" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": STYLES,
    }


def write_workbook(
    path: Path, tables: Iterable[tuple[Table, Iterable[tuple]]], tick: Callable[[int], None]
) -> None:
    """Write a workbook with a sheet per table (named after it) to `path`."""
    tables = list(tables)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive:
        for name, text in _package([table.name for table, _rows in tables]).items():
            archive.writestr(name, DECLARATION + text)
        for number, (table, rows) in enumerate(tables, start=1):
            write_sheet(archive, f"xl/worksheets/sheet{number}.xml", table, rows, tick)
