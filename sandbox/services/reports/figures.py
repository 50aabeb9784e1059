"""The dashboard's figures as pure functions over plain rows (no database, no Flask).

Times are measured in WORKING DAYS on the Tanzanian calendar, never in calendar hours:
``TANZANIA.working_days_between(received_at, done_at)`` counts the working days after the
day the item was received, up to and including the day it was done (same day = 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from statistics import median

from sandbox.workflow import TANZANIA, Status, WorkingCalendar
from sandbox.workflow.calendar import END_OF_DAY
from sandbox.workflow.sla import PAUSED

OVERDUE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("1-5", 1, 5),
    ("6-10", 6, 10),
    ("11-20", 11, 20),
    (">20", 21, None),
)


@dataclass(frozen=True)
class TimingRow:
    """The times of one item that the timing and SLA figures need."""

    status: Status
    received_at: datetime
    acknowledge_due: datetime
    respond_due: datetime
    acknowledged_at: datetime | None = None
    responded_at: datetime | None = None
    paused_since: datetime | None = None


@dataclass(frozen=True)
class Compliance:
    """How many measured items met a deadline; ``percent`` is None when none was measured."""

    met: int
    measured: int

    @property
    def percent(self) -> float | None:
        """Share met, 0–100, one decimal; None with nothing to measure."""
        return round(100 * self.met / self.measured, 1) if self.measured else None


def fill_counts(counts: Mapping, members: Iterable[Enum]) -> list[tuple[Enum, int]]:
    """Every enum member in declaration order with its count (0 when absent)."""
    return [(member, int(counts.get(member, 0))) for member in members]


def percent(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole`` with one decimal; None when whole is 0."""
    return round(100 * part / whole, 1) if whole else None


class WorkingDays:
    """Working days between two times, cached per pair of dates (rows share few dates)."""

    def __init__(self, calendar: WorkingCalendar = TANZANIA) -> None:
        """Wrap a calendar."""
        self.calendar = calendar
        self._cache: dict[tuple, int] = {}

    def between(self, a: datetime, b: datetime) -> int:
        """``calendar.working_days_between(a, b)``, computed once per (date, date)."""
        key = (a.date(), b.date())
        if key not in self._cache:
            self._cache[key] = self.calendar.working_days_between(a, b)
        return self._cache[key]


def median_days_to_acknowledge(rows: Sequence[TimingRow], days: WorkingDays) -> float | None:
    """Median working days from receipt to acknowledgement, over acknowledged items."""
    values = [days.between(r.received_at, r.acknowledged_at) for r in rows if r.acknowledged_at]
    return float(median(values)) if values else None


def median_days_to_respond(rows: Sequence[TimingRow], days: WorkingDays) -> float | None:
    """Median working days from receipt to the response, over responded items."""
    values = [days.between(r.received_at, r.responded_at) for r in rows if r.responded_at]
    return float(median(values)) if values else None


def median_of_day_pairs(pairs: Iterable[tuple[date, date, int]], days: WorkingDays) -> float | None:
    """The median working days over (day received, day done, items) groups: the same figure
    as ``median_days_to_acknowledge`` / ``…_respond`` over the rows the groups count (the
    dashboard groups in SQL; working days only depend on the two dates)."""
    counted: dict[int, int] = {}
    for received, done, n in pairs:
        value = days.between(datetime.combine(received, time.min), datetime.combine(done, time.min))
        counted[value] = counted.get(value, 0) + n
    total = sum(counted.values())
    if not total:
        return None
    middle = ((total - 1) // 2, total // 2)  # the one or two middle positions, 0-based
    found, seen = [], 0
    for value in sorted(counted):
        seen += counted[value]
        found.extend(value for position in middle if seen - counted[value] <= position < seen)
    return float(sum(found) / 2)


def _compliance(rows, now: datetime, done_field: str, due_field: str) -> Compliance:
    """Met / measured for one deadline (see ``acknowledge_compliance``)."""
    met = measured = 0
    for row in rows:
        if row.status is Status.REJECTED:
            continue
        done, due = getattr(row, done_field), getattr(row, due_field)
        if done is None and (due >= now or row.status in PAUSED):
            continue
        measured += 1
        met += done is not None and done <= due
    return Compliance(met, measured)


def acknowledge_compliance(rows: Sequence[TimingRow], now: datetime) -> Compliance:
    """Acknowledged within the acknowledge deadline, among measured items.

    Measured: not rejected, and either acknowledged already or past the acknowledge
    deadline at ``now`` (and not paused waiting on the citizen). Met: acknowledged at or
    before the deadline stored on the item (already extended for any pause).
    """
    return _compliance(rows, now, "acknowledged_at", "acknowledge_due")


def respond_compliance(rows: Sequence[TimingRow], now: datetime) -> Compliance:
    """Responded within the respond deadline, among measured items.

    Measured: not rejected, and either responded already or past the respond deadline at
    ``now`` (and not paused waiting on the citizen). Met: responded at or before the
    deadline stored on the item (already extended for any pause).
    """
    return _compliance(rows, now, "responded_at", "respond_due")


def days_overdue(deadline: datetime, now: datetime, days: WorkingDays) -> int:
    """Working days an item is past ``deadline``; at least 1 once the deadline has passed."""
    return max(1, days.between(deadline, now))


def bucket_of(overdue_days: int) -> str:
    """The age bucket ("1-5", "6-10", "11-20", ">20") of a number of days overdue."""
    for name, low, high in OVERDUE_BUCKETS:
        if overdue_days >= low and (high is None or overdue_days <= high):
            return name
    return OVERDUE_BUCKETS[0][0]


def overdue_buckets(
    deadline_counts: Iterable[tuple[datetime, int]], now: datetime, days: WorkingDays
) -> list[tuple[str, int]]:
    """Overdue items per age bucket, from (relevant deadline, number of items) pairs."""
    totals = {name: 0 for name, _low, _high in OVERDUE_BUCKETS}
    for deadline, count in deadline_counts:
        totals[bucket_of(days_overdue(deadline, now, days))] += count
    return list(totals.items())


@dataclass(frozen=True)
class Period:
    """Items received from ``start`` to ``end`` inclusive (workspace-clock times)."""

    start: datetime
    end: datetime
    days: int | None = None  # 30 or 90 for a preset, None for custom dates


def preset_period(now: datetime, days: int) -> Period:
    """The last ``days`` calendar days up to ``now`` on the workspace clock."""
    return Period(start=now - timedelta(days=days), end=now, days=days)


def custom_period(first: date, last: date) -> Period:
    """From the start of ``first`` to the end of ``last`` (both days included)."""
    return Period(start=datetime.combine(first, time.min), end=datetime.combine(last, END_OF_DAY))
