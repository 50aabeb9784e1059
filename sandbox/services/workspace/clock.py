"""The wall clock and each workspace's simulated clock (stored in the database)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sandbox.extensions import db
from sandbox.models import Workspace
from sandbox.workflow import TANZANIA, WorkspaceClock

EAT = timezone(timedelta(hours=3), "EAT")


def wall_now() -> datetime:
    """The real time now, as naive East Africa Time (the convention of every stored time)."""
    return datetime.now(EAT).replace(tzinfo=None, microsecond=0)


def clock_for(workspace: Workspace) -> WorkspaceClock:
    """The simulated clock of a workspace."""
    return WorkspaceClock(
        base=workspace.clock_base, started_at=workspace.clock_started_at, wall=wall_now
    )


def workspace_now(workspace: Workspace) -> datetime:
    """What time it is in a workspace."""
    return clock_for(workspace).now().replace(microsecond=0)


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
