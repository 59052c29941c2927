"""Keeping the app's costly whole-register reads ready (`store.kept`).

The portfolio benefits view judges every benefit in the register to count those behind
their profile: a third of a second at 10,000 initiatives. The app works it out once in
the background after start-up (`warm_kept_reads`, from the warm-up worker), and again a
moment after each change (`kept_reads_changed`, from live refresh), so that `B` opens
as quickly as an initiative does. A read that fails here is left for the view to read,
and to report, when it is opened.
"""

from __future__ import annotations

from contextlib import suppress

from textual import work
from textual.timer import Timer

from store.errors import PortfolioError

# After a change, how long to wait for the rest of a burst of saves (a form's save, the
# Response to Red it opens) before working the kept reads out again.
KEPT_REFRESH_DELAY = 2.0


class KeptReads:
    """Mixed into the App: start and refresh the reads `store.kept` holds."""

    _kept_timer: Timer | None = None

    def warm_kept_reads(self) -> None:
        """Work out the kept reads for the first time (in the warm-up worker thread)."""
        from screens.benefits.portfolio_benefits import read_kept_view

        # On failure the view reads for itself, and says what went wrong, when opened.
        with suppress(PortfolioError, self.store.backend.error_type):
            read_kept_view(self.store)

    def kept_reads_changed(self) -> None:
        """Someone saved: refresh what is kept once the burst of saves is over."""
        if not self.store.kept:
            return
        if self._kept_timer is not None:
            self._kept_timer.stop()
        self._kept_timer = self.set_timer(KEPT_REFRESH_DELAY, self.refresh_kept_reads)

    @work(thread=True, exclusive=True, group="kept-reads", exit_on_error=False)
    def refresh_kept_reads(self) -> None:
        """Work out again, off the event loop, whatever is kept and out of date."""
        with self.store.reading() as connection:
            self.store.kept.refresh(connection)
