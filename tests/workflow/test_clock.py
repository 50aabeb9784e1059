"""The fixed clock and the per-workspace simulated clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sandbox.workflow import TANZANIA, FixedClock, WorkspaceClock

BASE = datetime(2026, 12, 24, 9, 0)  # Thursday before Christmas


@pytest.fixture
def wall() -> FixedClock:
    """The injected 'wall clock', moved by hand."""
    return FixedClock(datetime(2030, 1, 1, 8, 0))


def test_fixed_clock_moves_only_forward(wall: FixedClock) -> None:
    wall.advance(timedelta(hours=2))
    assert wall.now() == datetime(2030, 1, 1, 10, 0)
    with pytest.raises(ValueError, match="only moves forward"):
        wall.advance(timedelta(seconds=-1))


def test_frozen_clock_ignores_the_wall(wall: FixedClock) -> None:
    clock = WorkspaceClock(base=BASE, started_at=None, wall=wall.now)
    wall.advance(timedelta(hours=5))
    assert clock.now() == BASE and not clock.is_running


def test_running_clock_follows_the_wall_from_base(wall: FixedClock) -> None:
    clock = WorkspaceClock(base=BASE, started_at=None, wall=wall.now).running()
    wall.advance(timedelta(minutes=90))
    assert clock.now() == BASE + timedelta(minutes=90)
    stopped = clock.frozen()
    wall.advance(timedelta(hours=3))
    assert stopped.now() == BASE + timedelta(minutes=90)
    assert stopped.running().now() == stopped.now()


def test_advanced_keeps_running_state(wall: FixedClock) -> None:
    running = WorkspaceClock(base=BASE, started_at=wall.now(), wall=wall.now)
    later = running.advanced(timedelta(days=2))
    assert later.is_running and later.now() == BASE + timedelta(days=2)
    wall.advance(timedelta(hours=1))
    assert later.now() == BASE + timedelta(days=2, hours=1)


def test_advanced_working_days_skips_christmas_and_weekend(wall: FixedClock) -> None:
    clock = WorkspaceClock(base=BASE, started_at=None, wall=wall.now)
    assert clock.advanced_working_days(1, TANZANIA).now() == datetime(2026, 12, 28, 9, 0)


def test_moving_backwards_is_refused(wall: FixedClock) -> None:
    clock = WorkspaceClock(base=BASE, started_at=None, wall=wall.now)
    with pytest.raises(ValueError, match="only moves forward"):
        clock.advanced(timedelta(minutes=-1))
    with pytest.raises(ValueError, match="only moves forward"):
        clock.moved_to(BASE - timedelta(seconds=1))
