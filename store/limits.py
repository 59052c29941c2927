"""The declared limits on what is stored and imported, each raised by one environment
variable, so that what a form or command accepts and what an import accepts agree.

- `PORTFOLIO_MAX_TEXT` (characters in one text, 16,777,216 unless set): every text a
  form, a command or an import stores; a CSV field may be as long (plus its `'`).
- `PORTFOLIO_IMPORT_MAX_BYTES` (1 GiB unless set): an import file's size, and for a
  workbook the sum of its members' uncompressed sizes, checked before anything is read.
- `PORTFOLIO_IMPORT_MAX_ROWS` (2,000,000 unless set): rows in one table of an import.
- `PORTFOLIO_IMPORT_MAX_RATIO` (200 unless set): how many times larger than it is
  compressed one member of a workbook may be (a "zip bomb" is thousands of times).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from store.errors import InputError


@dataclass(frozen=True)
class Limit:
    """One limit: the environment variable that sets it, its default and its unit."""

    env: str
    default: int
    unit: str

    def value(self) -> int:
        """The limit in force: the environment variable's whole number, or the default."""
        text = os.environ.get(self.env, "").strip().replace("_", "")
        if not text:
            return self.default
        if not text.isdigit() or int(text) < 1:
            raise InputError(self.env, f"{text!r} is not a whole number above 0")
        return int(text)

    def over(self, found: int, what: str) -> str:
        """The message for `what` measuring `found`, over this limit: it names the limit
        and how to raise it."""
        return (
            f"{what} is {found:,} {self.unit}, over the limit of {self.value():,} "
            f"(set {self.env} to raise it)"
        )

    def passed(self, what: str) -> str:
        """The message for `what`, found over this limit before it was measured whole."""
        return (
            f"{what} is over the limit of {self.value():,} {self.unit} (set {self.env} to raise it)"
        )


MAX_TEXT = Limit("PORTFOLIO_MAX_TEXT", 16 * 1024 * 1024, "characters")
MAX_IMPORT_BYTES = Limit("PORTFOLIO_IMPORT_MAX_BYTES", 1024**3, "bytes")
MAX_IMPORT_ROWS = Limit("PORTFOLIO_IMPORT_MAX_ROWS", 2_000_000, "rows")
MAX_IMPORT_RATIO = Limit("PORTFOLIO_IMPORT_MAX_RATIO", 200, "times its compressed size")
