"""The quarterly board pack: pick a period, preview the pack, save it as Markdown or HTML.

The pack is read in a worker (a ProgressBar counts its sections) and previewed as
Markdown, with long tables cut short; the saved file has every row.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, ProgressBar

from store.errors import PortfolioError
from store.files import TargetExistsError
from store.periods import is_period
from store.reports.pack import (
    build_pack,
    default_file_name,
    format_for,
    preview,
    report_periods,
    write_report,
)
from store.reports.read_models import BoardPack
from widgets.footer import Footer
from widgets.header import Header
from widgets.markdown_preview import MarkdownPreview
from widgets.period_input import PeriodInput
from widgets.plain_text import Label, Static


class BoardPackScreen(Screen):
    """Preview the board pack of a period and save it."""

    CSS_PATH = "board_pack.tcss"
    HELP_TITLE = "Quarterly board pack"
    HELP = """
The committee paper for one reporting period: RAG counts by business group, each key
programme's criteria with RAG and rationale, what changed since the previous period,
overdue milestones, top risks, dependencies at risk, the savings and headcount table,
the Star Chamber and front door decisions of the period, and the tier × complexity
baseline.

`[` and `]` step to the previous and next period with assessments, up to the current
reporting period; `c` lets you type one of them (e.g. 2011-Q1) and `enter` reads it. The
preview cuts long tables short; the saved pack has every row.

