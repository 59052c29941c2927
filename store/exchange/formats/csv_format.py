"""The CSV format: a folder with one `<table>.csv` per table, UTF-8, a header row.

Blanks are empty fields, booleans `true`/`false`, dates ISO, decimals as written
(`12.3`). Rows are numbered as a spreadsheet shows them: the header is row 1.

Text a spreadsheet would run as a formula is neutralised with a leading `'`. The rule,
both ways, so that export -> import -> export gives the same text:
- export: a text value starting with `=`, `+`, `-`, `@`, a tab, a carriage return or
  `'` itself is written with one `'` in front (`=Use second supplier` is written
  `'=Use second supplier`, `'quoted` is written `''quoted`);
- import: a field starting with `'` has that one `'` taken off, whatever follows.
So a field that is meant to start with `'` must be written with two.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from store.exchange.formats import Outgoing, RawFile, RawTable, Tick
from store.exchange.problems import Problem
from store.files import check_target, private_folder, write_atomically
from store.limits import MAX_IMPORT_ROWS, MAX_TEXT

# What a spreadsheet may run as a formula at the start of a cell, and the quote itself.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralised(text: str) -> str:
    """`text` with a leading `'` when it starts like a formula or with `'` itself."""
    return QUOTE + text if text.startswith((*FORMULA_STARTS, QUOTE)) else text


def unquoted(field: str) -> str:
    """A field as read: one leading `'` taken off (see the module's rule)."""
    return field[1:] if field.startswith(QUOTE) else field


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, Decimal | date):
        return str(value)
    return neutralised(value) if isinstance(value, str) else str(value)


def write(
    path: Path,
    tables: list[Outgoing],
    tick: Tick,
    *,
    meta: dict,
    force: bool = False,
    protect: Iterable[Path] = (),
) -> None:
    """Write each table to `path/<table>.csv`, creating the folder (owner-only). Every
    file is checked before any is written, and each is written whole or not at all."""
    files = [path / f"{table.name}.csv" for table, _rows in tables]
    for file in files:
        check_target(file, force=force, protect=protect)
    private_folder(path)
    for file, (table, rows) in zip(files, tables, strict=True):
        write_atomically(
            file,
            partial(_write_table, table=table, rows=rows, tick=tick),
            force=force,
            protect=protect,
        )


def _write_table(file: Path, *, table, rows, tick: Tick) -> None:
    with file.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.headers)
        count = 0
        for row in rows:
            writer.writerow([_cell(value) for value in row])
            count += 1
            if count % 5000 == 0:
                tick(5000)
        tick(count % 5000)


def read(path: Path) -> RawFile:
    """Read a folder of CSV files (or one CSV file, named after its table). Their size is
    checked before any is read; a field may be as long as `MAX_TEXT` allows (and its
    `'`), and a file may hold `MAX_IMPORT_ROWS` rows."""
    raw = RawFile("csv")
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    if path.is_dir() and not files:
        return raw.refuse(path.name, "holds no .csv files")
    if not raw.within_size(path.name, sum(file.stat().st_size for file in files)):
        return raw
    longest = MAX_TEXT.value() + len(QUOTE)
    before = csv.field_size_limit(longest)
    try:
        for file in files:
            _read_file(file, raw)
    finally:
        csv.field_size_limit(before)
    return raw


def _read_file(file: Path, raw: RawFile) -> None:
    where = file.name
    rows: list[tuple[int, list[Any]]] = []
    header = None
    with file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raw.problems.append(Problem(where, None, None, "is empty (it needs a header row)"))
                return
            limit = MAX_IMPORT_ROWS.value()
            for fields in reader:
                if len(rows) == limit:
                    raw.refuse(where, MAX_IMPORT_ROWS.passed("the table"))
                    return
                if fields:
                    rows.append((reader.line_num, [unquoted(field) for field in fields]))
        except csv.Error as error:
            problem = (
                MAX_TEXT.passed("a field")
                if "field limit" in str(error)
                else f"is not valid CSV: {error}"
            )
            rest = f"{problem}; the rest of the file was not read"
            raw.problems.append(Problem(where, reader.line_num, None, rest))
        except UnicodeDecodeError as error:
            raw.problems.append(
                Problem(where, reader.line_num + 1, None, f"is not UTF-8 text ({error.reason})")
            )
            return
    if header is not None:
        raw.tables[file.stem] = RawTable(file.stem, where, header, iter(rows), len(rows))
