"""The first screen's rows, read in a thread while the app starts (`tui.cli`, `tui.app`).

Starting the app is a few hundred milliseconds of imports and layout, all holding
Python's lock. The list's first read is mostly SQLite's (or the server's) own work,
which lets go of it, so it runs beside them on another core. When the list is
mounted its rows are usually there already, and they go into its first frame rather
than a frame later; when they are not, the list waits for this read rather than making
it again.

The read is made before the app starts watching for saves. A save that lands in between
is caught once the watcher is up: the audit chain's head then is compared with the
one the read was made after (`changed_since`), and the app reads again if they differ.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from store.kept import chain_head

WAIT_AT_MOST = 30.0  # seconds a screen waits for the read before making its own

log = logging.getLogger(__name__)


class FirstRead:
    """`read(connection)` on `store`, started at once in a daemon thread."""

    def __init__(self, store, read: Callable[[Any], Any]) -> None:
        self._done = threading.Event()
        self.value: Any = None
        thread = threading.Thread(
            target=self._run, args=(store, read), name="first-read", daemon=True
        )
        thread.start()

    def _run(self, store, read: Callable[[Any], Any]) -> None:
        try:
            with store.reading() as connection:
                self.value = read(connection)
        except Exception:  # the screen makes the read itself, and reports what fails
            log.exception("the first read failed; the screen reads for itself")
        finally:
            self._done.set()

    def ready(self) -> Any:
        """What was read, if it is done (None: not yet, or it failed)."""
        return self.value if self._done.is_set() else None

    def wait(self, timeout: float = WAIT_AT_MOST) -> Any:
        """What was read, once it is done (None: it failed, or took too long). In a
        worker or the watcher's thread, never on the event loop."""
        self._done.wait(timeout)
        return self.value

    def changed_since(self, store) -> bool:
        """True when the record has changed since the read (its audit chain's head
        differs), so what was read is out of date; True too when that cannot be read.
        Waits for the read (in the watcher's thread)."""
        value = self.wait()
        if value is None:
            return False
        try:
            with store.reading() as connection:
                return chain_head(connection) != value.head
        except Exception:  # cannot tell: the screens read again, and say what fails
            log.exception("could not read the audit chain's head after the first read")
            return True
