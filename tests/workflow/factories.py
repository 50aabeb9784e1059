"""Factories for workflow tests: consistent states in any status, and valid commands."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sandbox.workflow import (
    Action,
    Command,
    FeedbackState,
    FeedbackType,
    RejectionReason,
    Resolution,
    Status,
    submit,
)

RECEIVED_AT = datetime(2026, 3, 2, 9, 30)  # a Monday, no holiday nearby
OFFICER_ID = 7
OUR_INSTITUTION = 1
OTHER_INSTITUTION = 2


def state_in(
    status: Status, feedback_type: FeedbackType = FeedbackType.COMPLAINT, **overrides: Any
) -> FeedbackState:
    """A consistent item of ``feedback_type`` sitting in ``status`` (before ``overrides``)."""
    base = submit(feedback_type, OUR_INSTITUTION, RECEIVED_AT)
    day = timedelta(days=1)
    fields: dict[str, Any] = {"status": status}
    if status not in (Status.RECEIVED, Status.REJECTED, Status.TRANSFER_PENDING):
        fields["acknowledged_at"] = RECEIVED_AT + day
    if status in (Status.ASSIGNED, Status.IN_PROGRESS, Status.AWAITING_CITIZEN):
        fields["assignee_id"] = OFFICER_ID
    if status is Status.AWAITING_CITIZEN:
        fields["paused_since"] = RECEIVED_AT + 2 * day
    if status is Status.TRANSFER_PENDING:
        fields["transfer_target_id"] = OTHER_INSTITUTION
        fields["status_before_transfer"] = Status.RECEIVED
    if status in (Status.RESPONDED, Status.CLOSED):
        fields["responded_at"] = RECEIVED_AT + 3 * day
    if status is Status.CLOSED:
        fields.update(closed_at=RECEIVED_AT + 4 * day, resolution=Resolution.RESOLVED)
    return replace(base, **(fields | overrides))


VALID_INPUTS: dict[Action, dict[str, Any]] = {
    Action.ASSIGN: {"assignee_id": OFFICER_ID + 1},
    Action.REQUEST_INFO: {"public_reply": "Tafadhali taja namba ya ankara."},
    Action.CITIZEN_REPLIED: {"note": "Namba ni 12345."},
    Action.TRANSFER_REQUEST: {"target_institution_id": 3, "reason": "Ni suala la maji."},
    Action.TRANSFER_RETURN: {"reason": "Si suala letu pia."},
    Action.RESPOND: {"public_reply": "Tatizo limeshughulikiwa."},
    Action.CLOSE: {"resolution": Resolution.RESOLVED},
    Action.REJECT: {"rejection_reason": RejectionReason.DUPLICATE, "reason": "Nakala ya 12."},
    Action.DIRECTIVE: {"note": "Shughulikieni ndani ya siku 3."},
    Action.RATE: {"rating": 4},
    Action.NOTE: {"note": "Nimempigia simu."},
}


def valid_command(action: Action, **overrides: Any) -> Command:
    """A Command for ``action`` with every required input filled in."""
    return Command(action=action, **(VALID_INPUTS.get(action, {}) | overrides))