`s` saves: type the path (it starts as `board-pack-PERIOD.md` in the current folder),
`ctrl+t` switches between `.md` and `.html`, `enter` saves and `escape` cancels. The
HTML is one file with everything inside it, which prints well and opens with no network.
`j`/`k` scroll; `escape` goes back.
"""

    BINDINGS = [
        Binding("s", "save", "Save"),
        Binding("left_square_bracket", "step(1)", "Previous period"),
        Binding("right_square_bracket", "step(-1)", "Next period"),
        Binding("c", "pick_period", "Choose period"),
        Binding("ctrl+t", "toggle_format", "md/html", show=False),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.periods: list[str] = []
        self.period: str | None = None
        self.pack: BoardPack | None = None
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="pack-bar"):
            yield Label("Period", id="period-label")
            yield PeriodInput(placeholder="2011-Q1", id="period")
            yield ProgressBar(id="pack-progress", show_eta=False)
            yield Static("", id="pack-status")
        with VerticalScroll(id="pack-scroll"):
            yield MarkdownPreview(id="pack-preview")
        with Horizontal(id="save-bar"):
            yield Label("Save to", id="save-label")
            yield Input(id="save-path")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Quarterly board pack"
        self.query_one("#save-bar").display = False
        self.query_one("#pack-scroll").focus()
        self.load_periods()

    @work(thread=True, exclusive=True, group="pack-periods")
    def load_periods(self) -> None:
        """Read the periods that have assessments, and the current one."""
        periods, current = report_periods(self.app.store)
        self.app.call_from_thread(self.show_periods, periods, current)

    def show_periods(self, periods: list[str], current: str) -> None:
        """Fill the period list and read the current period's pack."""
        self.periods = periods
        self.choose(current)

    def choose(self, period: str) -> None:
        """Read and preview the pack of `period`."""
        self.period = period
        self.query_one("#period", Input).value = period
        bar = self.query_one("#pack-progress", ProgressBar)
        bar.update(total=10, progress=0)
        self.set_status(f"reading the {period} pack…")
        self.build(period)

    @work(thread=True, exclusive=True, group="pack")
    def build(self, period: str) -> None:
        """Read every section of the pack off the event loop, counting sections."""
        bar = self.query_one("#pack-progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            pack = build_pack(self.app.store, period, on_progress=progress)
        except PortfolioError as error:
            self.app.call_from_thread(self.refused, str(error))
            return
        self.app.call_from_thread(self.show_pack, pack, preview(pack))

    def refused(self, message: str) -> None:
        """Say why the period was refused and go back to the pack on screen."""
        if self.pack is not None:
            self.period = self.pack.period
            self.query_one("#period", Input).value = self.pack.period
            self.query_one("#pack-progress", ProgressBar).update(total=10, progress=10)
        self.set_status(message)

    def show_pack(self, pack: BoardPack, text: str) -> None:
        """Show the preview of a pack that was read."""
        if pack.period != self.period:
            return
        self.pack = pack
        self.query_one("#pack-preview", MarkdownPreview).show(text)
        self.query_one("#pack-scroll", VerticalScroll).scroll_home(animate=False)
        self.set_status(f"{pack.period}, as at {pack.as_at.isoformat()}: s saves")

    def set_status(self, text: str) -> None:
        """One line beside the period picker."""
        self.query_one("#pack-status", Static).update(text)

    @on(Input.Submitted, "#period")
    def period_typed(self, event: Input.Submitted) -> None:
        """Read the typed period's pack, if it is one `[` and `]` step through (the store
        says why a period is not one)."""
        text = event.value.strip().upper()
        self.query_one("#pack-scroll").focus()
        if not text or text == self.period:
            return
        if self.periods and text not in self.periods and is_period(text):
            self.refused(
                f"{text} has no pack: choose from {self.periods[-1]} to {self.periods[0]}, "
                "periods with RAGs up to the current one"
            )
            return
        self.choose(text)

    def action_step(self, offset: int) -> None:
        """Step to an older (+1) or newer (-1) period among those with assessments."""
        if not self.periods or self.period not in self.periods:
            return
        index = self.periods.index(self.period) + offset
        if 0 <= index < len(self.periods):
            self.choose(self.periods[index])

    def action_pick_period(self) -> None:
        """Type a period."""
        field = self.query_one("#period", Input)
        field.focus()
        field.select_all()

    def action_scroll(self, lines: int) -> None:
        """Scroll the preview."""
        self.query_one("#pack-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_save(self) -> None:
        """Ask where to save, starting from board-pack-PERIOD.md in the current folder."""
        if self.pack is None:
            self.set_status("the pack is still being read")
            return
        field = self.query_one("#save-path", Input)
        if not field.value:
            field.value = str(Path.cwd() / default_file_name(self.pack.period, "md"))
        self.query_one("#save-bar").display = True
        field.focus()
        field.cursor_position = len(field.value)

    def action_toggle_format(self) -> None:
        """Switch the path being typed between .md and .html."""
        field = self.query_one("#save-path", Input)
        if not field.value:
            return
        path = Path(field.value)
        suffix = ".md" if format_for(path) == "html" else ".html"
        field.value = str(path.with_suffix(suffix))
        field.cursor_position = len(field.value)

    @on(Input.Submitted, "#save-path")
    def save_submitted(self, event: Input.Submitted) -> None:
        """Save to the typed path."""
        text = event.value.strip()
        if not text or self.pack is None:
            self.set_status("type a path to save to")
            return
        path = Path(text).expanduser()
        replace, self._confirm = self._confirm == path, None
        self.set_status(f"saving {path.name}…")
        self.save(self.pack, path, format_for(path), replace)

    @work(thread=True, exclusive=True, group="pack-save")
    def save(self, pack: BoardPack, path: Path, fmt: str, replace: bool) -> None:
        """Write the pack off the event loop (over an existing file only if `replace`)."""
        database = (self.app.store.path,)
        try:
            written = write_report(path, pack, fmt, force=replace, protect=database)
        except TargetExistsError:
            self.app.call_from_thread(self.ask_to_replace, path)
            return
        except (PortfolioError, OSError) as error:
            self.app.call_from_thread(self.set_status, f"not saved: {error}")
            return
        self.app.call_from_thread(self.saved, written, fmt)

    def ask_to_replace(self, path: Path) -> None:
        """The file exists: the same path again replaces it."""
        self._confirm = path
        self.set_status(f"{path} exists: enter again replaces it, or type another path")

    def saved(self, path: Path, fmt: str) -> None:
        """Say where the pack went and close the save bar."""
        self.query_one("#save-bar").display = False
        self.query_one("#pack-scroll").focus()
        self.set_status(f"Saved {fmt} to {path.resolve()}")

    def action_back(self) -> None:
        """Leave the period box (keeping the period on show), close the save bar, or go
        back."""
        field = self.query_one("#period", Input)
        if field.has_focus:
            field.value = self.period or ""
            self.query_one("#pack-scroll").focus()
            return
        bar = self.query_one("#save-bar")
        if bar.display:
            bar.display = False
            self.query_one("#pack-scroll").focus()
            return
        self.app.pop_screen()
