"""`enter` on a list opens the initiative of the row under its cursor, at once.

`OPEN_ROW` is a priority key on the screen, enabled only while the list (`OPEN_FROM`)
has focus; in a filter box or on another table, `enter` is theirs. A priority key is
answered as the key is handed on, so the hold on keys (`tui.key_order`) starts before
the next key of the same burst: `enter` `3` opens the detail on its risks tab. The
table's own `enter` answered in a `RowSelected` message, which the `3` overtook to the
list. A click still opens through the screen's `RowSelected` handler.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding

OPEN_ROW = Binding("enter", "open", "Open", priority=True)


class OpensRow:
    """Mixed into a screen (before Screen) with `OPEN_ROW` among its bindings."""

    OPEN_FROM: ClassVar[str]  # the id of the list whose rows open

    def code_of(self, row: Any) -> str:
        """The code of the initiative a row of the list is about."""
        return row.code

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`enter` opens only from the list."""
        if action == "open":
            return self.focused is self.query_one(f"#{self.OPEN_FROM}")
        return super().check_action(action, parameters)

    def action_open(self) -> None:
        """Open the initiative under the list's cursor (a key typed while the list's rows
        are on their way waits for them: `widgets.rows_coming`)."""
        row = self.query_one(f"#{self.OPEN_FROM}").current_row
        if row is not None:
            self.app.open_initiative(self.code_of(row))
