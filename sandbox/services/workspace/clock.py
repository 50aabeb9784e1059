"""Moving a workspace's simulated clock, and escalating what became due, in one commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm.exc import StaleDataError

from sandbox.extensions import db
from sandbox.models import Workspace
from sandbox.services.workspace.escalation import escalate_due
from sandbox.services.workspace.now import clock_for, wall_now, workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import BilingualError, WorkspaceClock, WorkspaceRules


class ClockRefused(BilingualError, ValueError):
    """The clock cannot move that way (backwards, or not said how far)."""


class ClockConflict(BilingualError):
    """Someone changed an item while the clock moved; nothing was saved."""


@dataclass(frozen=True)
class ClockMove:
    """A clock move done: the simulated time before and after, and the escalations it caused."""

    before: datetime
    after: datetime
    escalated: int


def move_clock(
    workspace: Workspace, *, working_days: int | None = None, to: datetime | None = None
) -> ClockMove:
    """Move a workspace's clock forward and escalate what became due; commits once."""
    [moved] = move_clocks([workspace], working_days=working_days, to=to)
    return moved


def move_clocks(
    workspaces: list[Workspace], *, working_days: int | None = None, to: datetime | None = None
) -> list[ClockMove]:
    """Move several workspaces' clocks forward (a cohort's) in ONE commit; all or none.

    A refusal (backwards, for any one of them) or a lost race saves nothing at all.
    """
    try:  # an escalation's UPDATE is flushed as it is made: a lost race shows there or here
        moves = [_move_one(workspace, working_days, to) for workspace in workspaces]
        db.session.commit()
    except ClockRefused:
        db.session.rollback()
        raise
    except StaleDataError:
        db.session.rollback()
        raise ClockConflict(
            "Kuna aliyebadilisha mrejesho saa ikisogezwa; hakuna kilichohifadhiwa. Jaribu tena.",
            "Someone changed an item while the clock moved; nothing was saved. Try again.",
        ) from None
    return [
        ClockMove(before=before, after=workspace_now(ws), escalated=escalated)
        for ws, (before, escalated) in zip(workspaces, moves, strict=True)
    ]


def _move_one(
    workspace: Workspace, working_days: int | None, to: datetime | None
) -> tuple[datetime, int]:
    """Move one clock and escalate what became due, unflushed: (time before, escalations)."""
    rules = rules_for(workspace)
    before = workspace_now(workspace)
    _store_clock(workspace, _moved(clock_for(workspace), rules, working_days, to))
    return before, escalate_due(workspace, rules)


def _moved(
    clock: WorkspaceClock, rules: WorkspaceRules, working_days: int | None, to: datetime | None
) -> WorkspaceClock:
    """The clock moved by working days on the workspace's calendar, or to a moment."""
    if (working_days is None) == (to is None):
        raise ClockRefused(
            "Taja siku za kazi au wakati wa kusogeza saa (kimoja tu).",
            "Give working days or a moment to move the clock to (one of them).",
        )
    try:
        if working_days is not None:
            return clock.advanced_working_days(working_days, rules.calendar)
        return clock.moved_to(to)
    except ValueError:  # a negative count, or a moment before now
        raise ClockRefused(
            "Saa ya mafunzo inasogea mbele tu.", "The simulated clock only moves forward."
        ) from None


def _store_clock(workspace: Workspace, clock: WorkspaceClock) -> None:
    """Persist a moved clock as a new base (running clocks restart from the wall now)."""
    workspace.clock_base = clock.now().replace(microsecond=0)
    workspace.clock_started_at = wall_now() if clock.started_at is not None else None
