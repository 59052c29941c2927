"""A read-only Markdown preview drawn as lines, rendered once per width.

Textual's `Markdown` widget mounts a widget for every block and every table cell: a
board pack of a few hundred lines became thousands of widgets, and opening it cost
over two seconds of CPU. This renders the same Markdown with Rich once for the width it
is shown at and hands the lines to Textual's line API, so opening, stepping a period
and scrolling cost one render, not a mount. The text is read as Markdown only: nothing
in it is read as Rich or Textual markup (`[bold]` stays literal).
"""

from __future__ import annotations

from rich.markdown import Markdown
from textual.strip import Strip
from textual.widget import Widget


class MarkdownPreview(Widget):
    """Shows a Markdown document, its tables as Rich tables."""

    DEFAULT_CSS = """
    MarkdownPreview {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self._rendered: tuple[tuple, list[Strip]] | None = None

    def show(self, text: str) -> None:
        """Replace the document shown."""
        self.text = text
        self._rendered = None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Strip]:
        """The document drawn `width` cells wide (drawn again only for a new width or a
        new style under it, such as another theme)."""
        key = (width, self.rich_style)
        if self._rendered is None or self._rendered[0] != key:
            console = self.app.console
            options = console.options.update_width(max(width, 1))
            drawn = console.render_lines(Markdown(self.text, hyperlinks=False), options)
            # The widget's own style under every segment: Rich leaves plain text
            # unstyled, and Textual's monochrome filter (NO_COLOR) needs a style.
            base = self.rich_style
            self._rendered = (key, [Strip(line, width).apply_style(base) for line in drawn])
        return self._rendered[1]

    def get_content_height(self, container, viewport, width: int) -> int:
        """As many rows as the document takes at `width`."""
        return len(self.lines(width)) if self.text else 0

    def render_line(self, y: int) -> Strip:
        """Row `y` of the document."""
        lines = self.lines(self.size.width) if self.text else []
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.rich_style)
