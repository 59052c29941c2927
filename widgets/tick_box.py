"""A checkbox whose state shows as a character (✓ or blank), not only as a colour."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A Checkbox that reads on a monochrome terminal: `▐✓▌` when ticked, `▐ ▌` when not."""

    @property
    def _button(self) -> Content:
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style),
            ("✓" if self.value else " ", button_style),
            (self.BUTTON_RIGHT, side_style),
        )
