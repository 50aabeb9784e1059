"""What "Maendeleo yangu / My progress" shows: every scenario by competency, with the status,
score, hints used and time spent of the trainee's current attempt, and their help flag.

A scenario is listed under its first competency (its main one), so no row repeats on a
phone; the others are the scenario's business. Only ever built for the signed-in trainee.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import HelpRequest, ScenarioAttempt, User
from sandbox.services.training.help import open_help_request
from sandbox.services.training.library import scenario_library

Words = tuple[str, str]


class Status(Enum):
    """Where the trainee stands in a scenario."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"  # every step done, the score below the pass mark
    PASSED = "passed"  # the score reached the pass mark


@dataclass(frozen=True)
class ScenarioLine:
    """One scenario: title, status, score 0..1, hints used, time spent, attempts made."""

    scenario_id: str
    title: Words
    minutes: int
    status: Status
    score: float | None = None
    hints_used: int = 0
    time_spent: timedelta | None = None
    attempts: int = 0


@dataclass(frozen=True)
class CompetencyLine:
    """A competency and its scenarios."""

    id: str
    name: Words
    scenarios: tuple[ScenarioLine, ...]

    @property
    def passed(self) -> int:
        """How many of its scenarios the trainee passed."""
        return sum(1 for s in self.scenarios if s.status is Status.PASSED)


@dataclass(frozen=True)
class MyProgress:
    """The whole page: competencies in the file's order, and the open help request."""

    competencies: tuple[CompetencyLine, ...]
    help: HelpRequest | None

    @property
    def passed(self) -> int:
        """Scenarios passed, all competencies together."""
        return sum(c.passed for c in self.competencies)

    @property
    def total(self) -> int:
        """Scenarios there are."""
        return sum(len(c.scenarios) for c in self.competencies)


def my_progress(user: User) -> MyProgress:
    """The signed-in trainee's progress page."""
    library = scenario_library()
    attempts = db.session.scalars(
        sa.select(ScenarioAttempt)
        .where(ScenarioAttempt.user_id == user.id)
        .order_by(ScenarioAttempt.id)
    ).all()
    lines: dict[str, list[ScenarioLine]] = {c: [] for c in library.competencies}
    for scenario in library.in_order():
        mine = [a for a in attempts if a.scenario_id == scenario.id]
        current = next((a for a in reversed(mine) if a.is_current), None)
        title = (scenario.title.sw, scenario.title.en)
        line = ScenarioLine(scenario.id, title, scenario.minutes, Status.NOT_STARTED)
        if current is not None:
            line = _line(line, current, len(mine))
        lines.setdefault(scenario.competencies[0], []).append(line)
    competencies = tuple(
        CompetencyLine(c.id, (c.name.sw, c.name.en), tuple(lines[c.id]))
        for c in library.competencies.values()
        if lines.get(c.id)
    )
    return MyProgress(competencies, open_help_request(user))


def _line(line: ScenarioLine, attempt: ScenarioAttempt, count: int) -> ScenarioLine:
    """The line filled from the current attempt."""
    if attempt.is_success:
        status = Status.PASSED
    elif attempt.is_completed:
        status = Status.COMPLETED
    else:
        status = Status.IN_PROGRESS
    spent = attempt.checked_wall - attempt.started_wall if attempt.checked_wall else None
    return ScenarioLine(
        line.scenario_id,
        line.title,
        line.minutes,
        status,
        score=attempt.score if attempt.checked_wall else None,
        hints_used=sum((attempt.hints_opened or {}).values()),
        time_spent=spent,
        attempts=count,
    )
