"""The figures shown on the home page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Category, Feedback, Institution, Region, Workspace
from sandbox.services.feedback.queries import count_overdue
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.workspaces import find_workspace


@dataclass
class HomeSummary:
    """Counts of one workspace (the reader's own, else the demo), or empty before seeding."""

    workspace: Workspace | None = None
    is_own: bool = False
    now: datetime | None = None
    total: int = 0
    overdue: int = 0
    by_status: dict = field(default_factory=dict)
    by_type: dict = field(default_factory=dict)
    by_channel: dict = field(default_factory=dict)
    institutions: int = 0
    regions: int = 0
    categories: int = 0


def summary(config, user=None) -> HomeSummary:
    """Counts for the signed-in user's own workspace, else the demo workspace of the config."""
    result = HomeSummary(
        institutions=_count(Institution), regions=_count(Region), categories=_count(Category)
    )
    own = getattr(user, "workspace", None) if getattr(user, "is_authenticated", False) else None
    workspace = own or find_workspace(config["DEMO_WORKSPACE"])
    if workspace is None:
        return result
    result.workspace = workspace
    result.is_own = own is not None and workspace.code != config["DEMO_WORKSPACE"]
    result.now = workspace_now(workspace)
    by_status, by_type, by_channel = Counter(), Counter(), Counter()
    for status, kind, channel, n in _grouped_counts(workspace):
        by_status[status] += n
        by_type[kind] += n
        by_channel[channel] += n
    result.by_status, result.by_type, result.by_channel = (
        dict(by_status),
        dict(by_type),
        dict(by_channel),
    )
    result.total = sum(by_status.values())
    result.overdue = count_overdue(workspace, result.now)
    return result


def _grouped_counts(workspace: Workspace) -> list[tuple]:
    """(status, type, channel, items) for the workspace: one scan of a covering index
    (``ix_feedback_ws_status``) instead of three over the table."""
    columns = (Feedback.status, Feedback.type, Feedback.channel)
    query = (
        sa.select(*columns, sa.func.count())
        .where(Feedback.workspace_id == workspace.id)
        .group_by(*columns)
    )
    return list(db.session.execute(query).all())


def _count(model) -> int:
    """Rows of a reference table."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))
