"""Clocks: a fixed clock for tests and a per-workspace simulated clock for training.

All datetimes are NAIVE and mean East Africa Time (Africa/Dar_es_Salaam, UTC+3, no DST).
This module never reads the wall clock itself: ``WorkspaceClock`` is given one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from sandbox.workflow.calendar import TANZANIA, WorkingCalendar

BACKWARDS_MESSAGE = "the simulated clock only moves forward"


class Clock(Protocol):
    """Anything that can tell the (possibly simulated) current time."""

    def now(self) -> datetime:
        """The current naive EAT time."""
        ...


@dataclass
class FixedClock:
    """A clock that stays at ``at`` until told to move (for tests and scripted scenarios)."""

    at: datetime

    def now(self) -> datetime:
        """The fixed time."""
        return self.at

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward by ``delta``."""
        if delta < timedelta(0):
            raise ValueError(BACKWARDS_MESSAGE)
        self.at += delta


@dataclass(frozen=True)
class WorkspaceClock:
    """A trainee's simulated clock: frozen at ``base``, or running from ``base`` since
    ``started_at`` (wall time). ``wall`` is the injected wall clock (naive EAT).

    The facilitator only ever moves it forward, so deadlines never "un-expire".
    """

    base: datetime
    started_at: datetime | None
    wall: Callable[[], datetime]

    @property
    def is_running(self) -> bool:
        """True when simulated time follows the wall clock."""
        return self.started_at is not None

    def now(self) -> datetime:
        """The simulated time: ``base`` plus the wall time elapsed since it started."""
        return self._now_at(self.wall())

    def _now_at(self, wall_now: datetime) -> datetime:
        """The simulated time when the wall clock reads ``wall_now``."""
        if self.started_at is None:
            return self.base
        return self.base + max(wall_now - self.started_at, timedelta(0))

    def moved_to(self, when: datetime) -> WorkspaceClock:
        """A clock reading ``when`` now, in the same running state; never backwards."""
        wall_now = self.wall()
        if when < self._now_at(wall_now):
            raise ValueError(BACKWARDS_MESSAGE)
        started_at = wall_now if self.is_running else None
        return replace(self, base=when, started_at=started_at)

    def advanced(self, delta: timedelta) -> WorkspaceClock:
        """A clock reading ``delta`` later than this one, in the same running state."""
        if delta < timedelta(0):
            raise ValueError(BACKWARDS_MESSAGE)
        return self.moved_to(self.now() + delta)

    def advanced_working_days(self, n: int, calendar: WorkingCalendar = TANZANIA) -> WorkspaceClock:
        """A clock at the same time of day ``n`` working days later."""
        now = self.now()
        day = calendar.add_working_days(now, n).date()
        return self.moved_to(datetime.combine(day, now.time()))

    def frozen(self) -> WorkspaceClock:
        """A clock stopped at the current simulated time."""
        return replace(self, base=self.now(), started_at=None)

    def running(self) -> WorkspaceClock:
        """A clock that runs on from the current simulated time (unchanged if running)."""
        if self.is_running:
            return self
        return replace(self, started_at=self.wall())
