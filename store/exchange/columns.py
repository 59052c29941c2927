"""Columns and tables of an export: each column's file header, database column and
type, and the columns most tables share (id, version, business group, initiative, who
entered a row and when).

A column converts one way for export (stored value to a typed file value) and the
other way for import (a cell as any format reads it, to the stored value, or a
readable problem). Money and other fixed-point figures are stored as integers of
their smallest unit; in a file they are decimals with at most `scale` places, so
`12.34` in a £m column (tenths) is refused rather than rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum, StrEnum
from typing import Any

from store.validation import text_problem, texts_pass


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

    @classmethod
    def text(cls, name: str, *, required: bool = False, unique: bool = False) -> Column:
        """A text column stored NOT NULL: a blank cell is "" (a problem when required)."""
        return cls(name, Type.TEXT, required=required, unique=unique, blank="")

    @classmethod
    def choice(cls, name: str, enum: type[Enum], *, required: bool = False) -> Column:
        """A column holding one of `enum`'s values."""
        return cls(name, required=required, choices=values_of(enum))

    @property
    def column(self) -> str:
        """The database column this file column fills."""
        return self.db or self.name

    @property
    def nullable(self) -> bool:
        """True when a blank is stored as NULL, so that None clears the value (rather than
        being refused, or stored as "" or a default)."""
        return not self.required and self.blank is None

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

    def parse(self, cell: Any, *, spreadsheet: bool = False) -> Any:
        """A cell read from a file as the value to store (refs still as keys).
        Raises CellError with a readable problem. A text column takes a string; a
        number or date only from a `spreadsheet`, where Excel may have typed it."""
        if cell is None or (isinstance(cell, str) and cell.strip() == ""):
            if self.required:
                raise CellError("is required")
            return self.blank
        if self.type is Type.TEXT:
            value = _text(cell, spreadsheet=spreadsheet)
        else:
            value = _PARSERS[self.type](self, cell)
        if self.choices and value not in self.choices:
            raise CellError(f"{_short(cell)} is not one of {', '.join(self.choices)}")
        return value

    def unchanged(self, cells: Sequence, distinct: set) -> bool:
        """True when `parse` would give each of a column's `cells` (`distinct`: the set
        of them) back as it is, worked out for them all at once: whole numbers in
        range, or texts that are not blank and pass `text_problem`. A large import's
        ids, codes and names are checked this way rather than cell by cell. (The types
        are taken from every cell: `1` and `Decimal("1.0")` are one member of a set.)"""
        kinds = set(map(type, cells))
        cells = distinct
        if None in cells:
            if not self.nullable:
                return False
            kinds.discard(type(None))
            cells = cells - {None}
        if self.type is Type.INT and kinds == {int} and not self.choices:
            return min(cells) >= _SMALLEST and max(cells) <= _LARGEST
        if "" in cells and self.blank == "" and not self.required:
            cells = cells - {""}
        if self.type is Type.TEXT and kinds == {str}:
            return (
                "" not in map(str.strip, cells)
                and texts_pass(cells)
                and (not self.choices or cells <= set(self.choices))
            )
        return not cells


@dataclass(frozen=True)
class Table:
    """One exported table: `name` in files (sheet, CSV file, JSON key), `db` in SQLite."""

    name: str
    db: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)

    @property
    def headers(self) -> tuple[str, ...]:
        """The header row, in order."""
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        """The column with this header."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


def values_of(enum: type[Enum]) -> tuple[str, ...]:
    """The stored values of an enum's members, in order."""
    return tuple(member.value for member in enum)


def names(columns: tuple[Column, ...]) -> tuple[str, ...]:
    """The file headers of `columns`, in order."""
    return tuple(column.name for column in columns)


def id_column() -> Column:
    """A table's own id."""
    return Column("id", Type.INT, unique=True)


def version_column() -> Column:
    """A row's version (1 when blank)."""
    return Column("version", Type.INT, blank=1)


