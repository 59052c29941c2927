"""`?`: help for the screen underneath, with its keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from widgets.plain_text import Static, Table
from widgets.window_table import WindowTable


def key_table(screen: Screen) -> Table:
    """The keys active on `screen` (focused widget first), one row each."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("does")
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.description in seen:
            continue
        seen.add(binding.description)
        table.add_row(screen.app.get_key_display(binding), binding.description)
    return table


def left_out(screen: Screen) -> Text | None:
    """What the screen's tables leave out at this width, and how to see it; None when
    they show every column."""
    hidden = [label for table in screen.query(WindowTable) for label in table.hidden_labels]
    if not hidden:
        return None
    text = Text("At this width the table leaves out: ", style="bold")
    text.append(", ".join(hidden))
    text.append(". right scrolls to them (left comes back); a wider terminal shows them all.")
    return text


class HelpScreen(ModalScreen[None]):
    """A modal with the screen's own help text and every key that works there."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        title = getattr(self.target, "HELP_TITLE", None) or type(self.target).__name__
        with VerticalScroll(id="help-body"):
            yield Static(Text(title, style="bold"), id="help-title")
            hidden = left_out(self.target)
            if hidden is not None:
                yield Static(hidden, id="help-left-out")
            yield Markdown(getattr(self.target, "HELP", "") or "", id="help-text")
            yield Static(Text("Keys", style="bold"), classes="help-heading")
            yield Static(key_table(self.target), id="help-keys")
            yield Static(
                Text("ctrl+p opens the command palette: every screen and action.", style="dim")
            )
            yield Static(Text("Press escape or ? to close.", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help."""
        self.dismiss(result)
