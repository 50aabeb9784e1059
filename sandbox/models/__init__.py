"""Typed SQLAlchemy models, one module per aggregate."""

from sandbox.models.certificate import Certificate
from sandbox.models.cohort import Cohort, Enrolment
from sandbox.models.feedback import Feedback, FeedbackEvent, StatusLookup
from sandbox.models.progress import HelpRequest, XapiStatement
from sandbox.models.proposal import (
    Invitation,
    PreviewPair,
    Proposal,
    ProposalFeedback,
    Stakeholder,
    WalkthroughStep,
)
from sandbox.models.reference import Category, District, Institution, InstitutionKind, Region
from sandbox.models.room import RoomAcknowledgement, RoomSetting
from sandbox.models.sms import SmsDirection, SmsMessage
from sandbox.models.snapshot import CohortWorld, ResetRecord, Snapshot
from sandbox.models.training import ScenarioAttempt
from sandbox.models.user import LoginSession, User
from sandbox.models.workspace import (
    DeclaredHoliday,
    SlaRuleSetting,
    Workspace,
    WorkspaceFlag,
    WorkspaceKind,
)

__all__ = [
    "Category",
    "Certificate",
    "Cohort",
    "CohortWorld",
    "DeclaredHoliday",
    "District",
    "Enrolment",
    "Feedback",
    "FeedbackEvent",
    "HelpRequest",
    "Institution",
    "InstitutionKind",
    "Invitation",
    "LoginSession",
    "PreviewPair",
    "Proposal",
    "ProposalFeedback",
    "Region",
    "ResetRecord",
    "RoomAcknowledgement",
    "RoomSetting",
    "ScenarioAttempt",
    "SlaRuleSetting",
    "SmsDirection",
    "SmsMessage",
    "Snapshot",
    "Stakeholder",
    "StatusLookup",
    "User",
    "WalkthroughStep",
    "Workspace",
    "WorkspaceFlag",
    "WorkspaceKind",
    "XapiStatement",
]
