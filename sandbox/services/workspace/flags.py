"""Switching a workspace's behaviour toggles (the mechanism proposals will use).

Each toggle is declared once in ``workflow.behaviour.Toggle`` with its default; a workspace
stores only the toggles it changed (``WorkspaceFlag`` rows), so a new toggle needs no
migration and no backfill. Services read toggles from the rules value (``rules_for``),
never one by one.
"""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Workspace, WorkspaceFlag
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import Toggle


def set_flag(workspace: Workspace, flag: Toggle, enabled: bool) -> None:
    """Switch a toggle for one workspace (other workspaces keep theirs).

    Clears the workspace's escalation stamp: switching automatic escalation on must escalate
    what is due at the next inbox read, even on a frozen clock."""
    row = db.session.scalar(
        sa.select(WorkspaceFlag).where(
            WorkspaceFlag.workspace_id == workspace.id, WorkspaceFlag.flag == flag.value
        )
    )
    if row is None:
        row = WorkspaceFlag(workspace_id=workspace.id, flag=flag.value)
        db.session.add(row)
    row.is_enabled = enabled
    workspace.escalations_checked_at = None  # new rules: the next inbox read checks again
    db.session.commit()


def flags_of(workspace: Workspace) -> dict[Toggle, bool]:
    """Every toggle with its value in this workspace (read once, from its rules)."""
    rules = rules_for(workspace)
    return {toggle: rules.is_on(toggle) for toggle in Toggle}
