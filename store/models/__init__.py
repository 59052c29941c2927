"""SQLModel tables. Importing this package registers every table on `SQLModel.metadata`."""

from store.models.audit import AuditEvent
from store.models.benefits import Benefit, BenefitMeasurement, DeliveryConfidence, RedResponse
from store.models.front_door import Proposal, ProposalDecision, ProposalTriage
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
from store.models.recommendations import Recommendation
from store.models.star_chamber import (
    ScAgendaItem,
    ScDecision,
    ScDepartureGroup,
    ScDepartureScheme,
    ScDisplaced,
    ScEngagement,
    ScEstablishment,
    ScMeeting,
    ScRequest,
)
from store.models.sync import ReplicaArchive, ReplicaState, SyncApplied, SyncIdentity, SyncJournal
from store.models.users import AppUser

__all__ = [
    "AppUser",
    "AuditEvent",
    "Benefit",
    "BenefitMeasurement",
    "BusinessGroup",
    "CurrentRag",
    "DeliveryConfidence",
    "Dependency",
    "Initiative",
    "Milestone",
    "Proposal",
    "ProposalDecision",
    "ProposalTriage",
    "RagAssessment",
    "RagCriterion",
    "Recommendation",
    "RedResponse",
    "ReplicaArchive",
    "ReplicaState",
    "Risk",
    "SavingsCell",
    "SavingsLine",
    "SavingsLineInitiative",
    "SavingsYear",
    "ScAgendaItem",
    "ScDecision",
    "ScDepartureGroup",
    "ScDepartureScheme",
    "ScDisplaced",
    "ScEngagement",
    "ScEstablishment",
    "ScMeeting",
    "ScRequest",
    "Setting",
    "SyncApplied",
    "SyncIdentity",
    "SyncJournal",
]
