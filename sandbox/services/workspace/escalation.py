"""Automatic escalation of overdue items: to the head, then to a leader.

An item overdue by ``policy.auto_escalate_after_days`` working days goes to the head of its
institution; after twice that, to a leader (``WorkspaceRules.escalation_due`` decides).
The system is the actor ("Mfumo"). Escalations happen:

- when a workspace is seeded, on the generator's own timeline (``sandbox/seeding/items.py``);
- inside every clock move and holiday declaration (``escalate_due``, in the mover's
  transaction: see ``clock.move_clock``), which also stamps the workspace;
- when the desk's inbox is read, but never as a backlog: ``escalate_if_stale`` runs at most
  once per ``CHECK_EVERY`` of simulated time per workspace (one conditional UPDATE claims the
  turn, so two readers never both run it) and escalates at most ``BATCH`` items per request;
  a fuller backlog (an old database) drains over the next reads.

``Workspace.escalations_checked_at`` is that stamp: the simulated time up to which escalation
has run. A frozen clock makes nothing newly due, so it is checked once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

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
from sandbox.workflow.history import SYSTEM_ACTOR, escalation_reason
from sandbox.workflow.sla import can_be_late, late_since

SYSTEM_LABEL = SYSTEM_ACTOR


CHECK_EVERY = timedelta(minutes=10)  # of simulated time, between two inbox checks
BATCH = 50  # items escalated by one inbox read at most


def escalate_overdue(workspace: Workspace, rules: WorkspaceRules | None = None) -> int:
    """Escalate every item whose automatic escalation is due, committing each step.

    Returns how many steps were made; nothing happens in a workspace whose rules have
    ``Toggle.AUTO_ESCALATION`` off. Unbounded: for commands and tests, never a page read.
    """
    return _escalate(workspace, rules or rules_for(workspace), in_one_transaction=False)


def escalate_if_stale(workspace: Workspace, rules: WorkspaceRules) -> int:
    """The inbox's check: escalate at most ``BATCH`` due items, at most once per
    ``CHECK_EVERY`` of the workspace's simulated time; returns the steps made (commits)."""
    if not rules.is_on(Toggle.AUTO_ESCALATION):
        return 0
    now = workspace_now(workspace)
    if not _claim_turn(workspace, now):
        return 0
    found = candidates(workspace, now, rules, limit=BATCH)
    steps = sum(_escalate_while_due(workspace, item, now, rules, False) for item in found)
    if len(found) == BATCH:  # more may be due: let the next read take the next batch
        _release_turn(workspace)
    return steps


def escalate_due(workspace: Workspace, rules: WorkspaceRules) -> int:
    """As ``escalate_overdue``, but only into the session: the caller commits once."""
    steps = _escalate(workspace, rules, in_one_transaction=True)
    workspace.escalations_checked_at = workspace_now(workspace)
    return steps


def _escalate(workspace: Workspace, rules: WorkspaceRules, in_one_transaction: bool) -> int:
    """Escalate every candidate as far as it is due; returns the number of steps."""
    if not rules.is_on(Toggle.AUTO_ESCALATION):
        return 0
    now = workspace_now(workspace)
    steps = 0
    for item in candidates(workspace, now, rules):
        steps += _escalate_while_due(workspace, item, now, rules, in_one_transaction)
    return steps


def _claim_turn(workspace: Workspace, now: datetime) -> bool:
    """Stamp the workspace as checked at ``now`` unless a check ran within ``CHECK_EVERY``.

    One conditional UPDATE, committed: of two readers at once only one wins. A stamp in the
    simulated future (a clock set back by a reset) counts as stale.
    """
    stamp = Workspace.escalations_checked_at
    claimed = db.session.execute(
        sa.update(Workspace)
        .where(
            Workspace.id == workspace.id,
            sa.or_(stamp.is_(None), stamp <= now - CHECK_EVERY, stamp > now),
        )
        .values(escalations_checked_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def _release_turn(workspace: Workspace) -> None:
    """Clear the stamp so that the next read checks again (a backlog is being drained)."""
    db.session.execute(
        sa.update(Workspace)
        .where(Workspace.id == workspace.id)
        .values(escalations_checked_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def candidates(
    workspace: Workspace, now: datetime, rules: WorkspaceRules, limit: int | None = None
) -> list[Feedback]:
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
    return list(db.session.scalars(query.order_by(Feedback.id).limit(limit)))


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
        command = Command(
            Action.ESCALATE, expected_version=item.version, reason=escalation_reason(late)
        )
        try:
            act(workspace, item.id, command, actor_label=SYSTEM_LABEL, rules=rules)
        except WorkflowError:  # someone acted first (or the item moved on): skip it this time
            if not in_one:  # a refusal writes nothing; a lost commit must be undone
                db.session.rollback()
            break
        steps += 1
    return steps
