"""The value objects of the workflow: an item's state, a command, and a transition.

All datetimes are NAIVE and mean East Africa Time (Africa/Dar_es_Salaam, UTC+3, no DST).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sandbox.workflow.calendar import TANZANIA, WorkingCalendar
from sandbox.workflow.enums import (
    Action,
    EscalationLevel,
    FeedbackType,
    RejectionReason,
    Resolution,
    RootCause,
    Status,
)
from sandbox.workflow.sla import DEFAULT_POLICY, SlaPolicy, deadlines


@dataclass(frozen=True)
class FeedbackState:
    """Everything the rules need to know about one feedback item."""

    type: FeedbackType
    status: Status
    institution_id: int
    received_at: datetime
    acknowledge_due: datetime
    respond_due: datetime
    version: int = 1
    assignee_id: int | None = None
    transfer_count: int = 0  # accepted transfers
    transfer_target_id: int | None = None
    status_before_transfer: Status | None = None
    escalation_level: EscalationLevel = EscalationLevel.NONE
    acknowledged_at: datetime | None = None
    responded_at: datetime | None = None
    closed_at: datetime | None = None
    paused_since: datetime | None = None
    rating: int | None = None
    reopen_count: int = 0
    resolution: Resolution | None = None
    root_cause: RootCause | None = None


@dataclass(frozen=True)
class Command:
    """A request to apply ``action``, with the inputs that action needs."""

    action: Action
    expected_version: int | None = None
    assignee_id: int | None = None
    target_institution_id: int | None = None
    reason: str = ""
    rejection_reason: RejectionReason | None = None
    resolution: Resolution | None = None
    public_reply: str = ""
    note: str = ""
    rating: int | None = None
    root_cause: RootCause | None = None


@dataclass(frozen=True)
class Transition:
    """The result of a successful ``apply``: enough for the caller to write the event row.

    ``text`` is the command's free text for this action (reply, question, note, reason);
    ``is_public`` says whether the citizen may see this event when tracking the item.
    """

    before: FeedbackState
    after: FeedbackState
    action: Action
    at: datetime
    text: str = ""
    is_public: bool = False
    command: Command | None = None

    @property
    def status_changed(self) -> bool:
        """True when the action moved the item to another status."""
        return self.before.status is not self.after.status


def submit(
    feedback_type: FeedbackType,
    institution_id: int,
    received_at: datetime,
    policy: SlaPolicy = DEFAULT_POLICY,
    calendar: WorkingCalendar = TANZANIA,
) -> FeedbackState:
    """The state of a newly submitted item (the SUBMIT event), with its deadlines."""
    acknowledge_due, respond_due = deadlines(received_at, feedback_type, policy, calendar)
    return FeedbackState(
        type=feedback_type,
        status=Status.RECEIVED,
        institution_id=institution_id,
        received_at=received_at,
        acknowledge_due=acknowledge_due,
        respond_due=respond_due,
    )
