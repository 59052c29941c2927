"""The app's conflict dialog (`screens.common.conflict_dialog`) for an operation the
server refused at sync: what I did offline against what the server holds now, who
changed it there and when, and why it was refused; `a` re-applies mine on top of
theirs, `r` takes theirs, `d` drops mine, `escape` goes back to the list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.binding import Binding

from screens.common import conflict_dialog
from screens.common.conflict_dialog import RELOAD, ConflictDialog, differing_rows
from screens.common.conflict_source import as_text
from store.concurrency import LastChange
from store.sync.types import DROP, REAPPLY, TAKE_THEIRS, ConflictRead

MINE_AND_SERVER = ("Yours (offline)", "On the server now")
LONGEST = 60  # characters of a value only the server's record has, to be shown
# The dialog's answer -> how `store.sync.conflicts.resolve_conflict` resolves it.
HOW = {conflict_dialog.REAPPLY: REAPPLY, RELOAD: TAKE_THEIRS, DROP: DROP}


def field_label(name: str) -> str:
    """`held_on` -> `Held on`."""
    return name.replace("_", " ").capitalize()


def worth_showing(name: str, value: Any) -> bool:
    """A field of the server's record that only it has, shown beside mine when it says
    something to a person: not an id, not a JSON blob, not a long text."""
    short = len(as_text(value)) <= LONGEST
    return short and name != "id" and not name.endswith(("_id", "_json"))


def conflict_rows(conflict: ConflictRead) -> list[tuple[str, str, str]]:
    """(field, mine, theirs) for each field that differs: mine's fields first, then the
    server's own that are worth showing."""
    theirs: dict[str, Any] = conflict.theirs or {}
    names = list(conflict.mine) + [
        name
        for name, value in theirs.items()
        if name not in conflict.mine and worth_showing(name, value)
    ]
    return differing_rows(
        {name: field_label(name) for name in names},
        {name: as_text(value) for name, value in conflict.mine.items()},
        {name: as_text(value) for name, value in theirs.items()},
    )


def their_change(conflict: ConflictRead) -> LastChange | None:
    """Who changed the record on the server and when, as the dialog names it."""
    if not (conflict.their_by and conflict.their_at):
        return None
    by = conflict.their_by
    return LastChange(actor=by, os_user=by, host="", occurred_at=conflict.their_at, action="")


class SyncConflictDialog(ConflictDialog):
    """Mine offline against theirs on the server: re-apply, take theirs or drop mine."""

    CSS_PATH = [
        str(Path(conflict_dialog.__file__).with_name("conflict_dialog.tcss")),
        "conflict_dialog.tcss",
    ]
    HELP_TITLE = "The server refused this at sync"
    HELP = """
You did this on the laptop while offline; at sync the server refused it, for the
reason shown (someone changed the record first, the request was withdrawn or decided
meanwhile, a code was taken, your role changed). The table shows your values against
the server's now, and the line above it who changed it there and when.

`a` re-applies yours on top of theirs: it is sent again, against the record as it is
now (it can be refused again, saying why). `r` takes theirs: yours is set aside and
the server's stands. `d` drops yours. `escape` goes back to the list, deciding nothing.
"""

    BINDINGS = [
        Binding("r,ctrl+r", "choose('reload')", "Take theirs"),
        Binding("d", "choose('drop')", "Drop mine"),
        Binding("escape", "choose(None)", "Back to the list"),
    ]

    def __init__(self, conflict: ConflictRead) -> None:
        super().__init__(
            conflict.what, conflict_rows(conflict), their_change(conflict), headings=MINE_AND_SERVER
        )
        self.conflict = conflict

    def heading(self) -> Text:
        """What was refused, why, and who changed it on the server."""
        text = Text(f"Not synced: {self.kind}", style="bold")
        text.append(f"\nRefused: {self.conflict.reason}")
        if self.change is not None:
            text.append(f"\nChanged on the server by {self.change.describe}", style="")
        return text

    def keys_line(self) -> str:
        """The keys of this dialog."""
        return "a re-apply mine on top of theirs · r take theirs · d drop mine · escape back"
