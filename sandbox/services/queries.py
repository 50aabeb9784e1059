"""Read-only questions about a workspace's feedback: lists, counts, one item with history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, Institution, Region, Workspace
from sandbox.workflow import Status

OPEN_STATUSES = tuple(s for s in Status if s.is_open)


@dataclass(frozen=True)
class FeedbackFilter:
    """What the list is narrowed to; None means any."""

    status: Status | None = None
    type: str | None = None
    institution_id: int | None = None
    region_id: int | None = None
    reference: str | None = None


def overdue_clause(now: datetime) -> sa.ColumnElement[bool]:
    """SQL form of workflow.sla.is_overdue (tests check that the two agree)."""
    return sa.or_(
        sa.and_(Feedback.status == Status.RECEIVED, Feedback.acknowledge_due < now),
        sa.and_(
            Feedback.status.in_([s for s in OPEN_STATUSES if s is not Status.RECEIVED]),
            Feedback.status != Status.AWAITING_CITIZEN,
            Feedback.respond_due < now,
        ),
    )


def _filtered(workspace: Workspace, f: FeedbackFilter) -> sa.Select:
    """The SELECT for a filtered list, newest first."""
    query = sa.select(Feedback).where(Feedback.workspace_id == workspace.id)
    if f.status is not None:
        query = query.where(Feedback.status == f.status)
    if f.type:
        query = query.where(Feedback.type == f.type)
    if f.institution_id:
        query = query.where(Feedback.institution_id == f.institution_id)
    if f.region_id:
        query = query.where(Feedback.region_id == f.region_id)
    if f.reference:
        query = query.where(Feedback.reference.ilike(f"%{f.reference.strip()}%"))
    return query.order_by(Feedback.received_at.desc(), Feedback.id.desc())


def list_feedback(workspace: Workspace, f: FeedbackFilter, page: int, per_page: int):
    """One page of the workspace's feedback matching the filter."""
    query = _filtered(workspace, f).options(
        selectinload(Feedback.institution), selectinload(Feedback.category)
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False, max_per_page=100)


def get_feedback(workspace: Workspace, feedback_id: int) -> Feedback | None:
    """One item of this workspace with its history, or None (never another workspace's)."""
    return db.session.scalar(
        sa.select(Feedback)
        .where(Feedback.workspace_id == workspace.id, Feedback.id == feedback_id)
        .options(selectinload(Feedback.events).selectinload(FeedbackEvent.actor))
    )


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


def institutions_for_filter() -> list[Institution]:
    """Institutions in name order, for a filter's choices."""
    return list(db.session.scalars(sa.select(Institution).order_by(Institution.name_sw)))


def regions_for_filter() -> list[Region]:
    """Regions in name order, for a filter's choices."""
    return list(db.session.scalars(sa.select(Region).order_by(Region.name)))
