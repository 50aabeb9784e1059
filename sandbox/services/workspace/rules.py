"""A workspace's rules value: its SLA settings, switched toggles and declared holidays."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import DeclaredHoliday, Workspace, WorkspaceFlag
from sandbox.services.workspace.workspaces import sla_policy_for
from sandbox.workflow import TANZANIA, Toggle, WorkspaceRules


def rules_for(workspace: Workspace) -> WorkspaceRules:
    """The rules of one workspace: one query each for its toggles, SLA settings and holidays."""
    stored = dict(
        db.session.execute(
            sa.select(WorkspaceFlag.flag, WorkspaceFlag.is_enabled).where(
                WorkspaceFlag.workspace_id == workspace.id
            )
        ).all()
    )
    on = frozenset(t for t in Toggle if stored.get(t.value, t.default))
    closed = db.session.scalars(
        sa.select(DeclaredHoliday.day).where(DeclaredHoliday.workspace_id == workspace.id)
    )
    calendar = TANZANIA.with_closures(closed)
    return WorkspaceRules(policy=sla_policy_for(workspace), toggles=on, calendar=calendar)
