"""The SQL questions agree with the workflow's own answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback
from sandbox.services.feedback.queries import (
    OPEN_STATUSES,
    RUNNING_STATUSES,
    count_overdue,
    overdue_clause,
    relevant_deadline_column,
)
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.seeding import seed_workspace
from sandbox.workflow import TANZANIA, Status, is_overdue, relevant_deadline
from sandbox.workflow.sla import PAUSED


@pytest.mark.parametrize("days_later", [0, 3, 10, 40])
def test_sql_overdue_is_the_workflows_overdue(make_workspace, days_later):
    workspace = make_workspace("late")
    seed_workspace(workspace, count=400, seed=9)
    now = workspace_now(workspace) + timedelta(days=days_later)
    items = db.session.scalars(sa.select(Feedback).where(Feedback.workspace_id == workspace.id))
    by_workflow = {item.id for item in items if is_overdue(state_of(item), now, TANZANIA)}
    by_sql = set(db.session.scalars(sa.select(Feedback.id).where(overdue_clause(now))))
    assert by_workflow  # the seeded world has late items to compare
    assert by_sql == by_workflow
    assert count_overdue(workspace, now) == len(by_workflow)


@pytest.mark.parametrize("days_later", [0, 10])
def test_sql_relevant_deadline_is_the_workflows(make_workspace, days_later):
    workspace = make_workspace("deadlines")
    seed_workspace(workspace, count=300, seed=4)
    items = {
        item.id: item
        for item in db.session.scalars(
            sa.select(Feedback).where(
                Feedback.workspace_id == workspace.id, Feedback.status.in_(OPEN_STATUSES)
            )
        )
    }
    by_sql = dict(
        db.session.execute(
            sa.select(Feedback.id, relevant_deadline_column()).where(Feedback.id.in_(items))
        ).all()
    )
    statuses = {item.status for item in items.values()}
    assert Status.RECEIVED in statuses and Status.IN_PROGRESS in statuses  # both deadlines used
    assert by_sql == {i: relevant_deadline(state_of(item)) for i, item in items.items()}


def test_running_statuses_are_the_workflows_late_capable_ones():
    assert set(RUNNING_STATUSES) == {s for s in Status if s.is_open} - PAUSED
    assert Status.AWAITING_CITIZEN not in RUNNING_STATUSES
