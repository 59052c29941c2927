"""One line naming the keys that open the other screens, in a compact form
(`s Chamber  f Front door  …`), ending with the key of the menu that lists them all.

It shows as many destinations as fit the width, in order, and always the menu key,
so nothing is cut in half and every screen stays one key (or the menu) away.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from widgets.plain_text import Static

KEY_STYLE = "bold #ffa62b"
GAP = "  "


def _entry(key: str, label: str) -> Text:
    text = Text()
    text.append(key, style=KEY_STYLE)
    text.append(f" {label}")
    return text


def go_to_text(keys: Sequence[tuple[str, str]], menu_key: str, width: int) -> Text:
    """The (key, short name) entries that fit in `width`, then the menu key."""
    menu = _entry(menu_key, "all screens")
    line = Text()
    for key, label in keys:
        entry = _entry(key, label)
        if line.cell_len + entry.cell_len + len(GAP) + menu.cell_len > width:
            break
        line.append_text(entry)
        line.append(GAP)
    line.append_text(menu)
    return line


class GoToLine(Static):
    """The destination keys of the screen it sits on, fitted to its width."""

    def __init__(self, keys: Sequence[tuple[str, str]], menu_key: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.keys = list(keys)
        self.menu_key = menu_key

    def render(self) -> Text:
        return go_to_text(self.keys, self.menu_key, self.content_region.width or 80)

    def on_resize(self) -> None:
        self.refresh()
