"""A workspace's rules value: its SLA settings and switched toggles over the defaults."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Workspace, WorkspaceFlag
from sandbox.services.workspace.workspaces import sla_policy_for
from sandbox.workflow import TANZANIA, Toggle, WorkspaceRules


def rules_for(workspace: Workspace) -> WorkspaceRules:
    """The rules of one workspace: one query for its stored toggles, one for its SLA settings."""
    stored = dict(
        db.session.execute(
            sa.select(WorkspaceFlag.flag, WorkspaceFlag.is_enabled).where(
                WorkspaceFlag.workspace_id == workspace.id
            )
        ).all()
    )
    on = frozenset(t for t in Toggle if stored.get(t.value, t.default))
    return WorkspaceRules(policy=sla_policy_for(workspace), toggles=on, calendar=TANZANIA)
