"""Counting moments into hours or days, for the "over time" charts.

Decision: hourly buckets while the moments span at most 36 hours (a workshop day, or two),
daily buckets beyond; every bucket between the first and the last is listed, empty ones
too, so the chart's gaps are real gaps; at most ``MAX_BUCKETS`` (the latest ones).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

HOURLY_SPAN = timedelta(hours=36)
MAX_BUCKETS = 60


def _floor(moment: datetime, step: timedelta) -> datetime:
    """The start of the hour or day ``moment`` falls in."""
    if step == timedelta(hours=1):
        return moment.replace(minute=0, second=0, microsecond=0)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def per_bucket(moments: Iterable[datetime]) -> tuple[str, list[tuple[datetime, int]]]:
    """``("hour" | "day", [(bucket start, count), …])``; no moments give ``("hour", [])``."""
    times = sorted(moments)
    if not times:
        return "hour", []
    hourly = times[-1] - times[0] <= HOURLY_SPAN
    step = timedelta(hours=1) if hourly else timedelta(days=1)
    counts = Counter(_floor(t, step) for t in times)
    start, end = _floor(times[0], step), _floor(times[-1], step)
    start = max(start, end - step * (MAX_BUCKETS - 1))
    buckets = []
    while start <= end:
        buckets.append((start, counts.get(start, 0)))
        start += step
    return ("hour" if hourly else "day"), buckets
