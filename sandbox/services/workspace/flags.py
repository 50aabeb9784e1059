"""Behaviour switched on or off per workspace (the mechanism proposals will toggle).

Each toggle is declared once in ``workflow.behaviour.Toggle`` with its default; a workspace
stores only the toggles it changed (``WorkspaceFlag`` rows), so a new toggle needs no
migration and no backfill.
"""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Workspace, WorkspaceFlag
from sandbox.workflow.behaviour import DEFAULTS, Toggle


def is_enabled(workspace: Workspace, flag: Toggle) -> bool:
    """The workspace's setting for a flag, else the flag's default."""
    stored = db.session.scalar(
        sa.select(WorkspaceFlag.is_enabled).where(
            WorkspaceFlag.workspace_id == workspace.id, WorkspaceFlag.flag == flag.value
        )
    )
    return DEFAULTS[flag] if stored is None else stored


def set_flag(workspace: Workspace, flag: Toggle, enabled: bool) -> None:
    """Switch a flag for one workspace (other workspaces keep theirs)."""
    row = db.session.scalar(
        sa.select(WorkspaceFlag).where(
            WorkspaceFlag.workspace_id == workspace.id, WorkspaceFlag.flag == flag.value
        )
    )
    if row is None:
        row = WorkspaceFlag(workspace_id=workspace.id, flag=flag.value)
        db.session.add(row)
    row.is_enabled = enabled
    db.session.commit()


def flags_of(workspace: Workspace) -> dict[Toggle, bool]:
    """Every flag with its value in this workspace."""
    return {flag: is_enabled(workspace, flag) for flag in Toggle}
