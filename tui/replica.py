"""The App's side of a laptop replica (issue 17): the title bar's sync badge, and the
Sync and Conflicts actions, offered only when the database is a replica.

Where the replica stands (`store.sync.status.sync_status`) is read in a worker when
the app starts, after each write the watcher reports and after each sync; a database
that is not a replica is read once and shows nothing. After a sync the pulled
register has replaced the file, so the watcher starts again on it and every screen
reads its data again.
"""

from __future__ import annotations

import threading

from textual import work

from screens.sync.status_notes import sync_notes
from store import clock
from store.errors import PortfolioError
from store.sync.types import SyncStatus
from store.users.read_models import Standing

REPLICA_ACTIONS = ("sync", "sync_conflicts")


class ReplicaSync:
    """Mixed into the App (before it)."""

    sync_status: SyncStatus | None = None
    _sync_read = False  # read at least once

    def refresh_sync(self, *, standing: bool = False) -> None:
        """Read where the replica stands again (not for a database known not to be
        one); with `standing`, who the user is too (a sync pulled the users table)."""
        if self.sync_status is not None or not self._sync_read:
            self.read_sync_status(standing)

    @work(thread=True, exclusive=True, group="sync-status")
    def read_sync_status(self, standing: bool = False) -> None:
        """Read the replica's standing (and the user's) off the event loop, for the
        title bar."""
        from store.sync.status import sync_status

        try:
            status = sync_status(self.store)
            who = self.read_standing() if standing else None
        except (PortfolioError, self.store.backend.error_type):
            return  # the database went away meanwhile: the next write reads it again
        self.call_from_thread(self.show_sync_status, status, who)

    def show_sync_status(self, status: SyncStatus | None, who: Standing | None = None) -> None:
        """Put the replica's standing in the title bar; offer Sync when it is one."""
        self._sync_read = True
        self.sync_status = status
        self.sync_notes = sync_notes(status, clock.today())
        if who is not None:
            self.show_standing(who)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Sync and Conflicts only on a replica (hidden everywhere else)."""
        if action in REPLICA_ACTIONS:
            return self.sync_status is not None
        return True

    def action_sync(self) -> None:
        """Sync with the server, with a progress bar."""
        from screens.sync.sync_run import SyncScreen

        if not isinstance(self.screen, SyncScreen):
            self.push_screen(SyncScreen())

    def action_sync_conflicts(self) -> None:
        """Open the operations the server refused."""
        from screens.sync.conflicts import ConflictsScreen

        if not isinstance(self.screen, ConflictsScreen):
            self.push_screen(ConflictsScreen())

    def stop_watching(self) -> threading.Thread | None:
        """Stop watching the file (a sync is about to replace it, and the watcher's
        connection would keep the old one open); the watcher's thread, to wait for."""
        if self._stop_watching is None:
            return None
        self._stop_watching.set()
        return self._watcher

    def synced(self) -> None:
        """A sync ended: watch the (pulled) file again, and have everything read again."""
        if self._live:
            self.watch_database()
        self.data_changed(standing=True)
