"""Pick Red, Amber or Green with one key: r, a or g (or left and right)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from store.types import Rag
from widgets.rag import BADGE_STYLES
from widgets.sent import SentBy

ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN)


class RagPicker(Widget, can_focus=True):
    """A one-line R/A/G choice. The chosen colour shows as a badge with its word."""

    DEFAULT_CSS = """
    RagPicker { height: 1; width: auto; min-width: 40; }
    RagPicker:focus { text-style: none; background: $boost; }
    """

    BINDINGS = [
        Binding("r", "pick('R')", "Red"),
        Binding("a", "pick('A')", "Amber"),
        Binding("g", "pick('G')", "Green"),
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right", "step(1)", "Next", show=False),
    ]

    value: reactive[Rag | None] = reactive(None)

    class Changed(SentBy):
        """The chosen RAG changed."""

        def __init__(self, picker: RagPicker, value: Rag | None) -> None:
            super().__init__(picker)
            self.value = value

    def action_pick(self, letter: str) -> None:
        """Choose a colour by its letter."""
        self.value = Rag(letter)

    def action_step(self, delta: int) -> None:
        """Move the choice left or right."""
        index = ORDER.index(self.value) if self.value else (0 if delta > 0 else 2) - delta
        self.value = ORDER[(index + delta) % len(ORDER)]

    def watch_value(self, value: Rag | None) -> None:
        self.post_message(self.Changed(self, value))

    def render(self) -> Text:
        line = Text()
        for rag in ORDER:
            chosen = rag == self.value
            label = f" {rag.value} {rag.word} "
            if chosen:
                line.append("▶", style="bold")
                line.append(label, style=BADGE_STYLES[rag.value])
                line.append("◀ ", style="bold")
            else:
                line.append(f" {label}  ", style="dim")
        if self.value is None:
            line.append("  press r, a or g", style="italic dim")
        return line
