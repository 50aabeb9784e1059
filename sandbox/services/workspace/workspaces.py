"""Creating and finding workspaces, and the SLA policy each one runs on."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import SlaRuleSetting, Workspace, WorkspaceKind
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import DEFAULT_POLICY, SlaPolicy, SlaRule

# The demo world's simulated start: a fixed Monday, so a seed always gives the same items.
DEFAULT_CLOCK_START = datetime(2026, 11, 2, 8, 0)


def find_workspace(code: str) -> Workspace | None:
    """The workspace with this short code, if any."""
    return db.session.scalar(sa.select(Workspace).where(Workspace.code == code))


def create_workspace(
    code: str,
    name: str,
    kind: WorkspaceKind,
    *,
    seed: int = 0,
    clock_base: datetime = DEFAULT_CLOCK_START,
    running: bool = True,
    commit: bool = True,
) -> Workspace:
    """A new, empty workspace whose clock starts at clock_base; commits (else flushes)."""
    now = wall_now()
    workspace = Workspace(
        code=code,
        name=name,
        kind=kind,
        seed=seed,
        clock_base=clock_base,
        clock_started_at=now if running else None,
        next_reference_seq=1,
        created_at=now,
    )
    db.session.add(workspace)
    if commit:
        db.session.commit()
    else:
        db.session.flush()
    return workspace


def get_or_create_workspace(code: str, name: str, kind: WorkspaceKind, **kwargs) -> Workspace:
    """The workspace with this code, created when missing."""
    return find_workspace(code) or create_workspace(code, name, kind, **kwargs)


def sla_policy_for(workspace: Workspace) -> SlaPolicy:
    """The training-default SLA policy with this workspace's own limits applied."""
    rules = dict(DEFAULT_POLICY.rules)
    settings = db.session.scalars(
        sa.select(SlaRuleSetting).where(SlaRuleSetting.workspace_id == workspace.id)
    )
    for setting in settings:
        rules[setting.feedback_type] = SlaRule(setting.acknowledge_days, setting.respond_days)
    return replace(DEFAULT_POLICY, rules=rules)
