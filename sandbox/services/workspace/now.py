"""What time it is: the wall clock and each workspace's simulated clock (read only).

The only place that reads the wall clock; moving a workspace's clock is ``clock.py``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sandbox.models import Workspace
from sandbox.workflow import WorkspaceClock

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
