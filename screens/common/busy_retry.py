"""What a form does when a save finds another process holding the database's write lock:
say "Database busy", keep everything typed, and try again every second until it lands;
`ctrl+s` retries at once and `escape` stops the retrying (a second `escape` leaves).

Shared by the record forms, the front door's proposal, triage and decision forms, the
Star Chamber's forms, the RAG editor and the savings table (whose save key is `enter`):
a screen mixes in `BusyRetry`, calls `retry_when_busy()` when its save raises
`DatabaseBusyError`, calls `_stop_retry()` before each save and on `escape`, keeps
`self.saving` True while an attempt is under way, closes with `finish(result)` when a
save lands, and has an `action_save`.

The retrying pauses while another screen (the command palette, a dialog) is over the
form and resumes when the form is back; a save that lands meanwhile closes the form
only once it is on top again, so it never closes the screen over it. `escape` while an
attempt is under way lets that attempt finish: if it lands, the form closes as saved;
if the database is still busy, the retrying stops there.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.timer import Timer

BUSY_RETRY_SECONDS = 1.0
_NOTHING = object()


def busy_message(save_key: str = "ctrl+s") -> Text:
    """What the form says while the database is busy."""
    message = Text("Database busy", style="bold")
    message.append(
        ": another process is writing, so nothing was saved yet. Retrying every second; "
        f"{save_key} retries now, escape stops retrying (what you typed stays)."
    )
    return message


def stopped_message(save_key: str = "ctrl+s") -> str:
    """What the form says once the user has stopped the retrying."""
    return f"Not saved: stopped retrying. {save_key} tries again."


class BusyRetry:
    """A pending automatic retry of a save refused because the database was busy."""

    busy_retry: Timer | None = None
    SAVE_KEY = "ctrl+s"  # the key that saves, named in the busy message
    stop_requested = False  # escape was pressed while an attempt was under way
    retry_on_resume = False  # a retry was pending when another screen covered this one
    landed: Any = _NOTHING  # a save that landed while another screen was on top
    retrying = False  # the save under way is an automatic retry

    def retry_when_busy(self) -> Text:
        """Retry the save in a second; returns the message to show meanwhile (or, if
        the user asked to stop during this attempt, that it has stopped)."""
        if self.stop_requested:
            self.stop_requested = False
            return Text(stopped_message(self.SAVE_KEY))
        self.busy_retry = self.set_timer(BUSY_RETRY_SECONDS, self._retry)
        return busy_message(self.SAVE_KEY)

    def _retry(self) -> None:
        self.busy_retry = None
        self.retrying = True  # the busy message stays up while this attempt runs
        try:
            self.action_save()
        finally:
            self.retrying = False

    def _stop_retry(self) -> bool:
        """Cancel a pending automatic retry, or (escape during an attempt) make the
        attempt under way the last; True if either. With neither, forget an earlier
        request to stop, as a new save is starting."""
        if self.busy_retry is not None:
            self.busy_retry.stop()
            self.busy_retry = None
            return True
        if getattr(self, "saving", False):
            self.stop_requested = True
            return True
        self.stop_requested = False
        return False

    def finish(self, result: Any) -> None:
        """Close the form with what was saved, now if it is on top, else once it is."""
        if self.is_current:
            self.dismiss(result)
        else:
            self.landed = result

    def on_screen_suspend(self) -> None:
        """Another screen is on top: hold the retrying until this one is back."""
        if self.busy_retry is not None:
            self.busy_retry.stop()
            self.busy_retry = None
            self.retry_on_resume = True

    def on_screen_resume(self) -> None:
        """Back on top: close if a save landed meanwhile, else go on retrying."""
        if self.landed is not _NOTHING:
            result, self.landed = self.landed, _NOTHING
            self.dismiss(result)
        elif self.retry_on_resume:
            self.retry_on_resume = False
            self.busy_retry = self.set_timer(BUSY_RETRY_SECONDS, self._retry)
