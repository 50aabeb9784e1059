"""The SQL questions agree with the workflow's own answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback
from sandbox.services.feedback.queries import count_overdue, overdue_clause
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.clock import workspace_now
from sandbox.services.workspace.seeding import seed_workspace
from sandbox.workflow import TANZANIA, is_overdue


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
