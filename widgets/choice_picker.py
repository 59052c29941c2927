"""Pick one of a few choices with one key each (or left and right): scores, complexity,
outcomes. The chosen one shows bold between ▶ ◀ markers, so it reads without colour.

A picker made with `guard_typing` stands for a decision that must be exactly what was
meant: its letter keys choose only while nothing is chosen and nothing else was typed on
it (since it last took focus). After that, keys typed on it (say, a reason typed after a
shift+tab too many) change nothing and post `Ignored`; only left and right change it.
A picker made with `wrap` lays its choices out over more lines when it is too narrow
for them on one (give it `height: auto`); the hint shown while nothing is chosen goes
on a line of its own when it does not fit beside the choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from widgets.sent import SentBy


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

    class Changed(SentBy):
        """The choice changed."""

        def __init__(self, picker: ChoicePicker, value: str | None) -> None:
            super().__init__(picker)
            self.value = value

    class Ignored(SentBy):
        """A key typed on a guarded picker changed nothing."""

        def __init__(self, picker: ChoicePicker, character: str) -> None:
            super().__init__(picker)
            self.character = character

    def __init__(
        self,
        choices: Sequence[Choice],
        *,
        value: str | None = None,
        hint: str = "",
        show_keys: bool = False,
        guard_typing: bool = False,
        wrap: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.choices = list(choices)
        self.hint = hint
        self.show_keys = show_keys
        self.guard_typing = guard_typing
        self.wrap = wrap
        self.typed = False  # with guard_typing: something other than a choice was typed
        for index, choice in enumerate(self.choices):
            self._bindings.bind(choice.key, f"pick({index})", choice.label, show=False)
        self.set_reactive(ChoicePicker.value, value)

    def on_key(self, event: events.Key) -> None:
        """On a guarded picker, a typed key chooses only while nothing is chosen and
        nothing else was typed; otherwise it is swallowed and reported as `Ignored`."""
        if not self.guard_typing or not event.is_printable:
            return
        is_choice = any(choice.key == event.key for choice in self.choices)
        if is_choice and self.value is None and not self.typed:
            return  # its binding chooses it
        event.stop()
        event.prevent_default()
        self.typed = True
        self.post_message(self.Ignored(self, event.character or ""))

    def on_blur(self) -> None:
        self.typed = False

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
        if self.wrap or self.hint:
            self.refresh(layout=True)  # the hint goes once something is chosen
        self.post_message(self.Changed(self, value))

    def _chunks(self) -> list[Text]:
        """Each choice as it shows, then the hint while nothing is chosen."""
        chunks = []
        for choice in self.choices:
            label = f" {choice.key} {choice.label} " if self.show_keys else f" {choice.label} "
            if choice.value == self.value:
                chunk = Text("▶", style="bold")
                chunk.append(label, style=choice.style)
                chunk.append("◀ ", style="bold")
            else:
                chunk = Text(f" {label}  ", style="dim")
            chunks.append(chunk)
        if self.value is None and self.hint:
            chunks.append(Text(f" {self.hint}", style="italic dim"))
        return chunks

    def _lines(self, width: int) -> Text:
        """The choices, on as many lines as `width` needs when the picker wraps."""
        line = Text()
        used = 0
        chunks = self._chunks()
        hint = len(chunks) > len(self.choices)  # the last chunk is the hint
        for index, chunk in enumerate(chunks):
            may_wrap = self.wrap or (hint and index == len(chunks) - 1)
            if may_wrap and used and 0 < width < used + chunk.cell_len:
                line.append("\n")
                used = 0
            line.append_text(chunk)
            used += chunk.cell_len
        return line

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """All the choices and the hint on one line, but no wider than there is room (the
        hint, and the choices when the picker wraps, then go on further lines)."""
        return min(sum(chunk.cell_len for chunk in self._chunks()), container.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line, or as many as the choices and the hint need at `width`."""
        return len(self._lines(width).plain.split("\n"))

    def render(self) -> Text:
        return self._lines(self.content_size.width)
