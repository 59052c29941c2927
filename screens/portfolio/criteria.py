"""The RAG criteria: what every initiative is rated against each period, in order, the
headline first, each with its description and how many RAGs it holds. The portfolio
office adds, renames, describes, reorders, retires and reinstates them here.

A move shows at once and is saved in the background; a quick run of moves is saved
one after another, in the order pressed, each from the version the one before left.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from screens.common.live_data import LiveData
from screens.common.role_keys import RoleKeys
from screens.common.save_path import reload_after_restore
from store.errors import DatabaseBusyError, PortfolioError
from store.portfolio.criteria.read_models import CriterionRow
from store.portfolio.criteria.rules import HEADLINE_RULE
from store.users.roles import Permission
from widgets.footer import Footer
from widgets.header import Header
from widgets.keyed_table import KeyedDataTable
from widgets.plain_text import DataTable, Static

HEADLINE = "headline"  # a word, not a symbol: it reads the same in every terminal
RETIRED = "retired"
COLUMNS = (("#", 2), ("Criterion", 22), ("Use", 10), ("RAGs", 6))
FIXED_WIDTH = sum(width + 2 for _, width in COLUMNS) + 4  # cell padding and margins


def use_cell(row: CriterionRow) -> Text:
    """What the criterion is for: the headline, retired, or nothing to say."""
    if row.headline:
        return Text(HEADLINE, style="bold")
    return Text(RETIRED, style="dim") if not row.active else Text("")


def reordered(rows: list[CriterionRow], index: int, to_index: int) -> list[CriterionRow]:
    """`rows` with the active one at `index` moved to `to_index`, renumbered 1..n and the
    headline marked on the first (as the store will leave them)."""
    active = [row for row in rows if row.active]
    active.insert(to_index, active.pop(index))
    renumbered = [
        replace(row, position=number, headline=number == 1)
        for number, row in enumerate(active, start=1)
    ]
    return renumbered + [row for row in rows if not row.active]


class CriteriaScreen(LiveData, RoleKeys, Screen):
    """The RAG criteria, in order."""

    CSS_PATH = "criteria.tcss"
    HELP_TITLE = "RAG criteria"
    HELP = f"""
Each period every initiative gets a RAG, with a rationale, against each criterion here,
in this order. **RAGs** counts the assessments recorded against it, all periods.

{HEADLINE_RULE} It is marked **headline**.

`n` adds a criterion, `r` renames the highlighted one (its RAGs go with it), `d`
changes its description. `K` (or `shift+up`) moves it up and `J` (or `shift+down`)
moves it down; a move shows at once and is saved straight away. `x` retires a
criterion: it takes no new RAGs and leaves the Status tab, but keeps every RAG it has
(the History tab still shows them); `x` on a retired one reinstates it, last. The
headline cannot be retired: move another to the top first.

