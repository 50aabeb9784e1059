"""Tanzanian working-day calendar for SLA deadlines.

All datetimes are NAIVE and mean East Africa Time (Africa/Dar_es_Salaam, UTC+3, no DST).
Nothing here reads the wall clock: every time is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta

import holidays

END_OF_DAY = time(23, 59, 59)
_ONE_DAY = timedelta(days=1)


class WorkingCalendar:
    """Working days are Monday–Friday except public holidays of ``country``.

    Holidays come from the ``holidays`` package (pinned in setup.cfg: its Islamic dates are
    estimates that move between releases), loaded lazily one year at a time and cached; or,
    when ``holidays_by_year`` is given, only from that explicit list (a year it lacks raises
    LookupError). ``extra_closed_days`` adds ad-hoc closures (e.g. a declared holiday).
    """

    def __init__(
        self,
        country: str = "TZ",
        extra_closed_days: Iterable[date] = (),
        holidays_by_year: Mapping[int, Iterable[date]] | None = None,
    ) -> None:
        """Create a calendar for ``country`` with optional extra non-working dates."""
        self.country = country
        self.extra_closed_days = frozenset(extra_closed_days)
        self.is_fixed = holidays_by_year is not None
        self._years = {year: frozenset(days) for year, days in (holidays_by_year or {}).items()}

    def holidays_in(self, year: int) -> frozenset[date]:
        """The public holidays of ``year`` (cached); LookupError for a year a fixed list lacks."""
        if year not in self._years:
            if self.is_fixed:
                raise LookupError(f"no public holidays listed for {year}")
            found = holidays.country_holidays(self.country, years=year)
            self._years[year] = frozenset(found.keys())
        return self._years[year]

    def is_working_day(self, day: date) -> bool:
        """True for Monday–Friday dates that are not public holidays or extra closures."""
        if day.weekday() >= 5 or day in self.extra_closed_days:
            return False
        return day not in self.holidays_in(day.year)

    def add_working_days(self, start: datetime, n: int) -> datetime:
        """The deadline ``n`` working days after ``start``: 23:59:59 on that working day.

        Counts working days strictly after ``start``'s date; ``n == 0`` gives the end of the
        first working day on or after ``start``'s date.
        """
        if n < 0:
            raise ValueError("n must be zero or positive")
        day = start.date()
        if n == 0:
            while not self.is_working_day(day):
                day += _ONE_DAY
        for _ in range(n):
            day += _ONE_DAY
            while not self.is_working_day(day):
                day += _ONE_DAY
        return datetime.combine(day, END_OF_DAY)

    def working_days_between(self, a: datetime, b: datetime) -> int:
        """How many working days d satisfy ``a.date() < d <= b.date()`` (0 if b <= a)."""
        if b <= a:
            return 0
        day, last, count = a.date() + _ONE_DAY, b.date(), 0
        while day <= last:
            count += self.is_working_day(day)
            day += _ONE_DAY
        return count

    def day_before_working_days(self, day: date, n: int) -> date:
        """The date d such that exactly ``n`` working days lie in (d, ``day``]."""
        counted = 0
        while counted < n:
            counted += self.is_working_day(day)
            day -= _ONE_DAY
        return day

    def next_working_moment(self, t: datetime) -> datetime:
        """``t`` itself on a working day, else midnight at the start of the next working day."""
        if self.is_working_day(t.date()):
            return t
        day = t.date() + _ONE_DAY
        while not self.is_working_day(day):
            day += _ONE_DAY
        return datetime.combine(day, time.min)


TANZANIA = WorkingCalendar()
"""The default calendar: mainland and Zanzibar public holidays from ``holidays.Tanzania``."""
