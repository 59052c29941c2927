"""Where a replica stands: `sync_status(store)`, for the title bar and the CLI."""

from __future__ import annotations

from store.db.dialect import missing_object
from store.sync.replica import read_state
from store.sync.types import CONFLICT, PENDING, SyncStatus


def sync_status(store) -> SyncStatus | None:
    """The replica's server, login, operations pending and in conflict, and when it
    last synced (None before its first sync); None when `store` is not a replica."""
    with store.reading() as connection:
        try:
            state = read_state(connection)
        except Exception as error:
            if missing_object(error):  # a database from before replicas existed
                return None
            raise
        if state is None:
            return None
        counts = dict(
            connection.execute(
                "SELECT status, count(*) FROM sync_journal GROUP BY status"
            ).fetchall()
        )
    synced = state.pulled_at if state.pulled_at != state.created_at else None
    return SyncStatus(
        server=state.server,
        login=state.login,
        pending=counts.get(PENDING, 0),
        conflicts=counts.get(CONFLICT, 0),
        last_sync_at=synced,
    )
