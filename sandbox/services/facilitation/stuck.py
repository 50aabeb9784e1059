"""Stuck, computed: no progress for N minutes, K failed checks in a row, or the hints exhausted.

Decisions (issue 12, point 2):

- Stuck is judged on each trainee's **active attempt** (the current attempt they touched
  last, as the trainee's panel shows it) while it is not completed; a scenario left
  half-done for another one does not make a trainee stuck.
- **Progress** is a step newly passed (a ``progressed`` statement of the attempt), else the
  attempt's start. A **failed check** is a check (``attempted``) that passed no new step;
  a ``progressed`` ends the run. Both read the xAPI log, nothing else is kept.
- **Hint ladder exhausted**: every hint of the step to do (the first step not passed) is
  open and the step is still not passed.
- Defaults: **10 minutes** (a shipped scenario takes 5 to 15 minutes) and **3 failed checks
  in a row**; a cohort's own values are kept in ``RoomSetting`` (1–480 minutes, 1–50 checks).
- A **stuck episode** is named by the attempt and its last progress; the facilitator's
  acknowledgement hides that episode only: progress then a new stall shows again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, RoomSetting
from sandbox.scenarios.schema import Scenario
from sandbox.services.workspace.now import wall_now

DEFAULT_MINUTES = 10
DEFAULT_FAILED_CHECKS = 3


@dataclass(frozen=True)
class Thresholds:
    """N minutes without progress, K failed checks in a row."""

    minutes: int = DEFAULT_MINUTES
    failed_checks: int = DEFAULT_FAILED_CHECKS


@dataclass(frozen=True)
class Facts:
    """What the rules read about one active attempt."""

    idle_minutes: float
    failed_in_row: int
    hints_exhausted: bool


class Reason(Enum):
    """Why a trainee is stuck; ``value`` is the letter the poll sends."""

    IDLE = "i"
    FAILING = "f"
    HINTS = "h"


REASON_WORDS = {
    Reason.IDLE: ("hajasonga mbele", "no progress"),
    Reason.FAILING: ("ukaguzi unashindwa", "checks failing"),
    Reason.HINTS: ("vidokezo vimekwisha", "hints used up"),
}

RULES: tuple[tuple[Reason, Callable[[Facts, Thresholds], bool]], ...] = (
    (Reason.IDLE, lambda f, t: f.idle_minutes >= t.minutes),
    (Reason.FAILING, lambda f, t: f.failed_in_row >= t.failed_checks),
    (Reason.HINTS, lambda f, t: f.hints_exhausted),
)


def stuck_reasons(facts: Facts, thresholds: Thresholds) -> tuple[Reason, ...]:
    """The rules that hold for these facts, in the rules' order (empty: not stuck)."""
    return tuple(reason for reason, holds in RULES if holds(facts, thresholds))


def thresholds_of(cohort: Cohort) -> Thresholds:
    """The cohort's thresholds, or the defaults when it has none saved."""
    row = db.session.get(RoomSetting, cohort.id)
    return Thresholds(row.stuck_minutes, row.failed_checks) if row else Thresholds()


def set_thresholds(cohort: Cohort, minutes: int, failed_checks: int) -> Thresholds:
    """Save the cohort's thresholds (the form checked the ranges); commits."""
    row = db.session.get(RoomSetting, cohort.id)
    if row is None:
        row = RoomSetting(cohort_id=cohort.id)
        db.session.add(row)
    row.stuck_minutes, row.failed_checks, row.changed_at = minutes, failed_checks, wall_now()
    db.session.commit()
    return Thresholds(minutes, failed_checks)


def failed_in_row(verbs: list[str]) -> int:
    """Checks since the last step passed: each ``attempted`` counts, a ``progressed`` resets."""
    run = 0
    for verb in verbs:
        if verb == "attempted":
            run += 1
        elif verb == "progressed":
            run = 0
    return run


def hints_exhausted(scenario: Scenario, steps_passed: list[str], opened: dict) -> bool:
    """True when every hint of the step to do is open (a step without hints never is)."""
    step = next((s for s in scenario.steps if s.id not in steps_passed), None)
    if step is None or not step.hints:
        return False
    return opened.get(step.id, 0) >= len(step.hints)


def idle_minutes(last_progress: datetime, now: datetime) -> float:
    """Minutes since the last progress (never negative)."""
    return max((now - last_progress).total_seconds() / 60, 0.0)


def cohort_settings_stamp(cohort_id: int) -> sa.ScalarSelect:
    """When the cohort's thresholds last changed (for the room's ETag)."""
    return (
        sa.select(RoomSetting.changed_at)
        .where(RoomSetting.cohort_id == cohort_id)
        .scalar_subquery()
    )
