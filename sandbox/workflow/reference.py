"""Reference numbers shown to citizens, e.g. ``MRJ-T-2026-000123``.

The ``T`` marks a training item: the format is deliberately fake so that no sandbox number
can be mistaken for a real e-Mrejesho reference.
"""

from __future__ import annotations

import re

PREFIX = "MRJ-T"
REFERENCE_PATTERN = re.compile(r"^MRJ-T-(\d{4})-(\d{6,})$", re.IGNORECASE)


def format_reference(year: int, seq: int) -> str:
    """The reference for the ``seq``-th item of ``year`` (seq >= 1, zero-padded to 6)."""
    if not 1000 <= year <= 9999 or seq < 1:
        raise ValueError(f"invalid reference parts: year={year}, seq={seq}")
    return f"{PREFIX}-{year:04d}-{seq:06d}"


def parse_reference(text: str) -> tuple[int, int] | None:
    """``(year, seq)`` from a reference typed by a person, or None if it is not one."""
    match = REFERENCE_PATTERN.match(text.strip())
    if match is None or int(match.group(2)) < 1:
        return None
    return int(match.group(1)), int(match.group(2))
