"""What keeps generation fast and its texts at hand: seeded dice, a memoising calendar,
and the response texts of ``responses.yaml`` (pure Python, no Flask, no database).
"""

from __future__ import annotations

import random
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sandbox.seeding.data import SeedData
from sandbox.seeding.loader import default_seed_dir
from sandbox.workflow import WorkingCalendar


@cache
def load_responses(directory: Path | None = None) -> dict[str, Any]:
    """The officer, citizen and leader texts of responses.yaml (memoised per folder)."""
    path = (directory or default_seed_dir()) / "responses.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def responses_dir(seed_data: SeedData) -> Path:
    """The seed data's own folder when it has responses.yaml, else the repository's."""
    folder = seed_data.source_dir
    return folder if folder and (folder / "responses.yaml").exists() else default_seed_dir()


class Dice:
    """Seeded choices built on ``random()`` alone: several times faster than ``choice``."""

    def __init__(self, seed: int) -> None:
        """A fresh random source for ``seed``."""
        self.random = random.Random(seed).random

    def pick(self, seq):
        """One element of a non-empty sequence."""
        return seq[int(self.random() * len(seq))]

    def between(self, lo: int, hi: int) -> int:
        """An integer from lo to hi inclusive."""
        return lo + int(self.random() * (hi - lo + 1))


class MemoCalendar(WorkingCalendar):
    """A calendar answering from memo: working-day sums depend only on dates."""

    def __init__(self, inner: WorkingCalendar) -> None:
        """Wrap ``inner``; every answer is ``inner``'s, computed once."""
        super().__init__(inner.country, inner.extra_closed_days)
        self._inner = inner
        self._added: dict[tuple[int, int], datetime] = {}
        self._between: dict[tuple[int, int], int] = {}

    def is_working_day(self, day) -> bool:
        """As the wrapped calendar."""
        return self._inner.is_working_day(day)

    def add_working_days(self, start: datetime, n: int) -> datetime:
        """As the wrapped calendar, memoised on (date, n)."""
        key = (start.toordinal(), n)
        found = self._added.get(key)
        if found is None:
            found = self._added[key] = self._inner.add_working_days(start, n)
        return found

    def working_days_between(self, a: datetime, b: datetime) -> int:
        """As the wrapped calendar, memoised on the two dates."""
        if b <= a:
            return 0
        key = (a.toordinal(), b.toordinal())
        found = self._between.get(key)
        if found is None:
            found = self._between[key] = self._inner.working_days_between(a, b)
        return found
