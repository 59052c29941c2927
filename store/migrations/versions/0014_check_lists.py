"""SQLite's CHECK constraints of the form `column IN ('a','b','c')` (three or more
values) spelled `(column = 'a' OR column = 'b' OR column = 'c')`, which allows exactly
the same values. Schema text only: no row is read or written.

Why: SQLite checks an IN list of three or more values through a small lookup it makes
for the purpose, and pays for it for every row checked. A CHECK like `rag IN
('R','A','G')` cost 300,000 inserted rows 0.72 s against 0.21 s for the OR form (one row
to an INSERT; 0.24 s against 0.10 s at a hundred rows to one), and every save paid it
too. Lists of one or two values SQLite makes comparisons of already, and PostgreSQL
keeps an IN list as one array, so neither is touched.

How: SQLite cannot alter a constraint, and rebuilding each table to change its text
would copy every row, so the tables' texts are replaced in place
(`store.migrations.dialect.replace_table_texts`). Should SQLite refuse that, the lists
stay as they are: slower, and allowing the same values.

Create Date: 2026-12-06
"""

import logging
import re

from alembic import op

from store.migrations.dialect import on_postgres, replace_table_texts

revision = "0014_check_lists"
down_revision = "0013_sync_guards"

# Frozen here on purpose: a migration must not change when app code does.
# `column IN ('x', 'y', 'z', ...)` with at least three quoted values (none holds a quote),
# as a whole term: straight after "(", "OR " or "AND " (not `t.x`, `a || x`, `x COLLATE y`).
IN_LIST = re.compile(
    r"(?:(?<=\()|(?<=\bOR )|(?<=\bAND ))(\w+) IN \(('[^']*'(?:\s*,\s*'[^']*'){2,})\)"
)


def spelled_out(match: re.Match) -> str:
    """`(column = 'a' OR column = 'b' OR ...)` for one `column IN (...)` match; a
    `NOT IN` is left as it is (its "column" is the word NOT)."""
    column, values = match.group(1), re.findall(r"'[^']*'", match.group(2))
    if column.upper() == "NOT":
        return match.group(0)
    return "(" + " OR ".join(f"{column} = {value}" for value in values) + ")"


def upgrade() -> None:
    """Rewrite each SQLite table whose text holds such a list; nothing on PostgreSQL."""
    if on_postgres():
        return
    _rewrite(_table_texts())


def downgrade() -> None:
    """Nothing to undo: the OR form allows exactly what the IN form did."""


def _table_texts() -> dict[str, str]:
    """Each table's `CREATE TABLE` text, by name."""
    rows = op.get_bind().exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"
    )
    return dict(rows.fetchall())


def _rewrite(texts: dict[str, str]) -> None:
    """Store each text that changes (`replace_table_texts`); where SQLite will not take
    them, the lists stay as they are: slower, but allowing the same values."""
    changed = {name: IN_LIST.sub(spelled_out, sql) for name, sql in texts.items()}
    changed = {name: sql for name, sql in changed.items() if sql != texts[name]}
    if changed and not replace_table_texts(op.get_bind(), changed):
        logging.getLogger(__name__).warning("CHECK lists left as IN lists: SQLite refused")
