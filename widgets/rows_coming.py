"""Keys for a list wait while the rows it will show are on their way.

Mixed into `WindowTable` and `KeyedDataTable`. Its owner calls `rows_coming` when it asks
for a new result set (a filter typed, another heat-map cell, a meeting's agenda read
again after a decision); until the row under the cursor is there, `keys_wait` is True,
and the App (`tui.key_order`) keeps keys for the table waiting, so `enter`, `e` or `d`
act on a row of the rows asked for, not on the row on screen before them (or on a
placeholder, where they did nothing). A `WindowTable` says the rows are there itself
(`reset`, `put_rows`); a `KeyedDataTable`'s owner says so (`rows_put`), having added
them. A screen whose keys act on the list whatever is focused says `keys_wait` too
(the Star Chamber meeting).
"""

from __future__ import annotations

from time import monotonic

# The longest keys for the table wait for rows asked for (a read that failed never comes).
KEYS_WAIT_AT_MOST = 10.0


class RowsComing:
    """`rows_coming`, `keys_wait`, and `_rows_ready` for the table to call."""

    rows_are_coming = False
    _rows_asked_at = 0.0

    def rows_coming(self) -> None:
        """Its owner has asked for a new result set (a filter typed): keys for the table
        wait (`keys_wait`) until `reset` or `put_rows` brings the row under the cursor."""
        self.rows_are_coming = True
        self._rows_asked_at = monotonic()

    @property
    def keys_wait(self) -> bool:
        """True while keys for the table wait (`tui.key_order`): new rows are on their
        way, and for no longer than `KEYS_WAIT_AT_MOST` (a read that failed)."""
        return self.rows_are_coming and monotonic() - self._rows_asked_at < KEYS_WAIT_AT_MOST

    def _rows_ready(self) -> None:
        """The row under the cursor is there: the keys that waited for it go on."""
        if self.rows_are_coming:
            self.rows_are_coming = False
            keys_may_go = getattr(self.app, "keys_may_go", None)  # an App keeping key order
            if keys_may_go is not None:
                keys_may_go()
