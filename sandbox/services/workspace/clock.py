"""Moving a workspace's simulated clock (stored in the database)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sandbox.extensions import db
from sandbox.models import Workspace
from sandbox.services.workspace.now import clock_for, wall_now, workspace_now
from sandbox.workflow import TANZANIA, WorkspaceClock


def _store_clock(workspace: Workspace, clock: WorkspaceClock) -> None:
    """Persist a moved clock as a new base (running clocks restart from the wall now)."""
    workspace.clock_base = clock.now().replace(microsecond=0)
    workspace.clock_started_at = wall_now() if clock.started_at is not None else None


def advance_clock(workspace: Workspace, delta: timedelta) -> datetime:
    """Move a workspace's clock forward by a duration; returns the new now."""
    _store_clock(workspace, clock_for(workspace).advanced(delta))
    db.session.commit()
    return workspace_now(workspace)


def advance_clock_working_days(workspace: Workspace, days: int) -> datetime:
    """Move a workspace's clock forward by working days on the Tanzanian calendar."""
    _store_clock(workspace, clock_for(workspace).advanced_working_days(days, TANZANIA))
    db.session.commit()
    return workspace_now(workspace)
