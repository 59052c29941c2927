"""Live refresh: a screen showing store data reads it again when someone else saves.

The App watches the database (`store.db.watch`) in a worker and, when a write lands,
posts `DataChanged` to every screen in the stack. A screen mixing in `LiveData`
(before the Screen class) then reads what it shows again in its worker, keeping its
cursor, filter and scroll position: by default as it does on coming back to the top of
the stack (`on_screen_resume`). A screen that does not mix it in ignores the message:
a form or dialog being edited is never changed under the user (its save is still
checked against the version it read), while the screen under it is brought up to date.
"""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """A write has landed in the database since the screen last read it."""

    bubble = False  # for the screen it is posted to only


class LiveData:
    """Mixed into a screen that shows store data: re-read it on `DataChanged`."""

    def on_data_changed(self, message: DataChanged) -> None:
        """Someone saved: read what the screen shows again."""
        message.stop()
        self.reload_live()

    def reload_live(self) -> None:
        """Read the screen's data again, keeping the cursor (worker thread reads)."""
        self.on_screen_resume()
