"""The portfolio list answers filter keystrokes from memory (`store.portfolio.list_index`).

`IndexedList` is mixed into `PortfolioListScreen` (before the Screen class). It loads
the index in a worker as soon as the list's first rows are shown, while the user reads
them (about 0.25 s at 10,000 initiatives, 2.5 s at 100,000; a keystroke before it is
there is answered by SQL). From then on a change of filter the index covers is shown at
once on the event loop, in the same frame as the key that made it, with no query.
Coming back to the list, or someone saving (live refresh), drops the index: that read
goes through SQL as before, and the index is loaded again at the next `/` or change of
filter, so the filter never sees old data. That load is the one kept in the store
(`kept_index`) while the audit chain says nothing has changed since: coming back from a
detail screen where nothing was saved, the filter answers from memory at once. A load
overtaken by a newer drop is thrown away.
"""

from __future__ import annotations

from typing import Any

from textual import work

from store.portfolio.list_index import PortfolioIndex, kept_index
from store.portfolio.queries import PortfolioQuery


class IndexedList:
    """The portfolio list's in-memory index: loading, dropping and answering from it."""

    PAGE: int
    _index: PortfolioIndex | None = None
    _index_serial = 0  # bumped by each drop; a load for an older one is discarded
    _index_loading = -1  # the serial of the load under way

    def drop_index(self) -> None:
        """The data may have changed: forget the index (loaded again when next filtering)."""
        self._index_serial += 1
        self._index = None

    def ensure_index(self) -> None:
        """Load the index in a worker unless it is there or on its way."""
        if self._index is None and self._index_loading != self._index_serial:
            self._index_loading = self._index_serial
            self.load_index(self._index_serial)

    @work(thread=True, group="portfolio-index")
    def load_index(self, serial: int) -> None:
        """Read the whole list into memory, off the event loop. A head start only: if it
        fails (the database busy or gone), the filter goes on through SQL, which says
        what is wrong, and the next `/` tries again."""
        store = self.app.store
        try:
            with store.reading() as connection:
                index = kept_index(store.kept, connection)
        except Exception as error:  # a head start only (see the docstring)
            self.app.log.error(f"reading the portfolio list into memory: {error!r}")
            self.app.call_from_thread(self._index_failed, serial)
            return
        self.app.call_from_thread(self._take_index, serial, index)

    def _index_failed(self, serial: int) -> None:
        if self._index_loading == serial:
            self._index_loading = -1

    def _take_index(self, serial: int, index: PortfolioIndex) -> None:
        if serial == self._index_serial:
            self._index = index

    def indexed_window(self, query: Any, start: int, count: int) -> list | None:
        """`count` of the rows `query` shows, from `start`, from the index; None when it
        cannot say."""
        index = self._index
        if index is None or not index.covers(query):
            return None
        return index.window(query, start, count)

    def show_from_index(self, query: PortfolioQuery, keep_code: str | None) -> bool:
        """Show `query`'s rows from the index, keeping `keep_code` under the cursor if
        shown; False (nothing done) when the index cannot answer it."""
        index = self._index
        if index is None or not index.covers(query):
            return False
        summary = index.summary(query)
        cursor = index.position(query, keep_code) or 0
        start = max(0, cursor - self.PAGE // 2)
        window = index.window(query, start, self.PAGE)
        self._serial += 1  # answers of queries asked before this one are not shown
        self._cursor_when_asked = self.table.cursor if self.summary is not None else 0
        empty = summary.total == 0 and index.empty
        self.show(self._serial, summary, start, window, cursor, index.period, empty=empty)
        return True
