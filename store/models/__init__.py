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
from store.models.programme import (
    Dependency,
    Milestone,
    Risk,
    SavingsCell,
    SavingsLine,
    SavingsLineInitiative,
    SavingsYear,
)

__all__ = [
    "AuditEvent",
    "BusinessGroup",
    "CurrentRag",
    "Dependency",
    "Initiative",
    "Milestone",
    "RagAssessment",
    "RagCriterion",
    "Risk",
    "SavingsCell",
    "SavingsLine",
    "SavingsLineInitiative",
    "SavingsYear",
    "Setting",
]
