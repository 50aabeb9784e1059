"""ISO 8601 as xAPI wants it: durations (``PT4M30S``) and timestamps with their time zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

EAT = timezone(timedelta(hours=3), "EAT")  # every stored time of the sandbox is naive EAT


def iso_duration(span: timedelta) -> str:
    """A non-negative span as an ISO 8601 duration in hours, minutes and seconds (``PT1H2M3S``)."""
    hundredths = max(round(span.total_seconds() * 100), 0)  # xAPI keeps 0.01 s at most
    hours, rest = divmod(hundredths, 360000)
    minutes, rest = divmod(rest, 6000)
    seconds = f"{rest // 100}" if rest % 100 == 0 else f"{rest / 100:.2f}"
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if rest or not parts:
        parts += f"{seconds}S"
    return "PT" + parts


def iso_timestamp(moment: datetime) -> str:
    """A moment with its time zone and milliseconds; a naive one is taken as EAT."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=EAT)
    return aware.isoformat(timespec="milliseconds")
