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
    scenarios = _scenarios_by_user(cohort)
    certificates = _valid_certificates(cohort)
    required = required_of(cohort)
    return [
        _result(enrolment, name, scenarios.get(enrolment.user_id, {}), required, certificates)
        for enrolment, name in rows
    ]


def trainee_result(cohort: Cohort, enrolment_id: int) -> TraineeResult | None:
    """One trainee's results, or None when the enrolment is not of this cohort."""
    return next((r for r in cohort_results(cohort) if r.enrolment_id == enrolment_id), None)


def _scenarios_by_user(cohort: Cohort) -> dict[int, dict[str, tuple[bool, float | None]]]:
    """Per trainee of the cohort, per scenario tried: (passed in any attempt, best checked
    score or None), added up by the database (one row per trainee and scenario)."""
    attempt = ScenarioAttempt
    checked_score = sa.case((attempt.checked_wall.is_not(None), attempt.score))
    query = (
        sa.select(
            attempt.user_id,
            attempt.scenario_id,
            sa.func.max(sa.case((attempt.is_success, 1), else_=0)),
            sa.func.max(checked_score),
        )
        .join(Enrolment, Enrolment.user_id == attempt.user_id)
        .where(Enrolment.cohort_id == cohort.id)
        .group_by(attempt.user_id, attempt.scenario_id)
    )
    grouped: dict[int, dict[str, tuple[bool, float | None]]] = defaultdict(dict)
    for user_id, scenario_id, passed, best in db.session.execute(query):
        grouped[user_id][scenario_id] = (bool(passed), best)
    return grouped


def _valid_certificates(cohort: Cohort) -> dict[int, Certificate]:
    """The newest certificate not revoked of each enrolment of the cohort."""
    query = (
        sa.select(Certificate)
        .where(Certificate.cohort_id == cohort.id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.id)
    )
    return {c.enrolment_id: c for c in db.session.scalars(query)}


def _result(enrolment, name, scenarios, required, certificates) -> TraineeResult:
    """One trainee's line from their scenarios' (passed, best checked score)."""
    passed = frozenset(s for s, (ok, _) in scenarios.items() if ok)
    best = [score for _, score in scenarios.values() if score is not None]
    average = sum(best) / len(best) if best else None
    return TraineeResult(
        enrolment.id,
        name,
        enrolment.joined_at,
        passed,
        average,
        required,
        certificates.get(enrolment.id),
    )
