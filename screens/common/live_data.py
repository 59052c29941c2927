"""Live refresh: a screen showing store data reads it again when someone else saves.

The App watches the database (`store.db.watch`) in a worker and, when a write lands,
posts `DataChanged` to every screen in the stack. A screen mixing in `LiveData`
(before the Screen class) then reads what it shows again in its worker, keeping its
cursor, filter and scroll position: by default as it does on coming back to the top of
the stack (`on_screen_resume`). A screen that does not mix it in ignores the message:
a form or dialog being edited is never changed under the user (its save is still
checked against the version it read), while the screen under it is brought up to date.

Such a screen reads its data as it opens, in a worker: keys typed meanwhile (`s` then
`down` `m` in one burst, on a slow database) wait until it is shown, so they act on
what the person sees (PortfolioApp.push_screen holds them; the screen's show calls
`data_shown`), not on an empty table. A screen opened with its data already read says
so with `READS_AS_IT_OPENS = False`.
"""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """A write has landed in the database since the screen last read it."""

    bubble = False  # for the screen it is posted to only


class LiveData:
    """Mixed into a screen that shows store data: re-read it on `DataChanged`."""

    READS_AS_IT_OPENS = True
    _keys_wait_for_data = False  # keys typed since it was pushed wait for its data

    def keys_wait_for_data(self) -> bool:
        """Pushed: True (keys typed from now on are to wait) if it reads as it opens."""
        self._keys_wait_for_data = self.READS_AS_IT_OPENS
        return self._keys_wait_for_data

    def data_shown(self) -> None:
        """Called as its data is put on screen: the keys that waited for it go on."""
        if self._keys_wait_for_data:
            self._keys_wait_for_data = False
            self.app.release_keys()

    def on_unmount(self) -> None:
        """Closed before its data came: the keys waiting for it go on."""
        self.data_shown()

    def on_data_changed(self, message: DataChanged) -> None:
        """Someone saved: read what the screen shows again."""
        message.stop()
        self.reload_live()

    def reload_live(self) -> None:
        """Read the screen's data again, keeping the cursor (worker thread reads)."""
        self.on_screen_resume()
