"""Check every row of an import file before anything is written.

Each table's header must hold the registry's columns; each cell must parse as its
column's type and choices; codes must be unique; references (a business group's
code, an initiative's code, a meeting's id, ...) must name a row of the file. Every
problem is collected, with its sheet or file, row and column; none stops the check.
The result is the rows ready to insert, in database column order, or the problems.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from store.exchange.columns import CellError, Column
from store.exchange.formats import RawFile, RawTable
from store.exchange.problems import Problem
from store.exchange.rules import EXTRA, SINGULAR
from store.exchange.tables import BY_NAME, TABLES, Table
from store.portfolio.services import TREE_SEPARATOR

Progress = Callable[[int], None]


@dataclass
class Loaded:
    """One table's checked rows: database columns, the row values and their row numbers."""

    table: Table
    where: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    # The values column by column, from the table's check until its references are
    # checked (`_check_references` makes `rows` of them once, rather than turning rows
    # into columns and back again).
    values: list[Sequence[Any]] = field(default_factory=list)


@dataclass
class Checked:
    """The outcome of checking a file: loadable tables, or the problems found."""

    tables: dict[str, Loaded]
    problems: list[Problem]

    @property
    def row_count(self) -> int:
        """How many rows the file holds, across every table."""
        return sum(len(loaded.rows) for loaded in self.tables.values())


def check(raw: RawFile, progress: Progress | None = None, *, partial: bool = False) -> Checked:
    """Check every table and row of `raw`; never raises for bad data. A file without
    every table is refused, naming those missing, unless the load is `partial`."""
    problems = list(raw.problems)
    if raw.refused:
        return Checked({}, problems)
    problems.extend(_unknown_tables(raw))
    if not partial:
        problems.extend(_missing_tables(raw))
    keys: dict[str, dict[Any, int]] = {}
    ids: dict[str, set[int]] = {}
    loaded: dict[str, Loaded] = {}
    spreadsheet = raw.format == "xlsx"
    read_before = len(raw.problems)
    for table in TABLES:
        source = raw.tables.get(table.name)
        if source is not None:
            loaded[table.name] = _check_table(
                table, source, problems, keys, ids, progress, spreadsheet
            )
    problems.extend(raw.problems[read_before:])  # found while the rows were read
    for result in loaded.values():
        _check_references(result, problems, keys, ids)
    if "initiatives" in loaded:
        _tree_paths(loaded["initiatives"], keys.get("business_groups:code", {}), problems)
    names = list(BY_NAME)
    rank = {t.where: names.index(n) if n in BY_NAME else -1 for n, t in raw.tables.items()}
    problems.sort(key=lambda p: (rank.get(p.where, -1), p.where, p.row or 0))
    return Checked(loaded, problems)


def _unknown_tables(raw: RawFile) -> list[Problem]:
    known = ", ".join(BY_NAME)
    return [
        Problem(table.where, None, None, f"is not a table this app knows (known: {known})")
        for name, table in raw.tables.items()
        if name not in BY_NAME
    ]


def _missing_tables(raw: RawFile) -> list[Problem]:
    """The whole file refused when tables are missing (an empty one is still there)."""
    missing = [table.name for table in TABLES if table.name not in raw.tables]
    if not missing or (raw.problems and not raw.tables):
        return []
    noun = "table" if len(missing) == 1 else "tables"
    return [
        Problem(
            "file",
            None,
            None,
            f"has no {noun} {', '.join(missing)}; a whole portfolio has every table "
            "(to load only the tables it has, import with --partial)",
        )
    ]


