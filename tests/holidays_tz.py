"""The test suite's own Tanzanian public holidays, so no test depends on the installed package.

Source: ``holidays`` 0.109, ``country_holidays("TZ")`` for 2020-2035, written down once.
The Islamic holidays (Eid al-Fitr, Eid al-Adha, the Prophet's Birthday) are that release's
estimates; the real dates are announced after moon sighting, and releases differ (Eid al-Fitr
2026 is Sat 21-Sun 22 March here, Fri 20 March in another: issue 8). A year outside the list
raises LookupError, so a test that strays beyond it fails loudly instead of guessing.
"""

from __future__ import annotations

from datetime import date

from sandbox.workflow import WorkingCalendar

_LISTED: dict[int, str] = {
    2020: (
        "01-01 01-12 01-13 04-07 04-10 04-13 04-26 04-27 05-01 05-24 05-25 05-26 "
        "07-07 07-31 08-08 08-10 10-14 10-28 10-29 12-09 12-25 12-26 12-28"
    ),
    2021: (
        "01-01 01-12 03-22 03-25 04-02 04-05 04-07 04-26 05-01 05-03 05-14 05-15 "
        "05-17 07-07 07-21 08-08 08-09 10-14 10-19 12-09 12-25 12-26 12-27"
    ),
    2022: (
        "01-01 01-03 01-12 04-07 04-15 04-18 04-26 05-01 05-02 05-03 05-04 07-07 "
        "07-10 07-11 08-08 08-23 10-09 10-14 12-09 12-25 12-26"
    ),
    2023: (
        "01-01 01-12 04-07 04-10 04-22 04-23 04-26 05-01 06-29 07-07 08-08 09-28 "
        "10-14 12-09 12-25 12-26"
    ),
    2024: (
        "01-01 01-12 03-29 04-01 04-07 04-10 04-11 04-26 05-01 06-17 07-07 08-08 "
        "09-16 10-14 12-09 12-25 12-26"
    ),
    2025: (
        "01-01 01-12 03-31 04-01 04-07 04-18 04-21 04-26 05-01 06-07 07-07 08-08 "
        "09-04 10-14 12-09 12-25 12-26"
    ),
    2026: (
        "01-01 01-12 03-21 03-22 04-03 04-06 04-07 04-26 05-01 05-28 07-07 08-08 "
        "08-26 10-14 12-09 12-25 12-26"
    ),
    2027: (
        "01-01 01-12 03-10 03-11 03-26 03-29 04-07 04-26 05-01 05-17 07-07 08-08 "
        "08-15 10-14 12-09 12-25 12-26"
    ),
    2028: (
        "01-01 01-12 02-27 02-28 04-07 04-14 04-17 04-26 05-01 05-06 07-07 08-04 "
        "08-08 10-14 12-09 12-25 12-26"
    ),
    2029: (
        "01-01 01-12 02-15 02-16 03-30 04-02 04-07 04-25 04-26 05-01 07-07 07-25 "
        "08-08 10-14 12-09 12-25 12-26"
    ),
    2030: (
        "01-01 01-12 02-05 02-06 04-07 04-14 04-19 04-22 04-26 05-01 07-07 07-14 "
        "08-08 10-14 12-09 12-25 12-26"
    ),
    2031: (
        "01-01 01-12 01-25 01-26 04-03 04-07 04-11 04-14 04-26 05-01 07-03 07-07 "
        "08-08 10-14 12-09 12-25 12-26"
    ),
    2032: (
        "01-01 01-12 01-15 01-16 03-23 03-26 03-29 04-07 04-26 05-01 06-21 07-07 "
        "08-08 10-14 12-09 12-25 12-26"
    ),
    2033: (
        "01-01 01-03 01-04 01-12 03-12 04-07 04-15 04-18 04-26 05-01 06-10 07-07 "
        "08-08 10-14 12-09 12-24 12-25 12-26"
    ),
    2034: (
        "01-01 01-12 03-02 04-07 04-10 04-26 05-01 05-31 07-07 08-08 10-14 12-09 "
        "12-13 12-14 12-25 12-26"
    ),
    2035: (
        "01-01 01-12 02-19 03-23 03-26 04-07 04-26 05-01 05-21 07-07 08-08 10-14 "
        "12-02 12-03 12-09 12-25 12-26"
    ),
}

TZ_HOLIDAYS: dict[int, frozenset[date]] = {
    year: frozenset(date(year, *map(int, day.split("-"))) for day in days.split())
    for year, days in _LISTED.items()
}

# Holidays on a fixed day of the Gregorian calendar: every release must know them.
FIXED_DATE_HOLIDAYS = {
    (1, 1): "New Year's Day",
    (1, 12): "Zanzibar Revolution Day",
    (4, 7): "Karume Day",
    (4, 26): "Union Day",
    (5, 1): "Workers' Day",
    (7, 7): "Saba Saba",
    (8, 8): "Nane Nane",
    (10, 14): "Nyerere Day",
    (12, 9): "Independence Day",
    (12, 25): "Christmas Day",
    (12, 26): "Boxing Day",
}


def fixed_calendar() -> WorkingCalendar:
    """A Tanzanian working-day calendar over ``TZ_HOLIDAYS`` only."""
    return WorkingCalendar(holidays_by_year=TZ_HOLIDAYS)
