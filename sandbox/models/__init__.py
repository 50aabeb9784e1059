"""Typed SQLAlchemy models, one module per aggregate."""

from sandbox.models.feedback import Feedback, FeedbackEvent
from sandbox.models.reference import Category, District, Institution, InstitutionKind, Region
from sandbox.models.sms import SmsDirection, SmsMessage
from sandbox.models.user import User
from sandbox.models.workspace import SlaRuleSetting, Workspace, WorkspaceFlag, WorkspaceKind

__all__ = [
    "Category",
    "District",
    "Feedback",
    "FeedbackEvent",
    "Institution",
    "InstitutionKind",
    "Region",
    "SlaRuleSetting",
    "SmsDirection",
    "SmsMessage",
    "User",
    "Workspace",
    "WorkspaceFlag",
    "WorkspaceKind",
]
