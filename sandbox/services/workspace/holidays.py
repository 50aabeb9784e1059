"""Holidays announced for a workspace: deadlines, overdue flags and escalations follow.

Islamic holidays are announced by moon sighting, so the ``holidays`` package can only
estimate them (and its estimates move between releases: the dependency is pinned). A
facilitator or administrator declares the announced day (or any closure) for a workspace;
its working-day calendar (``rules_for``) skips the day from then on.

Deadlines already stored move with it, in the same transaction: an open item whose
deadline lies on or after a newly closed day gets one more working day (the day it lost);
withdrawing the declaration takes that day back, and whatever became overdue is escalated
as a moved clock would. An item paused across the day is left alone: its resumption counts
the paused working days on the new calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import DeclaredHoliday, Feedback, User, Workspace
from sandbox.services.workspace.escalation import escalate_due
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import BilingualError, Status
from sandbox.workflow.calendar import END_OF_DAY, WorkingCalendar
from sandbox.workflow.permissions import Capability, can
from sandbox.workflow.sla import PAUSED

OPEN = [s for s in Status if s.is_open]


class HolidayRefused(BilingualError, ValueError):
    """A declaration the calendar cannot take (not a working day, or unknown), bilingual."""


@dataclass(frozen=True)
class HolidayChange:
    """What a declaration or withdrawal did: the day and how many items' deadlines moved."""

    day: date
    items_moved: int
    escalated: int = 0


def calendar_workspaces(user: User) -> list[Workspace]:
    """The workspaces whose calendar this user may change: all for the administrator, else
    their own (a facilitator's; their cohorts' come with the facilitator console)."""
    if can(user, Capability.ADMINISTER):
        return list(db.session.scalars(sa.select(Workspace).order_by(Workspace.id)))
    if can(user, Capability.MANAGE_CALENDAR) and user.workspace is not None:
        return [user.workspace]
    return []


def declared_holidays(workspace: Workspace) -> list[DeclaredHoliday]:
    """The workspace's declared days, in date order."""
    query = sa.select(DeclaredHoliday).where(DeclaredHoliday.workspace_id == workspace.id)
    return list(db.session.scalars(query.order_by(DeclaredHoliday.day)))


def declare_holiday(workspace: Workspace, day: date, name: str) -> HolidayChange:
    """Close ``day`` in this workspace and give open items the working day they lose."""
    name = " ".join((name or "").split())[:120]
    if not name:
        raise HolidayRefused("Andika jina la sikukuu.", "Give the holiday's name.")
    before = rules_for(workspace).calendar
    if not before.is_working_day(day):
        raise HolidayRefused(
            f"{day:%Y-%m-%d} si siku ya kazi tayari (wikendi au sikukuu).",
            f"{day:%Y-%m-%d} is not a working day already (a weekend or a holiday).",
        )
    db.session.add(
        DeclaredHoliday(workspace_id=workspace.id, day=day, name=name, declared_at=wall_now())
    )
    after = before.with_closures([day])
    moved = _shift(workspace, day, lambda due: after.add_working_days(due, 1))
    _commit()
    return HolidayChange(day, moved)


def withdraw_holiday(workspace: Workspace, day: date) -> HolidayChange:
    """Open ``day`` again: deadlines give the day back, and what is now late escalates."""
    row = db.session.scalar(
        sa.select(DeclaredHoliday).where(
            DeclaredHoliday.workspace_id == workspace.id, DeclaredHoliday.day == day
        )
    )
    if row is None:
        raise HolidayRefused(
            f"Hakuna sikukuu iliyotangazwa tarehe {day:%Y-%m-%d}.",
            f"No holiday was declared on {day:%Y-%m-%d}.",
        )
    db.session.delete(row)
    db.session.flush()
    rules = rules_for(workspace)
    moved = _shift(workspace, day, lambda due: _day_back(rules.calendar, due))
    escalated = escalate_due(workspace, rules)
    _commit()
    return HolidayChange(day, moved, escalated)


def _day_back(calendar: WorkingCalendar, due: datetime) -> datetime:
    """The deadline one working day earlier (the end of that day)."""
    return datetime.combine(calendar.previous_working_day(due.date()), END_OF_DAY)


def _shift(workspace: Workspace, day: date, move) -> int:
    """Move each open, unpaused item's deadlines that lie on or after ``day``; how many."""
    start = datetime.combine(day, datetime.min.time())
    items = db.session.execute(
        sa.select(Feedback.id, Feedback.acknowledge_due, Feedback.respond_due).where(
            Feedback.workspace_id == workspace.id,
            Feedback.status.in_(OPEN),
            Feedback.status.not_in(list(PAUSED)),
            Feedback.received_at < start,
            sa.or_(Feedback.acknowledge_due >= start, Feedback.respond_due >= start),
        )
    ).all()
    table = Feedback.__table__
    for item_id, *dues in items:
        ack, respond = (move(due) if due >= start else due for due in dues)
        db.session.execute(
            sa.update(table)
            .where(table.c.id == item_id)
            .values(acknowledge_due=ack, respond_due=respond)
        )
    db.session.expire_all()  # loaded items must read the moved deadlines (escalation does)
    return len(items)


def _commit() -> None:
    """Commit; the same day declared twice at once is refused like any duplicate."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise HolidayRefused(
            "Siku hii imeshatangazwa kuwa sikukuu.", "This day is already declared a holiday."
        ) from None