def _check_table(
    table: Table,
    source: RawTable,
    problems: list[Problem],
    keys: dict[str, dict[Any, int]],
    ids: dict[str, set[int]],
    progress: Progress | None,
    spreadsheet: bool,
) -> Loaded:
    """Check one table's header and rows, converting every cell; rows with a bad cell
    are reported and left out of what is loaded."""
    where = source.where
    position = _header(table, source, problems)
    numbers, cells = _whole_rows(source, problems)
    if progress is not None:
        progress(len(numbers))
    by_column = list(zip(*cells, strict=True)) if cells else [() for _ in source.header]
    bad: set[int] = set()
    converted: list[list[Any]] = []
    for column in table.columns:
        if column.name in position:
            raw_values = by_column[position[column.name]]
            extra = EXTRA.get((table.name, column.name))
            parse = _parser(column, extra, spreadsheet)
            values = _convert_column(
                column, raw_values, (parse, extra), numbers, where, problems, bad
            )
        else:
            values = [None if column.required else column.blank] * len(numbers)
        converted.append(values)
    for index, column in enumerate(table.columns):
        if column.unique:
            _check_unique(column, converted[index], numbers, where, problems, bad)
    out = Loaded(table, where, [c.column for c in table.columns], numbers=numbers)
    slots = {column.name: index for index, column in enumerate(table.columns)}
    if "id" in slots:
        converted[slots["id"]] = _assign_ids(converted[slots["id"]])
    # Rows with a bad cell still count as present, so rows that refer to them are not
    # reported as well: one mistake, one problem.
    _index(table, converted, slots, keys, ids)
    if bad:
        kept = [i for i in range(len(numbers)) if i not in bad]
        converted = [[values[i] for i in kept] for values in converted]
        out.numbers = [numbers[i] for i in kept]
    out.values = converted
    return out


def _header(table: Table, source: RawTable, problems: list[Problem]) -> dict[str, int]:
    """Where each of the table's columns is in the file's header; unknown, repeated and
    missing columns are reported."""
    where = source.where
    position: dict[str, int] = {}
    for number, name in enumerate(source.header, start=1):
        if name not in table.headers:
            problems.append(
                Problem(where, 1, name or f"#{number}", "is not a column of this table")
            )
        elif name in position:
            problems.append(Problem(where, 1, name, "appears twice in the header"))
        else:
            position[name] = number - 1
    for column in table.columns:
        if column.name not in position and column.name != "id":
            problems.append(Problem(where, 1, column.name, "is missing from the header"))
    return position


def _whole_rows(source: RawTable, problems: list[Problem]) -> tuple[list[int], list[list[Any]]]:
    """The rows that are lists as wide as the header, with their row numbers; the others
    are reported."""
    where, width = source.where, len(source.header)
    numbers: list[int] = []
    cells: list[list[Any]] = []
    for number, row in source.rows:
        if type(row) is not list:
            problems.append(Problem(where, number, None, "is not a list of values"))
        elif len(row) != width:
            problems.append(
                Problem(where, number, None, f"has {len(row)} values but the header has {width}")
            )
        else:
            numbers.append(number)
            cells.append(row)
    return numbers, cells


def _parser(
    column: Column, extra: Callable[[Any], Any] | None, spreadsheet: bool
) -> Callable[[Any], Any]:
    """One cell of `column` as its stored value, with the column's extra check."""

    def parse(cell: Any) -> Any:
        value = column.parse(cell, spreadsheet=spreadsheet)
        return extra(value) if extra is not None and value is not None else value

    return parse


def _convert_column(
    column: Column,
    values: tuple,
    parsers: tuple[Callable[[Any], Any], Callable[[Any], Any] | None],
    numbers: list[int],
    where: str,
    problems: list[Problem],
    bad: set[int],
) -> list[Any]:
    """Parse one column's cells. Each distinct cell is parsed once (a 10,000-row
    table of RAGs has three), so a large file checks quickly, and a column whose cells
    are all stored as they are (`Column.unchanged`) is not parsed cell by cell; every
    bad cell is reported with its row. `parsers` are the cell's parser and the
    column's extra check (None when it has none)."""
    parse, extra = parsers
    try:
        distinct = set(values)
    except TypeError:  # a JSON cell holding a list or an object
        distinct = None
    if distinct is not None and extra is None and column.unchanged(values, distinct):
        return values
    parsed: dict[Any, Any] = {}
    failed: dict[Any, str] = {}
    for cell in distinct if distinct is not None else ():
        try:
            parsed[cell] = parse(cell)
        except CellError as error:
            failed[cell] = str(error)
    if distinct is not None and not failed:
        return list(map(parsed.__getitem__, values))
    out = []
    for index, cell in enumerate(values):
        try:
            if distinct is None:
                out.append(parse(cell))
                continue
            if cell in failed:
                raise CellError(failed[cell])
            out.append(parsed[cell])
        except (CellError, TypeError) as error:
            text = str(error) if isinstance(error, CellError) else f"{cell!r} is not a value"
            problems.append(Problem(where, numbers[index], column.name, text))
            bad.add(index)
            out.append(None)
    return out


