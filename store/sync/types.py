"""What the sync interface returns, its statuses and its refusals."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from store.errors import PortfolioError

PENDING = "pending"
SYNCED = "synced"
CONFLICT = "conflict"
DROPPED = "dropped"
THEIRS = "theirs"
# Journal statuses that still wait for the server.
OPEN_STATUSES = (PENDING, CONFLICT)

REAPPLY, TAKE_THEIRS, DROP = "reapply", "theirs", "drop"
HOWS = (REAPPLY, TAKE_THEIRS, DROP)


class SyncRefusedError(PortfolioError):
    """Sync (or making a replica) was refused before anything was sent: why, and what
    to do about it."""


class ServerUnreachableError(SyncRefusedError):
    """The server could not be reached, or stopped answering part-way: what was sent is
    on the server exactly once, the rest is still in the journal."""

    def __init__(self, server: str, detail: str) -> None:
        super().__init__(
            f"the server {server} could not be reached, or stopped answering ({detail}); "
            "nothing is lost and nothing will be sent twice: sync again when it is back"
        )


@dataclass(frozen=True)
class SyncStatus:
    """Where a replica stands: its server and login, operations waiting and in
    conflict, and when it last pulled (None: never synced since it was made)."""

    server: str
    login: str
    pending: int
    conflicts: int
    last_sync_at: str | None


@dataclass(frozen=True)
class SyncResult:
    """What one sync did: operations pushed, of which applied by the server now,
    already taken by an earlier (interrupted) run, and refused as conflicts; and when
    the pull finished."""

    pushed: int
    applied: int
    already: int
    conflicts: int
    pulled_at: str


@dataclass(frozen=True)
class ConflictRead:
    """An offline operation the server refused: what it was, why, my input and the
    server's values (theirs), who changed them and when, and when I made it."""

    op_id: str
    seq: int
    what: str
    reason: str
    mine: dict[str, Any]
    theirs: dict[str, Any] | None
    their_by: str | None
    their_at: str | None
    at: str

    def as_json(self) -> dict[str, Any]:
        """The conflict as a JSON object."""
        return asdict(self)
