"""The header line: the app's title and the screen's subtitle, the subtitle kept whole.

Textual's Header cuts the line at its end, so at 80 columns a long title (the user's
login and role) cut off what the subtitle says: the period, the screen, the date. This
Header shortens the title instead, with an ellipsis, and cuts the subtitle only when
it alone is wider than the line.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Header as TextualHeader
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle

SEPARATOR = " — "  # between title and subtitle, as App.format_title writes it


def fitted_title(title: str, sub_title: str, width: int) -> tuple[str, str]:
    """`title` shortened with an ellipsis so that `title — sub_title` fits in `width`
    cells (with no room for it, the title goes and the subtitle stays)."""
    if not sub_title or width <= 0:
        return title, sub_title
    room = width - cell_len(SEPARATOR) - cell_len(sub_title)
    if cell_len(title) <= room:
        return title, sub_title
    if room < 2:
        return "", sub_title
    return title[: room - 1].rstrip() + "…", sub_title


class FittedTitle(HeaderTitle):
    """The header's title line, fitted to its width each time it is drawn."""

    def render(self) -> Content:
        header = self.parent
        assert isinstance(header, Header)
        title, sub_title = fitted_title(
            header.screen_title, header.screen_sub_title, self.content_size.width
        )
        if not title:
            return Content(sub_title).stylize("dim")
        return self.app.format_title(title, sub_title)


class Header(TextualHeader):
    """Textual's Header (no clock) with the subtitle kept whole on a narrow screen."""

    def compose(self):
        yield HeaderIcon().data_bind(TextualHeader.icon)
        yield FittedTitle()
        yield HeaderClockSpace()
