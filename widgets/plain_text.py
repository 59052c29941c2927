"""Text on screen is shown as written, never read as Rich or Textual markup.

Names, rationales, reasons and every other text a user types can hold square
brackets: `[/]broken` read as markup ends the app with a MarkupError, `[bold]x`
restyles the screen and `[@click=app.quit]q[/]` makes a click quit. Textual reads a
plain `str` as markup in `Static`, `Label`, `DataTable` cells, `Select` and
`OptionList` prompts, Rich tables and notifications; this module is the one way the
app shows text instead:

- `plain(value)` turns any value into a Rich `Text` that is never parsed;
- `Static`, `Label`, `DataTable`, `Select`, `OptionList` and `Table` are the Textual
  and Rich classes with every `str` they are given taken as plain text. Screens and
  widgets import these, never the originals (`tests/test_plain_text.py` checks it),
  and the app's `notify` shows messages plainly. A command palette hit's prompt is
  `highlighted(matcher, text)` or `plain_content(text)`, never `matcher.highlight`.
  Styling is done with `Text` and its styles, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.style import StyleType
from rich.table import Table as RichTable
from rich.text import Text
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widgets import DataTable as TextualDataTable
from textual.widgets import Label as TextualLabel
from textual.widgets import OptionList as TextualOptionList
from textual.widgets import Select as TextualSelect
from textual.widgets import Static as TextualStatic


def plain(value: object, style: StyleType = "") -> Text:
    """`value` as Text shown exactly as written (a Text or other renderable is kept;
    None is empty)."""
    if value is None:
        return Text("", style=style)
    if isinstance(value, str):
        return Text(value, style=style)
    return value  # type: ignore[return-value]


def plain_content(value: str) -> Content:
    """`value` as Textual Content shown exactly as written (for a palette hit's prompt)."""
    return Content(value)


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """`candidate` as plain Content with the characters `matcher` matched highlighted
    (Textual's `Matcher.highlight` reads the candidate as markup)."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def plain_cells(cells: Iterable[Any]) -> list[Any]:
    """Each `str` among `cells` as plain Text; other values as they are."""
    return [plain(cell) if isinstance(cell, str) else cell for cell in cells]


class Static(TextualStatic):
    """Textual's Static, showing a `str` as plain text."""

    def __init__(self, content: Any = "", *, markup: bool = False, **options: Any) -> None:
        super().__init__(content, markup=markup, **options)


class Label(TextualLabel):
    """Textual's Label, showing a `str` as plain text."""

    def __init__(self, content: Any = "", *, markup: bool = False, **options: Any) -> None:
        super().__init__(content, markup=markup, **options)


class DataTable(TextualDataTable):
    """Textual's DataTable, whose `str` cells, labels and headers are plain text."""

    def add_column(self, label: Any, *args: Any, **options: Any) -> Any:
        """Add a column headed `label` (plain text)."""
        return super().add_column(plain(label), *args, **options)

    def add_row(self, *cells: Any, label: Any = None, **options: Any) -> Any:
        """Add a row of `cells` (each `str` plain text)."""
        shown = None if label is None else plain(label)
        return super().add_row(*plain_cells(cells), label=shown, **options)

    def update_cell(self, row_key: Any, column_key: Any, value: Any, **options: Any) -> None:
        """Put `value` (a `str` as plain text) in a cell."""
        super().update_cell(row_key, column_key, plain_cells([value])[0], **options)


def plain_options(options: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """(prompt, value) pairs with each `str` prompt as plain Text."""
    return [(plain(prompt), value) for prompt, value in options]


class Select(TextualSelect):
    """Textual's Select, whose `str` option prompts are plain text."""

    def __init__(self, options: Iterable[tuple[Any, Any]] = (), **settings: Any) -> None:
        super().__init__(plain_options(options), **settings)

    def set_options(self, options: Iterable[tuple[Any, Any]]) -> None:
        """Replace the options (each `str` prompt plain text)."""
        super().set_options(plain_options(options))


class OptionList(TextualOptionList):
    """Textual's OptionList, showing `str` prompts as plain text."""

    def __init__(self, *content: Any, markup: bool = False, **options: Any) -> None:
        super().__init__(*content, markup=markup, **options)


class Table(RichTable):
    """Rich's Table (and `Table.grid`), whose `str` cells, headers, title and caption
    are plain text."""

    def __init__(self, *headers: Any, title: Any = None, caption: Any = None, **options: Any):
        # Rich styles a `str` title or caption itself but not a Text, so the Text
        # carries the style Rich would have given it.
        title_style = options.get("title_style") or "table.title"
        caption_style = options.get("caption_style") or "table.caption"
        super().__init__(
            *headers,
            title=None if title is None else plain(title, title_style),
            caption=None if caption is None else plain(caption, caption_style),
            **options,
        )

    def add_column(self, header: Any = "", *args: Any, **options: Any) -> None:
        """Add a column headed `header` (plain text)."""
        super().add_column(plain(header), *args, **options)

    def add_row(self, *renderables: Any, **options: Any) -> None:
        """Add a row (each `str` plain text)."""
        super().add_row(*plain_cells(renderables), **options)
