"""The registry of exported tables: each table's name in a file, its database table,
its columns and their types, in an order where every table comes after those it
refers to. The tables themselves are declared by area: `tables_portfolio` (the
register and programme depth), `tables_star_chamber` and `tables_front_door` (with the
recommendations).

`current_rag` (derived from the assessments), `initiative.tree_path`/`depth`
(derived from the hierarchy) and the audit log are not exported: an import rebuilds
the derived data and records one audit event of its own.
"""

from __future__ import annotations

from store.exchange.columns import Table
from store.exchange.tables_benefits import BENEFIT_TABLES
from store.exchange.tables_front_door import FRONT_DOOR_TABLES
from store.exchange.tables_portfolio import PORTFOLIO_TABLES
from store.exchange.tables_star_chamber import STAR_CHAMBER_TABLES

__all__ = ["BY_NAME", "TABLES", "VALIDATION_LISTS", "Table", "table"]

TABLES: tuple[Table, ...] = (
    *PORTFOLIO_TABLES,
    *BENEFIT_TABLES,
    *STAR_CHAMBER_TABLES,
    *FRONT_DOOR_TABLES,
)

BY_NAME = {table.name: table for table in TABLES}

# Columns an office fills from a fixed list; the template gives them drop-downs.
VALIDATION_LISTS = ("rag", "tier", "complexity", "staff_type")


def table(name: str) -> Table:
    """The exported table called `name`."""
    return BY_NAME[name]
