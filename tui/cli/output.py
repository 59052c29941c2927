"""What the listing commands print: records as a table, CSV or JSON, and a read model
turned into a record with plain JSON values."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from store.types import Tier

# Columns whose stored values a table for people shows in words; CSV and JSON keep the
# stored (machine) values.
TABLE_WORDS = {
    "tier": Tier.words,
    "suggested_tier": Tier.words,
    "requested_tier": Tier.words,
}


def print_json(value: Any, out=None) -> None:
    """Print a value as indented JSON, non-ASCII kept, followed by a newline."""
    out = out or sys.stdout
    json.dump(value, out, indent=2, ensure_ascii=False, default=str)
    out.write("\n")


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: whole numbers as integers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def plain(value: Any) -> Any:
    """A value as JSON holds it: dates as YYYY-MM-DD, Decimals as numbers."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number(value)
    return value


def pick(row: Any, columns: Sequence[str], **computed: Any) -> dict[str, Any]:
    """A record of `row`'s attributes named by `columns` (or the computed values given
    for some of them), in that order, as plain JSON values."""
    return {
        column: plain(computed[column] if column in computed else getattr(row, column))
        for column in columns
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _csv_cell(value: Any) -> str:
    """A CSV field: text a spreadsheet would run as a formula is neutralised as the CSV
    export does it (`neutralised`)."""
    from store.exchange.formats.csv_format import neutralised

    return neutralised(value) if isinstance(value, str) else _cell(value)


def _table_cell(value: Any, column: str) -> str:
    words = TABLE_WORDS.get(column)
    return words(value, "") if words else _cell(value)


def write_records(
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: str,
    out=None,
    *,
    json_keys: Sequence[str] | None = None,
) -> None:
    """Print records as a table or CSV of `columns`, or as JSON (a list of objects with
    every key, or only `json_keys` when given)."""
    out = out or sys.stdout
    records = list(records)
    if fmt == "json":
        if json_keys is not None:
            records = [{key: record[key] for key in json_keys} for record in records]
        print_json(records, out)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([_csv_cell(record.get(column)) for column in columns])
        out.write(buffer.getvalue())
    else:
        _write_table(records, columns, out)


def print_table(table: Any, out, width: int | None) -> None:
    """Print a Rich table to `out`, every text in it shown as written: never read as
    markup (a stored `[/]name` would end the command with a MarkupError)."""
    from rich.console import Console

    Console(file=out, soft_wrap=False, width=width, markup=False).print(table)


def _write_table(records: list[Mapping[str, Any]], columns: Sequence[str], out) -> None:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column)
    for record in records:
        table.add_row(*(_table_cell(record.get(column), column) for column in columns))
    print_table(table, out, width=200 if not out.isatty() else None)
