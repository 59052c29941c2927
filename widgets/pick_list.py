"""A list to choose one line from on purpose: moving the cursor chooses nothing.

`enter` or `space` on a line (or a click) chooses it. The chosen line shows ●, the
others ○, so the choice reads without colour; `value` is the chosen line's id, or None
until one is chosen. A line can be shown but not chosen (disabled: dim, with no ○). Each line stays
on one row, cut with an ellipsis when the list is narrow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets.option_list import Option

from widgets.plain_text import OptionList
from widgets.sent import SentBy

CHOSEN = "● "
NOT_CHOSEN = "○ "


@dataclass(frozen=True)
class Line:
    """One line to choose: its id (the value it stands for), what it says, and whether
    it may be chosen."""

    id: str
    prompt: Text
    enabled: bool = True


class PickList(OptionList):
    """Choose one line with enter or space; `value` is its id (None: nothing chosen)."""

    DEFAULT_CSS = """
    PickList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS = [Binding("space", "select", "Choose", show=False)]

    value: reactive[str | None] = reactive(None, init=False)

    class Changed(SentBy):
        """The chosen line changed."""

        def __init__(self, pick_list: PickList, value: str | None) -> None:
            super().__init__(pick_list)
            self.value = value

    def __init__(
        self,
        lines: Sequence[Line],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        self.lines = {line.id: line for line in lines}
        super().__init__(
            *(Option(self._prompt(line, False), line.id, not line.enabled) for line in lines),
            name=name,
            id=id,
            classes=classes,
        )

    @staticmethod
    def _prompt(line: Line, chosen: bool) -> Text:
        marker = CHOSEN if chosen else NOT_CHOSEN if line.enabled else "  "
        prompt = Text(marker, style="bold" if chosen else "")
        prompt.append_text(line.prompt)
        return prompt

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter, space or a click on a line chooses it."""
        self.value = event.option.id

    def watch_value(self, old: str | None, new: str | None) -> None:
        for line_id, chosen in ((old, False), (new, True)):
            if line_id in self.lines:
                self.replace_option_prompt(line_id, self._prompt(self.lines[line_id], chosen))
        self.post_message(self.Changed(self, new))
