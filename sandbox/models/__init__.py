"""Typed SQLAlchemy models, one module per aggregate."""

from sandbox.models.cohort import Cohort, Enrolment
from sandbox.models.feedback import Feedback, FeedbackEvent
from sandbox.models.progress import HelpRequest, XapiStatement
from sandbox.models.reference import Category, District, Institution, InstitutionKind, Region
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
    "LoginSession",
    "Region",
    "ResetRecord",
    "ScenarioAttempt",
    "SlaRuleSetting",
    "SmsDirection",
    "SmsMessage",
    "Snapshot",
    "User",
    "Workspace",
    "WorkspaceFlag",
    "WorkspaceKind",
    "XapiStatement",
]
