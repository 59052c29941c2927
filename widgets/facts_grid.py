"""Key facts as a grid: label and value, two pairs to a line (an initiative's header, a
proposal's facts on the triage form)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def facts_grid(facts: list[tuple[str, str]]) -> Table:
    """`facts` as (label, value) pairs, two to a row, labels in bold."""
    grid = Table.grid(padding=(0, 2))
    for _ in range(4):
        grid.add_column()
    for at in range(0, len(facts), 2):
        cells = []
        for label, value in facts[at : at + 2]:
            cells += [Text(label, style="bold"), value]
        grid.add_row(*cells)
    return grid
