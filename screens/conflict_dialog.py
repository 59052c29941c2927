"""The conflict dialog: a save was refused because someone else saved the record first.

It shows, field by field, the user's value and the value now in the database, and who
made the other change and when (from the audit log). `a` (or `ctrl+s`) re-applies the
user's changes over theirs and saves; `r` (or `ctrl+r`) reloads theirs into the form;
`escape` goes back to the form holding theirs with the user's changes on top, unsaved.
Nothing typed is lost: the form keeps it until the user chooses.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from store.concurrency import LastChange

REAPPLY = "reapply"
RELOAD = "reload"


def conflict_table(rows: list[tuple[str, str, str]]) -> Table:
    """Field, your value, current value: one row per field that differs."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Field", width=18, no_wrap=True)
    table.add_column("Your value", width=32)
    table.add_column("Current value", width=32)
    for label, yours, theirs in rows:
        table.add_row(label, yours or "—", theirs or "—")
    return table


def differing_rows(
    labels: dict[str, str], mine: dict[str, str], theirs: dict[str, str]
) -> list[tuple[str, str, str]]:
    """(label, your value, current value) for each field, in `labels` order, that differs."""
    return [
        (label, mine.get(name, ""), theirs.get(name, ""))
        for name, label in labels.items()
        if mine.get(name, "") != theirs.get(name, "")
    ]


class ConflictDialog(ModalScreen[str | None]):
    """Your value against the current one; reload theirs or re-apply yours."""

    CSS_PATH = "conflict_dialog.tcss"
    HELP_TITLE = "Someone else saved first"
    HELP = """
Someone else saved this record after you opened it, so your save was refused rather
than overwrite their change. The table shows each field where your value and the
value now saved differ, and the line above it says who saved and when (from the
audit log).

`a` or `ctrl+s` re-applies yours: your changes go over theirs and are saved.
`r` or `ctrl+r` reloads: the form takes their values (yours are dropped).
`escape` goes back to the form with their changes and yours on top, unsaved.
"""

    BINDINGS = [
        Binding("a,ctrl+s", "choose('reapply')", "Re-apply mine", priority=True),
        Binding("r,ctrl+r", "choose('reload')", "Reload theirs"),
        Binding("escape", "choose(None)", "Back to the form"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(
        self, kind: str, rows: list[tuple[str, str, str]], change: LastChange | None
    ) -> None:
        super().__init__()
        self.kind = kind
        self.rows = rows
        self.change = change

    def compose(self) -> ComposeResult:
        who = self.change.describe if self.change else "someone else"
        with Vertical(id="conflict"):
            yield Static(
                Text(f"Not saved: this {self.kind} was changed by {who}", style="bold"),
                id="conflict-title",
            )
            if self.change is not None and self.change.os_user != self.change.actor:
                yield Static(f"(OS login {self.change.os_user})", id="conflict-who")
            if self.rows:
                yield Static(conflict_table(self.rows), id="conflict-table")
            else:
                yield Static("Your values and theirs are the same.", id="conflict-table")
            yield Static(
                "a re-apply mine and save · r reload theirs · escape back to the form",
                id="conflict-keys",
            )
        yield Footer()

    def action_choose(self, choice: str | None) -> None:
        """Close with the user's choice."""
        self.dismiss(choice)
