"""SQLModel tables. Importing this package registers every table on `SQLModel.metadata`."""

from store.models.audit import AuditEvent
from store.models.portfolio import (
    BusinessGroup,
    CurrentRag,
    Initiative,
    RagAssessment,
    RagCriterion,
    Setting,
)

__all__ = [
    "AuditEvent",
    "BusinessGroup",
    "CurrentRag",
    "Initiative",
    "RagAssessment",
    "RagCriterion",
    "Setting",
]
