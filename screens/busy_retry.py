"""What a form does when a save finds another process holding the database's write lock:
say "Database busy", keep everything typed, and try again every second until it lands;
`ctrl+s` retries at once and `escape` stops the retrying (a second `escape` leaves).

Shared by the record forms, the front door's proposal form, the Star Chamber's forms
and the savings table (whose save key is `enter`): a screen mixes in
`BusyRetry`, calls `retry_when_busy()` when its save raises `DatabaseBusyError`, calls
`_stop_retry()` before each save and on `escape`, and has an `action_save`.
"""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer

BUSY_RETRY_SECONDS = 1.0


def busy_message(save_key: str = "ctrl+s") -> Text:
    """What the form says while the database is busy."""
    message = Text("Database busy", style="bold")
    message.append(
        ": another process is writing, so nothing was saved yet. Retrying every second; "
        f"{save_key} retries now, escape stops retrying (what you typed stays)."
    )
    return message


class BusyRetry:
    """A pending automatic retry of a save refused because the database was busy."""

    busy_retry: Timer | None = None
    SAVE_KEY = "ctrl+s"  # the key that saves, named in the busy message

    def retry_when_busy(self) -> Text:
        """Retry the save in a second; returns the message to show meanwhile."""
        self.busy_retry = self.set_timer(BUSY_RETRY_SECONDS, self._retry)
        return busy_message(self.SAVE_KEY)

    def _retry(self) -> None:
        self.busy_retry = None
        self.action_save()

    def _stop_retry(self) -> bool:
        """Cancel a pending automatic retry; True if there was one."""
        if self.busy_retry is None:
            return False
        self.busy_retry.stop()
        self.busy_retry = None
        return True
