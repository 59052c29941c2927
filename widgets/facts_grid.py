"""Key facts: label and value, two pairs to a line (an initiative's header, a proposal's
facts on the triage form), or, where a grid would have to wrap its values on a narrow
screen, one paragraph of pairs that takes far fewer lines."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text

from widgets.fitted import Draw
from widgets.plain_text import Table

Facts = list[tuple[str, str]]
LINE_BELOW = 96  # cells: narrower than this, a grid that would wrap becomes a paragraph
PADDING = 2  # cells between the grid's columns


def facts_grid(facts: Facts) -> Table:
    """`facts` as (label, value) pairs, two to a row, labels in bold."""
    grid = Table.grid(padding=(0, PADDING))
    for _ in range(4):
        grid.add_column()
    for at in range(0, len(facts), 2):
        cells = []
        for label, value in facts[at : at + 2]:
            cells += [Text(label, style="bold"), value]
        grid.add_row(*cells)
    return grid


def grid_width(facts: Facts) -> int:
    """The cells `facts_grid(facts)` takes when nothing wraps."""
    cells = [text for pair in facts for text in pair]
    widths = [max((cell_len(text) for text in cells[c::4]), default=0) for c in range(4)]
    return sum(widths) + PADDING * 3


def facts_line(facts: Facts) -> Text:
    """`facts` as one paragraph: `Label value · Label value`, labels in bold."""
    line = Text()
    for at, (label, value) in enumerate(facts):
        if at:
            line.append(" · ", style="dim")
        line.append(label, style="bold")
        line.append(f" {value}")
    return line


def facts_view(facts: Facts) -> Draw:
    """Draw `facts` for a width (for a `Fitted`): the grid, or on a narrow screen where
    the grid would wrap, the paragraph."""

    def draw(width: int) -> RenderableType:
        if 0 < width < LINE_BELOW and grid_width(facts) > width:
            return facts_line(facts)
        return facts_grid(facts)

    return draw
