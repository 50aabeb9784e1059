"""Behaviour switched on or off per workspace (the mechanism proposals will toggle).

Each flag is declared once in ``Flag`` with its default; a workspace stores only the flags
it changed (``WorkspaceFlag`` rows), so a new flag needs no migration and no backfill.
"""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Workspace, WorkspaceFlag
from sandbox.workflow import Labelled


class Flag(Labelled):
    """The behaviours a workspace can switch (value, Swahili, English)."""

    AUTO_ESCALATION = (
        "auto_escalation",
        "Kupandisha ngazi kiotomatiki mrejesho uliochelewa",
        "Escalate overdue feedback automatically",
    )
    REPLY_IDENTITY_WARNING = (
        "reply_identity_warning",
        "Onya jibu linapotaja jina au simu ya mlalamikaji",
        "Warn when a reply names the complainant or their phone",
    )


DEFAULTS: dict[Flag, bool] = {Flag.AUTO_ESCALATION: True, Flag.REPLY_IDENTITY_WARNING: True}


def is_enabled(workspace: Workspace, flag: Flag) -> bool:
    """The workspace's setting for a flag, else the flag's default."""
    stored = db.session.scalar(
        sa.select(WorkspaceFlag.is_enabled).where(
            WorkspaceFlag.workspace_id == workspace.id, WorkspaceFlag.flag == flag.value
        )
    )
    return DEFAULTS[flag] if stored is None else stored


def set_flag(workspace: Workspace, flag: Flag, enabled: bool) -> None:
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


def flags_of(workspace: Workspace) -> dict[Flag, bool]:
    """Every flag with its value in this workspace."""
    return {flag: is_enabled(workspace, flag) for flag in Flag}
