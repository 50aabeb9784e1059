"""Each trainee's results in a cohort: what they passed, their average score, their certificate.

Decisions (issue 12, point 6):

- **Passed** a scenario = any attempt of it with success (``ScenarioAttempt.is_success``,
  the score reached the pass mark; ``sandbox/scenarios/scoring.py``), current or not: a
  trainee who passed and then restarts to practise keeps the pass. An attempt a reset
  removed is gone, and so is its pass (the xAPI log keeps the history).
- **Score average** = the mean, over the scenarios the trainee had checked at least once,
  of their best checked score; None before any check. Shown as a percentage.
- **Required scenarios** default to every scenario of the library, until the facilitator
  chooses (``Cohort.required_scenarios``); ids no longer in the library are left out, and
  when none is left the default applies again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Certificate, Cohort, Enrolment, ScenarioAttempt, User
from sandbox.services.training.library import scenario_library


@dataclass(frozen=True)
class TraineeResult:
    """One trainee: enrolment, name, when they joined, scenarios passed, average, certificate."""

    enrolment_id: int
    name: str
    joined_at: datetime
    passed: frozenset[str]
    average: float | None
    required: tuple[str, ...]
    certificate: Certificate | None

    @property
    def required_passed(self) -> int:
        """How many of the required scenarios the trainee passed."""
        return sum(1 for s in self.required if s in self.passed)

    @property
    def missing(self) -> tuple[str, ...]:
        """The required scenarios still to pass."""
        return tuple(s for s in self.required if s not in self.passed)

    @property
    def is_eligible(self) -> bool:
        """True when every required scenario is passed."""
        return not self.missing


def required_of(cohort: Cohort) -> tuple[str, ...]:
    """The scenario ids the cohort requires, in the library's order (default: all of them)."""
    order = [s.id for s in scenario_library().in_order()]
    chosen = set(cohort.required_scenarios or ())
    kept = tuple(s for s in order if s in chosen)
    return kept or tuple(order)


def cohort_results(cohort: Cohort) -> list[TraineeResult]:
    """Every trainee of the cohort by name, with their results and valid certificate."""
    rows = db.session.execute(
        sa.select(Enrolment, User.display_name)
        .join(User, User.id == Enrolment.user_id)
        .where(Enrolment.cohort_id == cohort.id)
        .order_by(User.display_name, Enrolment.id)
    ).all()
    attempts = _attempts_by_user([e.user_id for e, _ in rows])
    certificates = _valid_certificates(cohort)
    required = required_of(cohort)
    return [
        _result(enrolment, name, attempts.get(enrolment.user_id, []), required, certificates)
        for enrolment, name in rows
    ]


def trainee_result(cohort: Cohort, enrolment_id: int) -> TraineeResult | None:
    """One trainee's results, or None when the enrolment is not of this cohort."""
    return next((r for r in cohort_results(cohort) if r.enrolment_id == enrolment_id), None)


def _attempts_by_user(user_ids: list[int]) -> dict[int, list[ScenarioAttempt]]:
    """The attempts of these users, grouped by user."""
    grouped: dict[int, list[ScenarioAttempt]] = defaultdict(list)
    if user_ids:
        query = sa.select(ScenarioAttempt).where(ScenarioAttempt.user_id.in_(user_ids))
        for attempt in db.session.scalars(query):
            grouped[attempt.user_id].append(attempt)
    return grouped


def _valid_certificates(cohort: Cohort) -> dict[int, Certificate]:
    """The newest certificate not revoked of each enrolment of the cohort."""
    query = (
        sa.select(Certificate)
        .where(Certificate.cohort_id == cohort.id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.id)
    )
    return {c.enrolment_id: c for c in db.session.scalars(query)}


def _result(enrolment, name, attempts, required, certificates) -> TraineeResult:
    """One trainee's line from their attempts."""
    passed = frozenset(a.scenario_id for a in attempts if a.is_success)
    best: dict[str, float] = {}
    for attempt in attempts:
        if attempt.checked_wall is not None:
            best[attempt.scenario_id] = max(best.get(attempt.scenario_id, 0.0), attempt.score)
    average = sum(best.values()) / len(best) if best else None
    return TraineeResult(
        enrolment.id,
        name,
        enrolment.joined_at,
        passed,
        average,
        required,
        certificates.get(enrolment.id),
    )