Only the portfolio office and admins see these keys. `escape` goes back.
"""

    BINDINGS = [
        Binding("n", "add", "Add"),
        Binding("r", "rename", "Rename"),
        Binding("d", "describe", "Describe"),
        Binding("K", "move(-1)", "Up"),
        Binding("J", "move(1)", "Down"),
        Binding("shift+up", "move(-1)", "Move up", show=False),
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("x", "retire", "Retire"),
        Binding("escape", "back", "Back"),
    ]
    ROLE_KEYS = dict.fromkeys(
        ("add", "rename", "describe", "move", "retire"), Permission.EDIT_REGISTER
    )

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CriterionRow] = []
        self.versions: dict[int, int] = {}
        self.pending: deque[tuple[int, int]] = deque()  # (criterion id, new position)
        self.moving = False
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="cr-title")
        yield Static(Text(HEADLINE_RULE), id="cr-rule", classes="hint")
        yield KeyedDataTable(id="cr-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="cr-detail")
        yield Footer(compact=True)

    @property
    def table(self) -> DataTable:
        """The criteria, in order."""
        return self.query_one("#cr-table", DataTable)

    def on_mount(self) -> None:
        self.sub_title = "RAG criteria"
        self.table.focus()
        self.load()

    def on_resize(self) -> None:
        if self.rows:
            self._fill(self.rows)

    @work(thread=True, exclusive=True, group="criteria-load")
    def load(self) -> None:
        """Read the criteria off the event loop."""
        from store.portfolio.criteria.queries import criteria_rows

        with self.app.store.reading() as connection:
            rows = criteria_rows(connection)
        self.app.call_from_thread(self.show, rows)

    reload_live = load  # someone saved: read it again (the cursor stays)

    def show(self, rows: list[CriterionRow]) -> None:
        """Put what was read on screen, unless moves are still being saved (the screen
        already shows them; a read after the last one follows)."""
        self.data_shown()
        if self.moving or self.pending:
            return
        self.loaded = True
        self.versions = {row.id: row.version for row in rows}
        self._fill(rows)

    def _fill(self, rows: list[CriterionRow], cursor: int | None = None) -> None:
        self.rows = rows
        keep = self.table.cursor_row if cursor is None else cursor
        active = sum(row.active for row in rows)
        retired = f", {len(rows) - active} retired" if len(rows) > active else ""
        title = Text("RAG criteria ", style="bold")
        title.append(f"{active} in use{retired}")
        self.query_one("#cr-title", Static).update(title)
        self.table.clear(columns=True)
        for label, width in COLUMNS:
            self.table.add_column(label, width=width)
        self.table.add_column("What it rates", width=max(12, self.size.width - FIXED_WIDTH))
        for row in rows:
            self.table.add_row(
                str(row.position) if row.active else "—",
                Text(row.name, style="" if row.active else "dim"),
                use_cell(row),
                str(row.assessments),
                Text(row.description, no_wrap=True, overflow="ellipsis"),
            )
        if rows:
            self.table.move_cursor(row=max(0, min(keep, len(rows) - 1)))
        self._show_detail()

    @property
    def current(self) -> CriterionRow | None:
        """The highlighted criterion."""
        if not self.rows:
            return None
        return self.rows[max(0, min(self.table.cursor_row, len(self.rows) - 1))]

    @on(DataTable.RowHighlighted, "#cr-table")
    def _show_detail(self) -> None:
        row = self.current
        detail = Text()
        if row is None:
            may_add = self.role_allows("add")
            detail.append("No criteria yet" + ("; press n to add one." if may_add else "."))
        else:
            detail.append(row.name, style="bold")
            detail.append("  the headline criterion" if row.headline else "")
            if not row.active:
                again = "; x reinstates it" if self.role_allows("retire") else ""
                detail.append(f"  {RETIRED}: takes no new RAGs{again}")
            detail.append(f"\n{row.description}\n", style="")
            detail.append(f"{row.assessments} RAGs recorded against it.", style="dim")
        self.query_one("#cr-detail", Static).update(detail)

    # ------------------------------------------------------------- forms

    def action_add(self) -> None:
        """Add a criterion."""
        from screens.portfolio.criteria_forms import add_form

        self.app.push_screen(add_form(sum(row.active for row in self.rows)), self._saved)

    def action_rename(self) -> None:
        """Rename the highlighted criterion."""
        from screens.portfolio.criteria_forms import rename_form

        if self._ready():
            self.app.push_screen(rename_form(self.current), self._saved)

    def action_describe(self) -> None:
        """Change the highlighted criterion's description."""
        from screens.portfolio.criteria_forms import describe_form

        if self._ready():
            self.app.push_screen(describe_form(self.current), self._saved)

    def _ready(self) -> bool:
        """True when there is a criterion to act on and no move is still being saved
        (its form would start from a version about to change)."""
        if self.moving or self.pending:
            self.notify("Saving the order first; try again in a moment.")
            return False
        return self.current is not None

    def _saved(self, row: CriterionRow | None) -> None:
        if row is not None:
            self.notify(f"{row.name}: saved", title="RAG criteria")
            self.load()

    def _write(self, service, data: dict) -> tuple[CriterionRow | None, str | None]:
        """Run one criteria service (in a worker thread): what it saved, or why not."""
        try:
            with self.app.store.writing() as session:
                return service(data, session=session), None
        except DatabaseBusyError:
            return None, "Database busy: another process is writing; nothing changed. Try again."
        except PortfolioError as error:  # the screen reloads after every outcome
            return None, reload_after_restore(self.app.store, error) or f"Not changed: {error}"

    # ------------------------------------------------------------- moves

    def action_move(self, step: int) -> None:
        """Move the highlighted criterion up or down one place, saving it in order."""
        row = self.current
        if row is None or not row.active or not self.loaded:
            return
        index = self.rows.index(row)
        to_index = index + step
        if not 0 <= to_index < sum(other.active for other in self.rows):
            return
        self._fill(reordered(self.rows, index, to_index), cursor=to_index)
        self.pending.append((row.id, to_index + 1))
        if not self.moving:
            self.moving = True
            self.save_moves()

    @work(thread=True, group="criteria-move")
    def save_moves(self) -> None:
        """Save the moves asked for, one after another, each from the version the one
        before it left; stop at the first refused (the screen reloads)."""
        from store.portfolio.criteria.services import move_criterion

        problem = None
        while self.pending and problem is None:
            criterion_id, to = self.pending.popleft()
            version = self.versions[criterion_id]
            data = {"criterion": criterion_id, "to": to, "expected_version": version}
            moved, problem = self._write(move_criterion, data)
            if moved is not None:
                self.versions[criterion_id] = moved.version
        if problem is not None:
            self.pending.clear()
        self.app.call_from_thread(self._moves_saved, problem)

    def _moves_saved(self, problem: str | None) -> None:
        self.moving = False
        if self.pending:  # pressed after the worker found nothing left to do
            self.moving = True
            self.save_moves()
            return
        if problem:
            self.notify(problem, title="RAG criteria", severity="warning")
        self.load()

    # ------------------------------------------------------------- retire

    def action_retire(self) -> None:
        """Retire the highlighted criterion, or reinstate it if it is retired."""
        if self._ready():
            self.retire(self.current)

    @work(thread=True, exclusive=True, group="criteria-retire")
    def retire(self, row: CriterionRow) -> None:
        """Save the retirement (or reinstatement) off the event loop."""
        from store.portfolio.criteria.services import reinstate_criterion, retire_criterion

        service = retire_criterion if row.active else reinstate_criterion
        saved, problem = self._write(
            service, {"criterion": row.id, "expected_version": row.version}
        )
        if saved is None:
            message = problem
        elif saved.active:
            message = f"{saved.name} reinstated at position {saved.position}."
        else:
            message = f"{saved.name} retired: its {saved.assessments} RAGs are kept."
        self.app.call_from_thread(self._retired, message)

    def _retired(self, message: str) -> None:
        self.notify(message, title="RAG criteria")
        self.load()

    def action_back(self) -> None:
        """Go back to where this screen was opened from."""
        self.app.pop_screen()