def _check_unique(column, values, numbers, where, problems, bad) -> None:
    present = [v for v in values if v is not None]
    if len(set(present)) == len(present):
        return
    first: dict[Any, int] = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        seen = first.setdefault(value, index)
        if seen != index:
            problems.append(
                Problem(
                    where,
                    numbers[index],
                    column.name,
                    f"duplicate {column.name} {value!r} (also on row {numbers[seen]})",
                )
            )
            bad.add(index)


def _assign_ids(given: Sequence[Any]) -> Sequence[Any]:
    """A table's ids with each blank one given the next free id, in file order."""
    if None not in given:
        return given
    next_id = max((i for i in given if i is not None), default=0) + 1
    ids = []
    for row_id in given:
        if row_id is None:
            row_id, next_id = next_id, next_id + 1
        ids.append(row_id)
    return ids


def _index(table, columns: list[Sequence[Any]], slots, keys, ids) -> None:
    """Remember each table's ids and natural keys, for references to check against."""
    if "id" in slots:
        ids[table.name] = set(columns[slots["id"]])
    for column in table.columns:
        if column.unique and column.name != "id":
            keys[f"{table.name}:{column.name}"] = dict(
                zip(columns[slots[column.name]], columns[slots.get("id", 0)], strict=True)
            )


def _check_references(loaded: Loaded, problems, keys, ids) -> None:
    """Turn ref keys into ids and check fk ids, column by column, dropping rows that
    name something the file does not hold; then make the table's rows."""
    table = loaded.table
    columns, loaded.values = loaded.values, []
    checks: list[tuple[int, Column, dict | set]] = []
    for index, column in enumerate(table.columns):
        if column.ref is not None:
            target, key = column.ref
            checks.append((index, column, keys.get(f"{target}:{key}", {})))
        elif column.fk is not None:
            checks.append((index, column, ids.get(column.fk, set())))
    if not checks or not loaded.numbers:
        loaded.rows = list(zip(*columns, strict=True))
        return
    bad: set[int] = set()
    for index, column, known in checks:
        values = columns[index]
        if column.ref is not None:
            target, key = column.ref
            columns[index] = [None if v is None else known.get(v) for v in values]
            missing = [
                i for i, v in enumerate(columns[index]) if v is None and values[i] is not None
            ]
            problem = f"no {SINGULAR[target]} with {key} {{!r}}"
        else:
            missing = [i for i, v in enumerate(values) if v is not None and v not in known]
            problem = f"no {SINGULAR[column.fk]} with id {{}}"
        problems.extend(
            Problem(loaded.where, loaded.numbers[i], column.name, problem.format(values[i]))
            for i in missing
        )
        bad.update(missing)
    rows = zip(*columns, strict=True)
    if bad:
        loaded.rows = [list(r) for i, r in enumerate(rows) if i not in bad]
        loaded.numbers = [n for i, n in enumerate(loaded.numbers) if i not in bad]
    else:
        loaded.rows = list(rows)


def _tree_paths(loaded: Loaded, group_codes: dict[str, int], problems) -> None:
    """Work out each initiative's tree_path and depth from its parent; find loops."""
    table = loaded.table
    slot = {c.name: i for i, c in enumerate(table.columns)}
    code_of_group = {group_id: code for code, group_id in group_codes.items()}
    by_id = {
        row[slot["id"]]: (row, number)
        for row, number in zip(loaded.rows, loaded.numbers, strict=True)
    }
    paths: dict[int, tuple[str, int]] = {}

    def path_of(initiative_id: int, trail: tuple[int, ...]) -> tuple[str, int] | None:
        if initiative_id in paths:
            return paths[initiative_id]
        row, number = by_id[initiative_id]
        parent = row[slot["parent"]]
        if parent is not None and parent not in by_id:
            return None
        if parent is None:
            found = (
                f"{code_of_group.get(row[slot['business_group']], '')}"
                f"{TREE_SEPARATOR}{row[slot['code']]}",
                0,
            )
        elif parent in trail:
            problems.append(
                Problem(
                    loaded.where,
                    number,
                    "parent",
                    "makes a loop: an initiative cannot sit under itself",
                )
            )
            return None
        else:
            above = path_of(parent, (*trail, initiative_id))
            if above is None:
                return None
            found = (f"{above[0]}{TREE_SEPARATOR}{row[slot['code']]}", above[1] + 1)
        paths[initiative_id] = found
        return found

    for initiative_id in by_id:
        path_of(initiative_id, ())
    loaded.columns = [*loaded.columns, "tree_path", "depth"]
    loaded.rows = [(*row, *paths.get(row[slot["id"]], ("", 0))) for row in loaded.rows]
