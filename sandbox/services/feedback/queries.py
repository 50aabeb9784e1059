"""Read-only questions about a workspace's feedback: counts, overdue, filter choices."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Region, Workspace
from sandbox.workflow import Status
from sandbox.workflow.sla import ACKNOWLEDGE_COUNTS, can_be_late

OPEN_STATUSES = tuple(s for s in Status if s.is_open)
RUNNING_STATUSES = tuple(s for s in Status if can_be_late(s))  # open and not paused


def relevant_deadline_column() -> sa.ColumnElement:
    """SQL form of workflow.sla.relevant_deadline for open items (built from its sets)."""
    return sa.case(
        (Feedback.status.in_(ACKNOWLEDGE_COUNTS), Feedback.acknowledge_due),
        else_=Feedback.respond_due,
    )


def overdue_clause(now: datetime) -> sa.ColumnElement[bool]:
    """SQL form of workflow.sla.is_overdue (tests/services/test_queries.py checks they agree)."""
    return sa.and_(Feedback.status.in_(RUNNING_STATUSES), relevant_deadline_column() < now)


def counts_by(workspace: Workspace, column) -> dict:
    """Number of items per value of one column."""
    rows = db.session.execute(
        sa.select(column, sa.func.count())
        .where(Feedback.workspace_id == workspace.id)
        .group_by(column)
    )
    return dict(rows.all())


def count_overdue(workspace: Workspace, now: datetime) -> int:
    """Open items past their deadline on the workspace clock."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Feedback)
        .where(Feedback.workspace_id == workspace.id, overdue_clause(now))
    )


def count_all_feedback() -> int:
    """Items in every workspace (for /healthz)."""
    return db.session.scalar(sa.select(sa.func.count(Feedback.id)))


def regions_for_filter() -> list[Region]:
    """Regions in name order, for a filter's choices."""
    return list(db.session.scalars(sa.select(Region).order_by(Region.name)))
