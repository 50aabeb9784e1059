"""The suite's own holiday list, the pinned package, and the calendar that reads either."""

from __future__ import annotations

import configparser
from datetime import date
from importlib.metadata import version
from pathlib import Path

import holidays
import pytest
from packaging.requirements import Requirement

from sandbox.workflow import TANZANIA, WorkingCalendar
from tests.holidays_tz import FIXED_DATE_HOLIDAYS, TZ_HOLIDAYS, fixed_calendar

SETUP_CFG = Path(__file__).parents[2] / "setup.cfg"


def test_the_app_calendar_reads_the_suites_list_during_tests() -> None:
    for year in (2024, 2026, 2031):
        assert TANZANIA.holidays_in(year) == TZ_HOLIDAYS[year]
    with pytest.raises(LookupError):  # the package would answer; only the list refuses
        TANZANIA.holidays_in(2019)


def test_a_fixed_calendar_never_asks_the_package(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the holidays package was asked")

    monkeypatch.setattr(holidays, "country_holidays", refuse)
    calendar = fixed_calendar()
    assert not calendar.is_working_day(date(2026, 12, 9))
    assert calendar.is_working_day(date(2026, 12, 10))


def test_a_fixed_calendar_refuses_a_year_it_does_not_list() -> None:
    with pytest.raises(LookupError, match="2019"):
        fixed_calendar().is_working_day(date(2019, 6, 3))


def test_eid_al_fitr_2026_is_the_listed_weekend_so_friday_20_march_is_worked() -> None:
    calendar = fixed_calendar()
    assert calendar.is_working_day(date(2026, 3, 20))
    assert {date(2026, 3, 21), date(2026, 3, 22)} <= calendar.holidays_in(2026)


@pytest.mark.parametrize("year", range(2024, 2031))
def test_the_installed_package_knows_every_fixed_date_holiday(year: int) -> None:
    live = WorkingCalendar()  # not the patched TANZANIA: the package itself
    missing = {
        name
        for (month, day), name in FIXED_DATE_HOLIDAYS.items()
        if date(year, month, day) not in live.holidays_in(year)
    }
    assert missing == set()


def test_the_list_agrees_with_itself_on_fixed_date_holidays() -> None:
    for year, days in TZ_HOLIDAYS.items():
        assert {date(year, m, d) for m, d in FIXED_DATE_HOLIDAYS} <= days, year


def test_holidays_is_pinned_to_a_tested_range_that_the_installed_version_meets() -> None:
    config = configparser.ConfigParser()
    config.read(SETUP_CFG)
    lines = config["options"]["install_requires"].split("\n")
    (requirement,) = [Requirement(line) for line in lines if line.startswith("holidays")]
    operators = {spec.operator for spec in requirement.specifier}
    assert "<" in operators or "==" in operators or "~=" in operators  # an upper bound
    assert requirement.specifier.contains(version("holidays"))
