"""Laptop replicas and their sync: what a replica knows of its server, the journal of
what was done offline, the identity of records made offline, and on the server the
operations it has taken (exactly once) and the laptops' archived chains."""

from sqlmodel import Field, SQLModel


class ReplicaState(SQLModel, table=True):
    """The one row of a replica file: its server, login, schema and last pull. A
    database with no row here is not a replica."""

    __tablename__ = "replica_state"

    id: int | None = Field(default=None, primary_key=True)
    replica: str  # a uuid naming this laptop copy on the server
    server: str  # the server URL, without a password
    login: str
    schema_version: str
    created_at: str
    pulled_at: str
    server_event_id: int  # the server chain's last event at the pull
    server_hash: str
    # Set while a sync takes the server's register in: writes wait for it to finish.
    pulling_since: str | None = None


class SyncJournal(SQLModel, table=True):
    """One guarded service call made on the replica: the intention to replay on the
    server. status: pending, synced, conflict, dropped (or theirs: the server's kept)."""

    __tablename__ = "sync_journal"

    seq: int | None = Field(default=None, primary_key=True)
    op_id: str = Field(unique=True)
    service: str
    input_json: str
    actor: str
    offline_at: str
    status: str = "pending"
    reason: str | None = None
    what: str = ""
    effects_json: str = "{}"  # created / touched records and the version seen
    result_json: str | None = None
    theirs_json: str | None = None
    force: bool = False


class SyncIdentity(SQLModel, table=True):
    """A record made offline by op `op_id`: its local identity and, once the server has
    taken the op, the server's (id or reference)."""

    __tablename__ = "sync_identity"

    id: int | None = Field(default=None, primary_key=True)
    op_id: str = Field(index=True)
    entity: str
    local_id: str
    server_id: str | None = None


class SyncApplied(SQLModel, table=True):
    """On the server: an offline operation taken, once, with what it produced."""

    __tablename__ = "sync_applied"

    op_id: str = Field(primary_key=True)
    replica: str
    login: str
    offline_at: str
    applied_at: str
    result_json: str


class ReplicaArchive(SQLModel, table=True):
    """On the server: a laptop's local audit events since its last pull, kept with the
    hash they started from and ended at, so `check` can show them and verify them."""

    __tablename__ = "replica_archive"

    id: int | None = Field(default=None, primary_key=True)
    replica: str
    login: str
    base_hash: str
    final_hash: str
    events: int
    events_json: str
    archived_at: str
