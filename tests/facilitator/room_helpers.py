"""Helpers for the live room's tests: a trainee's work through the real training services."""

from __future__ import annotations

from sandbox.extensions import db
from sandbox.models import User
from sandbox.services.training import runner
from sandbox.services.training.attempts import check_attempt, open_hint, placed_of
from sandbox.services.training.library import scenario_library
from sandbox.services.training.replay import replay

FIRST = "kuthibitisha-kwa-wakati"  # two steps, one hint each; every hint then solved: 78 %


def trainee_of(enrolment) -> User:
    """The enrolment's login."""
    return db.session.get(User, enrolment.user_id)


def start(enrolment, scenario_id: str = FIRST):
    """The trainee starts a scenario in their own workspace; the attempt."""
    return runner.begin_scenario(
        enrolment.workspace, trainee_of(enrolment), scenario_library(), scenario_id
    )


def check(enrolment, attempt):
    """ "Check my work" on the attempt; the outcome."""
    scenario = scenario_library().scenarios[attempt.scenario_id]
    return check_attempt(attempt, scenario, enrolment.workspace, trainee_of(enrolment))


def solve(enrolment, attempt) -> None:
    """Carry out the scenario's solution, then check it."""
    scenario = scenario_library().scenarios[attempt.scenario_id]
    replay(enrolment.workspace, trainee_of(enrolment), placed_of(attempt), scenario.solution)
    check(enrolment, attempt)


def open_every_hint(attempt, step_ids=None) -> None:
    """Open every hint of the given steps (all steps by default)."""
    scenario = scenario_library().scenarios[attempt.scenario_id]
    for step in scenario.steps:
        if step_ids is None or step.id in step_ids:
            for _ in step.hints:
                open_hint(attempt, scenario, step.id)
