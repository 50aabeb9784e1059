"""The simulated clock of a whole cohort: every trainee's workspace and the shared one.

Decisions (a facilitator's expectations, written down):

- One move, one transaction, through the workspace clock service (``move_clocks``): each
  workspace moves and escalates what became due, then one commit. If any workspace refuses
  (it would go backwards), none moves.
- "N working days" moves each workspace N working days on its own calendar from its own
  now (their clocks run, so they can differ by the minutes between joins).
- "To a date" moves every workspace to 08:00 (the start of a working day) on that date; a
  date before any workspace's now is refused with the reason, and nothing moves.
- A move is at most ``MAX_WORKING_DAYS`` working days, or to a date at most ``MAX_DAYS_AHEAD``
  days after the cohort's latest now: a workshop rehearses weeks, not centuries (and a typo
  like 9999-12-31 must not run escalation past the calendar's end).
- Nothing outside the cohort moves: the workspaces are the cohort's enrolments' and its
  shared one, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, Workspace
from sandbox.services.training.cohorts import WORKDAY_START
from sandbox.services.workspace.clock import ClockRefused, move_clocks
from sandbox.services.workspace.now import workspace_now

MAX_WORKING_DAYS = 250
MAX_DAYS_AHEAD = 366


@dataclass(frozen=True)
class CohortClockMove:
    """A cohort's clock move done: how many workspaces moved, the escalations, the new date."""

    workspaces: int
    escalated: int
    latest: datetime | None


def cohort_workspaces(cohort: Cohort) -> list[Workspace]:
    """Every workspace of the cohort: each trainee's, then the shared one (if any)."""
    workspaces = list(
        db.session.scalars(
            sa.select(Workspace)
            .join(Enrolment, Enrolment.workspace_id == Workspace.id)
            .where(Enrolment.cohort_id == cohort.id)
            .order_by(Workspace.id)
        )
    )
    if cohort.shared_workspace is not None:
        workspaces.append(cohort.shared_workspace)
    return workspaces


def cohort_now(cohort: Cohort) -> datetime | None:
    """The latest simulated time among the cohort's workspaces (None without any)."""
    return max((workspace_now(w) for w in cohort_workspaces(cohort)), default=None)


def move_cohort_clock(
    cohort: Cohort, *, working_days: int | None = None, to: date | None = None
) -> CohortClockMove:
    """Move every workspace of the cohort forward in one commit; raises ClockRefused."""
    workspaces = check_cohort_move(cohort, working_days=working_days, to=to)
    moment = datetime.combine(to, WORKDAY_START) if to is not None else None
    moves = move_clocks(workspaces, working_days=working_days, to=moment)
    return CohortClockMove(
        workspaces=len(moves),
        escalated=sum(m.escalated for m in moves),
        latest=max(m.after for m in moves),
    )


def check_cohort_move(
    cohort: Cohort, *, working_days: int | None = None, to: date | None = None
) -> list[Workspace]:
    """The cohort's workspaces, when the move asked for can be made (asked before the
    confirmation too, so a backwards or absurd date is refused at once); ClockRefused."""
    workspaces = cohort_workspaces(cohort)
    if not workspaces:
        raise ClockRefused(
            "Kundi hili halina mazingira ya kusogeza bado: hakuna aliyejiunga.",
            "This cohort has no workspace to move yet: nobody has joined.",
        )
    moment = datetime.combine(to, WORKDAY_START) if to is not None else None
    if moment is not None and moment <= min(workspace_now(w) for w in workspaces):
        raise ClockRefused(
            "Saa ya mafunzo inasogea mbele tu.", "The simulated clock only moves forward."
        )
    _check_reach(workspaces, working_days, moment)
    return workspaces


def _check_reach(workspaces: list[Workspace], working_days: int | None, to: datetime | None):
    """Refuse a move of more than a year (working days or a date), before anything moves."""
    latest = max(workspace_now(w) for w in workspaces)
    too_far = (working_days or 0) > MAX_WORKING_DAYS or (
        to is not None and to > latest + timedelta(days=MAX_DAYS_AHEAD)
    )
    if too_far:
        raise ClockRefused(
            f"Saa husogezwa hadi siku {MAX_WORKING_DAYS} za kazi au mwaka mmoja kwa mara moja.",
            f"The clock moves at most {MAX_WORKING_DAYS} working days or one year at a time.",
        )