def group_column() -> Column:
    """The business group a row belongs to, by its code."""
    return Column(
        "business_group", db="business_group_id", required=True, ref=("business_groups", "code")
    )


def initiative_column(
    name: str = "initiative", db: str = "initiative_id", *, required: bool = True
) -> Column:
    """An initiative a row refers to, by its code."""
    return Column(name, db=db, required=required, ref=("initiatives", "code"))


def stamp_columns(by: str, at: str) -> tuple[Column, Column]:
    """Who entered a row and when (both required)."""
    return Column.text(by, required=True), Column.text(at, required=True)


def _int(column: Column, cell: Any) -> int:
    if isinstance(cell, bool):
        raise CellError(f"{cell!r} is not a whole number")
    if isinstance(cell, int):
        return _stored_int(cell, cell)
    if isinstance(cell, float) and cell.is_integer():
        return _stored_int(int(cell), cell)
    if isinstance(cell, list | dict):
        raise CellError(f"is {_KINDS[type(cell)]}, not a whole number")
    try:
        return _stored_int(int(str(cell).strip()), cell)
    except ValueError:
        raise CellError(f"{_short(cell)} is not a whole number") from None


def _text(cell: Any, *, spreadsheet: bool) -> str:
    if spreadsheet and not isinstance(cell, bool):
        if isinstance(cell, float) and cell.is_integer():
            cell = str(int(cell))
        elif isinstance(cell, int | float | datetime | date):
            cell = cell.isoformat() if isinstance(cell, date) else str(cell)
    if not isinstance(cell, str):
        kind = _KINDS.get(type(cell), type(cell).__name__)
        raise CellError(f"is {kind}, not text; write the text in quotes")
    problem = text_problem(cell)
    if problem:
        raise CellError(problem)
    return cell


_KINDS = {
    list: "a list",
    dict: "an object",
    bool: "a true/false value",
    int: "a number",
    float: "a number",
    Decimal: "a number",
}


def _stored_int(number: int, cell: Any) -> int:
    """`number` if SQLite can store it (a signed 64-bit integer)."""
    if not _SMALLEST <= number <= _LARGEST:
        raise CellError(f"{_short(cell)} is too large (at most {_LARGEST:,} in magnitude)")
    return number


def _short(cell: Any) -> str:
    """A cell as a problem quotes it: at most 40 characters."""
    text = repr(cell) if isinstance(cell, str) else str(cell)
    return text if len(text) <= 40 else f"{text[:37]}..."


_LARGEST = 2**63 - 1
_SMALLEST = -(2**63)


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
    raise CellError(f"{_short(cell)} is not true or false")


def _date(column: Column, cell: Any) -> str:
    if isinstance(cell, datetime):
        if cell.time() != datetime.min.time():
            raise CellError(f"{_short(cell)} has a time of day; give a date")
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    try:
        return date.fromisoformat(str(cell).strip()).isoformat()
    except ValueError:
        raise CellError(f"{_short(cell)} is not a date; write it like 2011-04-01") from None


def _decimal(column: Column, cell: Any) -> int:
    if isinstance(cell, bool | list | dict):
        raise CellError(f"{_short(cell)} is not a number")
    try:
        number = Decimal(repr(cell)) if isinstance(cell, float) else Decimal(str(cell).strip())
    except InvalidOperation:
        raise CellError(f"{_short(cell)} is not a number") from None
    if not number.is_finite():
        raise CellError(f"{_short(cell)} is not a number")
    if number and number.adjusted() + column.scale > 18:
        raise CellError(f"{_short(cell)} is too large")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > column.scale:
        places = "no decimals" if column.scale == 0 else f"at most {column.scale} decimal"
        places += "" if column.scale <= 1 else "s"
        raise CellError(f"{cell} has too many decimals ({places})")
    return _stored_int(int(number.scaleb(column.scale)), cell)


_PARSERS = {
    Type.INT: _int,
    Type.BOOL: _bool,
    Type.DATE: _date,
    Type.DECIMAL: _decimal,
}
