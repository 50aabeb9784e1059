"""The Tanzanian working-day calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sandbox.workflow import WorkingCalendar
from tests.holidays_tz import TZ_HOLIDAYS, fixed_calendar

TANZANIA = fixed_calendar()  # the listed dates, whatever version of `holidays` is installed

HOLIDAYS_2026 = {
    date(2026, 1, 1): "New Year",
    date(2026, 4, 7): "Karume Day",
    date(2026, 7, 7): "Saba Saba",
    date(2026, 10, 14): "Nyerere Day",
    date(2026, 12, 9): "Independence Day",
    date(2026, 12, 25): "Christmas",
}


@pytest.mark.parametrize("day", list(HOLIDAYS_2026), ids=HOLIDAYS_2026.get)
def test_weekday_public_holidays_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5
    assert not TANZANIA.is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 4, 26), date(2026, 12, 26)], ids=str)
def test_holidays_falling_on_a_weekend_are_known(day: date) -> None:
    assert day in TANZANIA.holidays_in(2026)
    assert not TANZANIA.is_working_day(day)


def test_weekends_are_not_working_days_and_ordinary_weekdays_are() -> None:
    assert not TANZANIA.is_working_day(date(2026, 3, 7))  # Saturday
    assert not TANZANIA.is_working_day(date(2026, 3, 8))  # Sunday
    assert TANZANIA.is_working_day(date(2026, 3, 9))  # Monday


def test_seven_working_days_over_christmas_and_new_year() -> None:
    # From Tue 22 Dec 2026: 23, 24, (25 Christmas, 26-27 weekend) 28, 29, 30, 31,
    # (1 Jan New Year, 2-3 weekend) Mon 4 Jan 2027 is the 7th working day.
    received = datetime(2026, 12, 22, 10, 15)
    assert TANZANIA.add_working_days(received, 7) == datetime(2027, 1, 4, 23, 59, 59)


def test_one_working_day_from_christmas_eve_is_the_monday_after() -> None:
    assert TANZANIA.add_working_days(datetime(2026, 12, 24, 16, 0), 1) == datetime(
        2026, 12, 28, 23, 59, 59
    )


def test_zero_days_gives_end_of_first_working_day_on_or_after() -> None:
    assert TANZANIA.add_working_days(datetime(2026, 3, 9, 8), 0) == datetime(2026, 3, 9, 23, 59, 59)
    assert TANZANIA.add_working_days(datetime(2026, 12, 26, 8), 0) == datetime(
        2026, 12, 28, 23, 59, 59
    )


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        TANZANIA.add_working_days(datetime(2026, 3, 9), -1)


def test_working_days_between_counts_after_start_up_to_end() -> None:
    a, b = datetime(2026, 12, 24, 8, 0), datetime(2027, 1, 4, 8, 0)
    assert TANZANIA.working_days_between(a, b) == 5  # 28, 29, 30, 31 Dec and 4 Jan
    assert TANZANIA.working_days_between(b, a) == 0
    assert TANZANIA.working_days_between(a, a) == 0


def test_next_working_moment() -> None:
    monday_noon = datetime(2026, 3, 9, 12, 0)
    assert TANZANIA.next_working_moment(monday_noon) == monday_noon
    assert TANZANIA.next_working_moment(datetime(2026, 12, 25, 9)) == datetime(2026, 12, 28)


def test_extra_closed_days_are_respected() -> None:
    calendar = WorkingCalendar(extra_closed_days=[date(2026, 3, 9)], holidays_by_year=TZ_HOLIDAYS)
    assert not calendar.is_working_day(date(2026, 3, 9))
    assert TANZANIA.is_working_day(date(2026, 3, 9))
