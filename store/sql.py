"""Pieces of plain SQL the queries share: matching the words a user types against some
columns, and joining conditions into a WHERE clause. Standard SQL only (LIKE with an
ESCAPE character), so a second database can run the same text."""

from __future__ import annotations

from collections.abc import Sequence


def escape_like(term: str) -> str:
    """`term` with LIKE wildcards escaped (use with ESCAPE '\\')."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def word_clauses(text: str, columns: Sequence[str], params: dict) -> list[str]:
    """One condition per word of `text`: the word appears in one of `columns`, in any
    case (both sides lowered: SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
    Each word's pattern is added to `params` as `term0`, `term1`, ..."""
    clauses: list[str] = []
    for n, term in enumerate(text.split()):
        key = f"term{n}"
        params[key] = f"%{escape_like(term)}%"
        matches = " OR ".join(
            f"lower({column}) LIKE lower(:{key}) ESCAPE '\\'" for column in columns
        )
        clauses.append(f"({matches})")
    return clauses


def where(clauses: Sequence[str]) -> str:
    """`WHERE` with every condition of `clauses`, or nothing when there are none."""
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


# What a window of "all rows" asks for: more than any table holds, and a valid BIGINT.
ALL_ROWS = 2**63 - 1


def window(limit: int, offset: int, params: dict) -> str:
    """`LIMIT :limit OFFSET :offset`, with both added to `params`; a negative `limit` means
    every row (SQLite reads `LIMIT -1` so, PostgreSQL refuses it)."""
    params["limit"] = ALL_ROWS if limit < 0 else limit
    params["offset"] = offset
    return "LIMIT :limit OFFSET :offset"


def count_where(condition: str) -> str:
    """How many rows meet `condition` (0 when none do): the portable form of SQLite's
    `SUM(condition)`, as PostgreSQL cannot add up booleans."""
    return f"COUNT(CASE WHEN {condition} THEN 1 END)"
