"""The conflict dialog: a save was refused because someone else saved the record first.

It shows, field by field, the user's value and the value now in the database, and who
made the other change and when (from the audit log). `a` (or `ctrl+s`) re-applies the
user's changes over theirs and saves; `r` (or `ctrl+r`) reloads theirs into the form;
`escape` goes back to the form holding theirs with the user's changes on top, unsaved.
Nothing typed is lost: the form keeps it until the user chooses. Where re-applying
cannot work (the meeting is closed, the person has left, the decision is final) the
dialog offers only to take theirs or go back. A form whose rows compare the record as
it was opened with now, rather than the user's values, names its columns so.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from store.concurrency import LastChange
from widgets.footer import Footer
from widgets.plain_text import Static, Table

REAPPLY = "reapply"
RELOAD = "reload"
YOURS_AND_CURRENT = ("Your value", "Current value")
OPENED_AND_NOW = ("When you opened it", "Now")


def conflict_table(
    rows: list[tuple[str, str, str]], headings: tuple[str, str] = YOURS_AND_CURRENT
) -> Table:
    """Field, your value, current value (or as opened, now): one row per field that
    differs."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Field", width=18, no_wrap=True)
    table.add_column(headings[0], width=32)
    table.add_column(headings[1], width=32)
    for label, yours, theirs in rows:
        table.add_row(label, yours or "—", theirs or "—")
    return table


def differing_rows(
    labels: dict[str, str], mine: dict[str, str], theirs: dict[str, str], *, keep_all=False
) -> list[tuple[str, str, str]]:
    """(label, your value, current value) for each field, in `labels` order, that differs
    (every field, with `keep_all`)."""
    return [
        (label, mine.get(name, ""), theirs.get(name, ""))
        for name, label in labels.items()
        if keep_all or mine.get(name, "") != theirs.get(name, "")
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

`a` or `ctrl+s` re-applies yours: your changes go over theirs and are saved. It is
not offered where it cannot work: a closed meeting, a person who has left the list,
an engagement that has ended, a final decision.
`r` or `ctrl+r` reloads: the form takes their values (yours are dropped).
`escape` goes back to the form with their changes and yours on top, unsaved.

The decision forms compare the proposal or request as you opened it with how it is
now; what you typed stays in the form, and re-apply records it against the new state.
"""

    BINDINGS = [
        Binding("a,ctrl+s", "choose('reapply')", "Re-apply mine", priority=True),
        Binding("r,ctrl+r", "choose('reload')", "Reload theirs"),
        Binding("escape", "choose(None)", "Back to the form"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(
        self,
        kind: str,
        rows: list[tuple[str, str, str]],
        change: LastChange | None,
        *,
        can_reapply: bool = True,
        headings: tuple[str, str] = YOURS_AND_CURRENT,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.rows = rows
        self.change = change
        self.can_reapply = can_reapply
        self.headings = headings

    def heading(self) -> Text:
        """The dialog's first line: what was not saved, and who changed it."""
        who = self.change.describe if self.change else "someone else"
        return Text(f"Not saved: this {self.kind} was changed by {who}", style="bold")

    def keys_line(self) -> str:
        """The line under the table naming the keys."""
        keys = "r reload theirs · escape back to the form"
        if self.can_reapply:
            return "a re-apply mine and save · " + keys
        return "It can no longer be saved as it was · " + keys

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict"):
            yield Static(self.heading(), id="conflict-title")
            if self.change is not None and self.change.os_user != self.change.actor:
                yield Static(f"(OS login {self.change.os_user})", id="conflict-who")
            if self.rows:
                yield Static(conflict_table(self.rows, self.headings), id="conflict-table")
            else:
                yield Static("Your values and theirs are the same.", id="conflict-table")
            yield Static(self.keys_line(), id="conflict-keys")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Re-apply is offered only where it can work."""
        if action == "choose" and parameters and parameters[0] == REAPPLY:
            return self.can_reapply
        return True

    def action_choose(self, choice: str | None) -> None:
        """Close with the user's choice."""
        self.dismiss(choice)


class ReapplyOrReload:
    """What a form does with the dialog's answer: re-apply saves theirs with this user's
    changes on top (`action_save`), reload takes theirs only (`action_revert`), and
    escape leaves the merged values in the form to look at."""

    def _conflict_chosen(self, choice: str | None) -> None:
        if choice == REAPPLY:
            self.action_save()
        elif choice == RELOAD:
            self.action_revert()
