"""The e-Mrejesho workflow domain: states, transitions, deadlines, calendar and clocks.

Pure Python: imports nothing from Flask or the database, and never reads the wall clock.
All datetimes are NAIVE and mean East Africa Time (Africa/Dar_es_Salaam, UTC+3, no DST).
"""

from sandbox.workflow.behaviour import (
    BASE_RULES,
    OVERLAYS,
    Overlay,
    Toggle,
    WorkspaceRules,
)
from sandbox.workflow.calendar import TANZANIA, WorkingCalendar
from sandbox.workflow.clock import Clock, FixedClock, WorkspaceClock
from sandbox.workflow.enums import (
    Action,
    Channel,
    ComplainantType,
    EscalationLevel,
    FeedbackType,
    RejectionReason,
    Resolution,
    Role,
    Status,
)
from sandbox.workflow.errors import (
    BilingualError,
    EscalationLimitReached,
    IllegalTransition,
    MissingInput,
    NotOurInstitution,
    ReopenNotAllowed,
    TransferLimitReached,
    VersionConflict,
    WorkflowError,
)
from sandbox.workflow.labels import Labelled
from sandbox.workflow.reference import REFERENCE_PATTERN, format_reference, parse_reference
from sandbox.workflow.sla import (
    DEFAULT_POLICY,
    TRAINING_DEFAULT_NOTICE,
    SlaPolicy,
    SlaRule,
    can_escalate,
    deadlines,
    escalation_due,
    extend_for_pause,
    is_overdue,
    relevant_deadline,
    working_days_left,
)
from sandbox.workflow.state import Command, FeedbackState, Transition, submit
from sandbox.workflow.table import TRANSITIONS, Goto, reachable_statuses, table_actions
from sandbox.workflow.transitions import allowed_actions, apply

__all__ = [
    "BASE_RULES",
    "DEFAULT_POLICY",
    "OVERLAYS",
    "REFERENCE_PATTERN",
    "TANZANIA",
    "TRAINING_DEFAULT_NOTICE",
    "TRANSITIONS",
    "Action",
    "BilingualError",
    "Channel",
    "Clock",
    "Command",
    "ComplainantType",
    "EscalationLevel",
    "EscalationLimitReached",
    "FeedbackState",
    "FeedbackType",
    "FixedClock",
    "Goto",
    "IllegalTransition",
    "Labelled",
    "MissingInput",
    "NotOurInstitution",
    "Overlay",
    "RejectionReason",
    "ReopenNotAllowed",
    "Resolution",
    "Role",
    "SlaPolicy",
    "SlaRule",
    "Status",
    "Toggle",
    "TransferLimitReached",
    "Transition",
    "VersionConflict",
    "WorkflowError",
    "WorkingCalendar",
    "WorkspaceClock",
    "WorkspaceRules",
    "allowed_actions",
    "apply",
    "can_escalate",
    "deadlines",
    "escalation_due",
    "extend_for_pause",
    "format_reference",
    "is_overdue",
    "parse_reference",
    "reachable_statuses",
    "relevant_deadline",
    "submit",
    "table_actions",
    "working_days_left",
]
