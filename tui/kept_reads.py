"""Keeping the app's costly whole-register reads ready (`store.kept`).

The portfolio benefits view judges every benefit in the register to count those behind
their profile: a third of a second at 10,000 initiatives. The app works it out once in
the background after start-up (`warm_kept_reads`, from the warm-up worker), and again a
moment after each change live refresh reports, anyone's (`kept_reads_changed`), so that
`B` opens as quickly as an initiative does. That is one background read per burst of
saves in each open app, once the view has been worked out in it. This work is only a
head start: if it fails, nothing is kept, and the view reads for itself when opened.
"""

from __future__ import annotations

from textual import work
from textual.timer import Timer

# After a change, how long to wait for the rest of a burst of saves (a form's save, the
# Response to Red it opens) before working the kept reads out again.
KEPT_REFRESH_DELAY = 2.0


class KeptReads:
    """Mixed into the App: start and refresh the reads `store.kept` holds."""

    _kept_timer: Timer | None = None

    def warm_kept_reads(self) -> None:
        """Work out the kept reads, unless kept and current (in a worker thread). A
        failure is logged, never raised: the app must not stop for a head start."""
        from screens.benefits.portfolio_benefits import read_kept_view

        try:
            read_kept_view(self.store)
        except Exception as error:  # a head start only (see the docstring)
            self.log.error(f"working out the portfolio benefits view ahead: {error!r}")

    def kept_reads_changed(self) -> None:
        """Someone saved: work the view out again once the burst of saves is over, if it
        has been worked out in this app (the portfolio list's index, also kept, is read
        again only when the list next filters)."""
        from screens.benefits.portfolio_benefits import KEPT_AS

        if not self.store.kept.holds(KEPT_AS):
            return
        if self._kept_timer is not None:
            self._kept_timer.stop()
        self._kept_timer = self.set_timer(KEPT_REFRESH_DELAY, self.refresh_kept_reads)

    @work(thread=True, exclusive=True, group="kept-reads")
    def refresh_kept_reads(self) -> None:
        """Work the kept reads out again for the data as it is now, off the event loop."""
        self.warm_kept_reads()
