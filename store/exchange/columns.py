"""Columns of an exported table: their file header, database column and type.

A column converts one way for export (stored value to a typed file value) and the
other way for import (a cell as any format reads it, to the stored value, or a
readable problem). Money and other fixed-point figures are stored as integers of
their smallest unit; in a file they are decimals with at most `scale` places, so
`12.34` in a £m column (tenths) is refused rather than rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class Type(StrEnum):
    """How a column's values are written in a file."""

    INT = "int"
    TEXT = "text"
    BOOL = "bool"
    DATE = "date"
    DECIMAL = "decimal"


class CellError(ValueError):
    """A cell's value is not acceptable; the message says why, in a user's words."""


_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


@dataclass(frozen=True)
class Column:
    """One column of an exported table.

    `name` is the header in the file and `db` the column in the database. A `ref`
    column holds the referenced row's natural key in the file (e.g. a business group's
    code) and its id in the database: `ref=("business_groups", "code")`. An `fk`
    column holds the id of a row of another exported table. `required` means a blank
    is a problem; a blank in an optional column is NULL, or "" for a text column
    stored NOT NULL (`blank=""`).
    """

    name: str
    type: Type = Type.TEXT
    db: str | None = None
    required: bool = False
    scale: int = 0
    choices: tuple[str, ...] = ()
    ref: tuple[str, str] | None = None
    fk: str | None = None
    unique: bool = False
    blank: Any = None

    @property
    def column(self) -> str:
        """The database column this file column fills."""
        return self.db or self.name

    def export_value(self, stored: Any) -> Any:
        """A stored value as a typed file value (refs are resolved by the caller)."""
        if stored is None:
            return None
        if self.type is Type.DECIMAL:
            return Decimal(stored).scaleb(-self.scale) if self.scale else Decimal(stored)
        if self.type is Type.DATE:
            return date.fromisoformat(stored) if isinstance(stored, str) else stored
        if self.type is Type.BOOL:
            return bool(stored)
        return stored

    def parse(self, cell: Any) -> Any:
        """A cell read from a file as the value to store (refs still as keys).
        Raises CellError with a readable problem."""
        if cell is None or (isinstance(cell, str) and cell.strip() == ""):
            if self.required:
                raise CellError("is required")
            return self.blank
        value = _PARSERS[self.type](self, cell)
        if self.choices and value not in self.choices:
            raise CellError(f"{cell!r} is not one of {', '.join(self.choices)}")
        return value


def _int(column: Column, cell: Any) -> int:
    if isinstance(cell, bool):
        raise CellError(f"{cell!r} is not a whole number")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    try:
        return int(str(cell).strip())
    except ValueError:
        raise CellError(f"{cell!r} is not a whole number") from None


def _text(column: Column, cell: Any) -> str:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    return str(cell)


def _bool(column: Column, cell: Any) -> bool:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int) and cell in (0, 1):
        return bool(cell)
    text = str(cell).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"{cell!r} is not true or false")


def _date(column: Column, cell: Any) -> str:
    if isinstance(cell, datetime):
        if cell.time() != datetime.min.time():
            raise CellError(f"{cell!r} has a time of day; give a date")
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    try:
        return date.fromisoformat(str(cell).strip()).isoformat()
    except ValueError:
        raise CellError(f"{cell!r} is not a date; write it like 2011-04-01") from None


def _decimal(column: Column, cell: Any) -> int:
    if isinstance(cell, bool):
        raise CellError(f"{cell!r} is not a number")
    try:
        number = Decimal(repr(cell)) if isinstance(cell, float) else Decimal(str(cell).strip())
    except InvalidOperation:
        raise CellError(f"{cell!r} is not a number") from None
    if not number.is_finite():
        raise CellError(f"{cell!r} is not a number")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > column.scale:
        places = "no decimals" if column.scale == 0 else f"at most {column.scale} decimal"
        places += "" if column.scale <= 1 else "s"
        raise CellError(f"{cell} has too many decimals ({places})")
    return int(number.scaleb(column.scale))


_PARSERS = {
    Type.INT: _int,
    Type.TEXT: _text,
    Type.BOOL: _bool,
    Type.DATE: _date,
    Type.DECIMAL: _decimal,
}
