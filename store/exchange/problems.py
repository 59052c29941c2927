"""Problems found in an import file, each placed by sheet or file, row and column, and
the error that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass

from store.errors import InputError


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an import file.

    `where` is the sheet, CSV file or JSON table (e.g. `sheet initiatives`,
    `initiatives.csv`, `tables.initiatives`); `row` counts as a spreadsheet does
    (the header is row 1) for sheets and CSV files, and from 1 for JSON rows; `column`
    is the header name. Either may be None for a problem with the whole file or table.
    """

    where: str
    row: int | None
    column: str | None
    problem: str

    def __str__(self) -> str:
        place = self.where
        if self.row is not None:
            place += f" row {self.row}"
        if self.column is not None:
            place += f", column {self.column}"
        return f"{place}: {self.problem}"

    def as_dict(self) -> dict:
        """The problem as plain values, for JSON output."""
        return {
            "where": self.where,
            "row": self.row,
            "column": self.column,
            "problem": self.problem,
        }


class ImportRejectedError(InputError):
    """An import file had problems: every one is listed and nothing was written."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(source, f"{count} {noun} found; nothing was imported")
        self.problems = problems

    def lines(self) -> list[str]:
        """The summary line, then one line per problem."""
        return [str(self), *(str(problem) for problem in self.problems)]
