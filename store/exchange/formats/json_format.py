"""The JSON format: one file, `{"format": "portfolio", "version": 1, "tables": {...}}`,
each table as `{"columns": [...], "rows": [[...], ...]}`.

Decimals are written as JSON numbers and read back exactly (`parse_float=Decimal`);
dates are ISO strings; blanks are null.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from store.exchange.formats import Outgoing, RawFile, RawTable, Tick
from store.exchange.problems import Problem

FORMAT_NAME = "portfolio"
VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and value.as_tuple().exponent >= 0
            else float(value)
        )
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} to JSON")


def write(path: Path, tables: list[Outgoing], tick: Tick, *, meta: dict) -> None:
    """Write every table to one JSON file, a row per line."""
    dumps = json.JSONEncoder(ensure_ascii=False, default=_plain, separators=(",", ":")).encode
    with path.open("w", encoding="utf-8") as out:
        out.write(dumps({"format": FORMAT_NAME, "version": VERSION, **meta})[:-1])
        out.write(',"tables":{')
        for number, (table, rows) in enumerate(tables):
            if number:
                out.write(",")
            out.write(f'\n{dumps(table.name)}:{{"columns":{dumps(list(table.headers))},')
            out.write('"rows":[')
            count = 0
            for row in rows:
                out.write(",\n" if count else "\n")
                out.write(dumps(row))
                count += 1
                if count % 5000 == 0:
                    tick(5000)
            tick(count % 5000)
            out.write("]}")
        out.write("\n}}\n")


def read(path: Path) -> RawFile:
    """Read a JSON export; problems with its shape are returned, not raised. The file's
    size is checked before it is read, and each table's rows before they are checked."""
    raw = RawFile("json")
    name = path.name
    if not raw.within_size(name, path.stat().st_size):
        return raw
    document = _document(path, raw)
    if raw.refused:
        return raw
    if not isinstance(document, dict) or not isinstance(document.get("tables"), dict):
        return raw.refuse(name, 'has no "tables" object; is it a portfolio export?')
    for table_name, body in document["tables"].items():
        where = f"{name} tables.{table_name}"
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("columns"), list)
            or not isinstance(body.get("rows"), list)
        ):
            raw.problems.append(Problem(where, None, None, 'needs "columns" and "rows" lists'))
            continue
        rows = body["rows"]
        if not raw.within_rows(where, len(rows)):
            return raw
        raw.tables[table_name] = RawTable(
            table_name, where, [str(c) for c in body["columns"]], enumerate(rows, 1), len(rows)
        )
    return raw


def _document(path: Path, raw: RawFile) -> Any:
    """The parsed file, or None with the file refused: not UTF-8, not JSON, nested too
    deeply to read, or holding a key twice in one object (which JSON would resolve
    silently, keeping the last)."""
    name = path.name
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                repeated.append(key)
            seen[key] = value
        return seen

    try:
        document = json.loads(
            path.read_text(encoding="utf-8"), parse_float=Decimal, object_pairs_hook=pairs
        )
    except UnicodeDecodeError as error:
        raw.refuse(name, f"is not UTF-8 text ({error.reason})")
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg} (line {error.lineno}, character {error.colno})"
        raw.problems.append(Problem(name, error.lineno, None, message))
        raw.refused = True
    except RecursionError:
        raw.refuse(name, "nests lists or objects too deeply to read")
    else:
        for key in dict.fromkeys(repeated):
            raw.refuse(name, f"holds the key {key!r} twice in one object; keep one")
        return document
    return None
