"""Pick one of a few choices with one key each (or left and right): scores, complexity,
outcomes. The chosen one shows bold between ▶ ◀ markers, so it reads without colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class Choice:
    """One choice: the value it stands for, its label, the key that picks it, and the
    style it takes when chosen."""

    value: str
    label: str
    key: str
    style: str = "bold reverse"


class ChoicePicker(Widget, can_focus=True):
    """A one-line row of choices; `value` is the chosen one's value, or None."""

    DEFAULT_CSS = """
    ChoicePicker { height: auto; width: auto; min-width: 20; }
    ChoicePicker:focus { text-style: none; background: $boost; }
    ChoicePicker:disabled { opacity: 60%; }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right", "step(1)", "Next", show=False),
    ]

    value: reactive[str | None] = reactive(None)

    class Changed(Message):
        """The choice changed."""

        def __init__(self, picker: ChoicePicker, value: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> ChoicePicker:
            """The picker that sent this message."""
            return self.picker

    def __init__(
        self,
        choices: Sequence[Choice],
        *,
        value: str | None = None,
        hint: str = "",
        show_keys: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.choices = list(choices)
        self.hint = hint
        self.show_keys = show_keys
        for index, choice in enumerate(self.choices):
            self._bindings.bind(choice.key, f"pick({index})", choice.label, show=False)
        self.set_reactive(ChoicePicker.value, value)

    def action_pick(self, index: int) -> None:
        """Choose the choice at `index`."""
        self.value = self.choices[index].value

    def action_step(self, delta: int) -> None:
        """Move the choice left or right."""
        values = [choice.value for choice in self.choices]
        if self.value in values:
            index = (values.index(self.value) + delta) % len(values)
        else:
            index = 0 if delta > 0 else len(values) - 1
        self.value = values[index]

    def watch_value(self, value: str | None) -> None:
        self.post_message(self.Changed(self, value))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the choices and the hint, but no wider than the room there is
        (the hint then goes on a line of its own)."""
        return min(self._choices().cell_len + self._hint_width(), container.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line, or two when the hint does not fit beside the choices."""
        return 1 if self._hint_fits(width) else 2

    def render(self) -> Text:
        line = self._choices()
        if self._hint_width():
            # Beside the choices if it fits, else on a line of its own.
            where = " " if self._hint_fits(self.content_size.width) else "\n"
            line.append(where + self.hint, style="italic dim")
        return line

    def _choices(self) -> Text:
        line = Text()
        for choice in self.choices:
            label = f" {choice.key} {choice.label} " if self.show_keys else f" {choice.label} "
            if choice.value == self.value:
                line.append("▶", style="bold")
                line.append(label, style=choice.style)
                line.append("◀ ", style="bold")
            else:
                line.append(f" {label}  ", style="dim")
        return line

    def _hint_width(self) -> int:
        """The cells the hint takes beside the choices (0 while one is chosen)."""
        return len(self.hint) + 1 if self.value is None and self.hint else 0

    def _hint_fits(self, width: int) -> bool:
        needed = self._choices().cell_len + self._hint_width()
        return not self._hint_width() or width <= 0 or needed <= width
