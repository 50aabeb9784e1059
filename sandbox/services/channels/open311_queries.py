"""Finding Open311 service requests of a workspace, with their latest public reply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, Workspace
from sandbox.services.channels.open311 import DEFAULT_WINDOW, MAX_RESULTS, Service
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Action, Status

# Public events whose text is the institution speaking to the citizen (status_notes).
REPLY_ACTIONS = (Action.RESPOND, Action.REQUEST_INFO, Action.REJECT, Action.TRANSFER_ACCEPT)


@dataclass(frozen=True)
class RequestQuery:
    """What GET requests.json is narrowed to (references override everything else)."""

    references: tuple[str, ...] = ()
    services: tuple[Service, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    closed: frozenset[bool] = frozenset()


def is_closed(status: Status) -> bool:
    """Open311's "closed": the institution has answered (responded), closed or rejected it."""
    return not status.is_open


def find_requests(workspace: Workspace, query: RequestQuery) -> list[tuple[Feedback, str | None]]:
    """The matching requests, newest first (at most MAX_RESULTS), each with its latest reply."""
    select = _request_select(workspace)
    if query.references:
        select = select.where(Feedback.reference.in_([r.upper() for r in query.references]))
    else:
        select = _narrowed(workspace, select, query)
    ordered = select.order_by(Feedback.received_at.desc(), Feedback.id.desc())
    return _with_replies(list(db.session.scalars(ordered.limit(MAX_RESULTS))))


def _narrowed(workspace: Workspace, select: sa.Select, query: RequestQuery) -> sa.Select:
    """Apply the service, date and status filters; no dates means the last 90 days."""
    if query.services:
        select = select.where(
            sa.or_(
                *(
                    sa.and_(Feedback.category_id == s.category.id, Feedback.type == s.type)
                    for s in query.services
                )
            )
        )
    start = query.start
    if start is None and query.end is None:
        start = workspace_now(workspace) - DEFAULT_WINDOW
    if start is not None:
        select = select.where(Feedback.received_at >= start)
    if query.end is not None:
        select = select.where(Feedback.received_at <= query.end)
    if len(query.closed) == 1:
        wanted = [s for s in Status if is_closed(s) in query.closed]
        select = select.where(Feedback.status.in_(wanted))
    return select


def find_request(workspace: Workspace, reference: str) -> tuple[Feedback, str | None] | None:
    """One request of this workspace by reference, with its latest reply (never another's)."""
    item = db.session.scalar(
        _request_select(workspace).where(Feedback.reference == reference.strip().upper())
    )
    return _with_replies([item])[0] if item else None


def _request_select(workspace: Workspace) -> sa.Select:
    """Feedback of one workspace with what serialisation needs loaded."""
    return (
        sa.select(Feedback)
        .where(Feedback.workspace_id == workspace.id)
        .options(selectinload(Feedback.institution), selectinload(Feedback.category))
        .options(selectinload(Feedback.region), selectinload(Feedback.district))
    )


def _with_replies(items: list[Feedback]) -> list[tuple[Feedback, str | None]]:
    """Each item with the text of its latest public reply (None when there is none)."""
    ids = [item.id for item in items]
    if not ids:
        return []
    rows = db.session.execute(
        sa.select(FeedbackEvent.feedback_id, FeedbackEvent.text)
        .where(
            FeedbackEvent.feedback_id.in_(ids),
            FeedbackEvent.is_public.is_(True),
            FeedbackEvent.action.in_(REPLY_ACTIONS),
            FeedbackEvent.text != "",
        )
        .order_by(FeedbackEvent.at, FeedbackEvent.id)
    )
    replies = {row[0]: row[1] for row in rows}
    return [(item, replies.get(item.id)) for item in items]
