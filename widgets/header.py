"""The header line: the app's title and the screen's subtitle, the subtitle kept whole.

Textual's Header cuts the line at its end, so at 80 columns a long title (the user's
login and role) cut off what the subtitle says: the period, the screen, the date. This
Header shortens the title instead, with an ellipsis, and cuts the subtitle only when
it alone is wider than the line.

On a laptop replica the App's `sync_notes` (longest first) say where it stands with its
server: a badge at the right of the line, in the place the clock would take, shows the
long note on a wide screen and the short one otherwise. With no notes (a database that
is not a replica) the line is as before.
"""

from __future__ import annotations

from contextlib import suppress

from rich.cells import cell_len
from textual.content import Content
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header as TextualHeader
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle

from widgets.plain_text import Static

SEPARATOR = " — "  # between title and subtitle, as App.format_title writes it
WIDE = 120  # columns from which the badge shows the long note


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


class SyncBadge(Static):
    """Where a replica stands with its server, at the right of the header line."""

    DEFAULT_CSS = """
    SyncBadge {
        dock: right;
        width: auto;
        padding: 0 1;
        text-style: bold;
        display: none;
    }
    """

    def show_notes(self, notes: tuple[str, ...], width: int) -> None:
        """Show the long note (the first) on a wide screen, else the short one (the
        last); none hides the badge."""
        self.display = bool(notes)
        if notes:
            self.update(notes[0] if width >= WIDE else notes[-1])


class Header(TextualHeader):
    """Textual's Header (no clock) with the subtitle kept whole on a narrow screen, and
    a replica's sync badge."""

    def compose(self):
        yield HeaderIcon().data_bind(TextualHeader.icon)
        yield FittedTitle()
        yield HeaderClockSpace()
        yield SyncBadge()

    def _on_mount(self, event: Mount) -> None:
        """Textual's title watchers, made to let a header whose parts are already gone be
        (its screen's widgets removed as the app quits, just as a late read sets the
        screen's sub-title: Textual's own raised NoMatches and stopped the app); and the
        sync badge's."""
        event.prevent_default()  # Textual's `_on_mount` would watch the titles again
        for owner in (self.app, self.screen):
            for name in ("title", "sub_title"):
                self.watch(owner, name, self._set_title)
        if hasattr(self.app, "sync_notes"):
            self.watch(self.app, "sync_notes", self._show_sync)

    def _set_title(self, _value: object = None) -> None:
        with suppress(NoScreen, NoMatches):  # the header is being taken down
            self.query_one(HeaderTitle).update(self.format_title())

    def on_resize(self) -> None:
        self._show_sync()

    def _show_sync(self, _notes: object = None) -> None:
        notes = tuple(getattr(self.app, "sync_notes", ()))
        with suppress(NoScreen, NoMatches):  # the header is being taken down
            self.query_one(SyncBadge).show_notes(notes, self.app.size.width)
            self.query_one(HeaderClockSpace).display = not notes
