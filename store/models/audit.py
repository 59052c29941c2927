"""The append-only audit log, chained by hashes."""

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class AuditEvent(SQLModel, table=True):
    """One change to one record: who, when, what, before and after, and the hash chain."""

    __tablename__ = "audit_event"
    # Added by 0005_programme_depth: an initiative's History tab reads its events by entity.
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)

    id: int = Field(primary_key=True)
    occurred_at: str
    actor: str
    os_user: str = ""
    host: str = ""
    entity: str
    entity_id: str
    action: str
    before_json: str | None = None
    after_json: str | None = None
    reason: str | None = None
    prev_hash: str
    hash: str = Field(unique=True)
