"""Automatic escalation of overdue items: to the head, then to a leader.

An item overdue by ``policy.auto_escalate_after_days`` working days goes to the head of its
institution; after twice that, to a leader (``WorkspaceRules.escalation_due`` decides).
The system is the actor ("Mfumo"). It runs whenever the inbox is read (``escalate_overdue``,
one commit per step) and inside every clock move (``escalate_due``, in the mover's
transaction: see ``clock.move_clock``), and finds its candidates with one query.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Workspace
from sandbox.services.feedback.lifecycle import apply_action, record_action
from sandbox.services.feedback.queries import relevant_deadline_column
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import (
    Action,
    Command,
    EscalationLevel,
    FeedbackType,
    Status,
    Toggle,
    WorkflowError,
    WorkspaceRules,
    working_days_left,
)
from sandbox.workflow.sla import can_be_late, late_since

SYSTEM_LABEL = "Mfumo"


def escalate_overdue(workspace: Workspace, rules: WorkspaceRules | None = None) -> int:
    """Escalate every item whose automatic escalation is due, committing each step.

    Returns how many steps were made; nothing happens in a workspace whose rules have
    ``Toggle.AUTO_ESCALATION`` off.
    """
    return _escalate(workspace, rules or rules_for(workspace), in_one_transaction=False)


def escalate_due(workspace: Workspace, rules: WorkspaceRules) -> int:
    """As ``escalate_overdue``, but only into the session: the caller commits once."""
    return _escalate(workspace, rules, in_one_transaction=True)


def _escalate(workspace: Workspace, rules: WorkspaceRules, in_one_transaction: bool) -> int:
    """Escalate every candidate as far as it is due; returns the number of steps."""
    if not rules.is_on(Toggle.AUTO_ESCALATION):
        return 0
    now = workspace_now(workspace)
    steps = 0
    for item in candidates(workspace, now, rules):
        steps += _escalate_while_due(workspace, item, now, rules, in_one_transaction)
    return steps


def candidates(workspace: Workspace, now: datetime, rules: WorkspaceRules) -> list[Feedback]:
    """Open, unpaused items late enough for their next level (one query; may over-select)."""
    step = max(rules.policy.auto_escalate_after_days, 1)
    deadline = relevant_deadline_column()
    late_enough = sa.or_(
        sa.and_(
            Feedback.escalation_level == EscalationLevel.NONE,
            deadline < late_since(now, step, rules.calendar),
        ),
        sa.and_(
            Feedback.escalation_level == EscalationLevel.HEAD,
            deadline < late_since(now, 2 * step, rules.calendar),
        ),
    )
    query = sa.select(Feedback).where(
        Feedback.workspace_id == workspace.id, _escalatable(rules), late_enough
    )
    return list(db.session.scalars(query.order_by(Feedback.id)))


def _escalatable(rules: WorkspaceRules) -> sa.ColumnElement[bool]:
    """(type, status) pairs the workflow lets escalate, unpaused (compliments never escalate)."""
    pairs = [
        sa.and_(Feedback.type == kind, Feedback.status == status)
        for kind in FeedbackType
        for status in Status
        if rules.can_escalate(kind, status) and can_be_late(status)
    ]
    return sa.or_(*pairs)


def _escalate_while_due(
    workspace: Workspace, item: Feedback, now: datetime, rules: WorkspaceRules, in_one: bool
) -> int:
    """Escalate one item step by step until no further level is due."""
    act = record_action if in_one else apply_action
    steps = 0
    while rules.escalation_due(state_of(item), now) is not None:
        late = -working_days_left(state_of(item), now, rules.calendar)
        command = Command(Action.ESCALATE, expected_version=item.version, reason=_reason(late))
        try:
            act(workspace, item.id, command, actor_label=SYSTEM_LABEL, rules=rules)
        except WorkflowError:  # someone acted first (or the item moved on): skip it this time
            if not in_one:  # a refusal writes nothing; a lost commit must be undone
                db.session.rollback()
            break
        steps += 1
    return steps


def _reason(late: int) -> str:
    """The stored event text (both languages: history is read by everyone)."""
    return (
        f"Imepandishwa ngazi na mfumo: imechelewa siku {late} za kazi. / "
        f"Escalated automatically: {late} working days overdue."
    )
