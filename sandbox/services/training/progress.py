"""A trainee's progress as xAPI statements, recorded in the transaction of the action itself.

Each ``record_*`` adds its statements to the session and never commits: the action that
causes them commits them (``attempts.start_attempt``, ``open_hint``, ``check_attempt``), so
a statement exists exactly when its action does — a server killed after the trainee saw the
action acknowledged has both, one killed before has neither. Verbs, IRIs and shapes:
``sandbox/progress`` and ``docs/SCENARIOS.md`` ("Progress as xAPI").
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app, has_request_context

from sandbox.extensions import db
from sandbox.i18n import current_language
from sandbox.models import ScenarioAttempt, User, Workspace, XapiStatement
from sandbox.progress import (
    Activity,
    AttemptContext,
    Outcome,
    Trainee,
    Verb,
    build_statement,
    cohort_activity,
    hint_activity,
    scenario_activity,
    step_activity,
    validate,
)
from sandbox.scenarios.schema import Scenario
from sandbox.scenarios.scoring import Outcome as CheckOutcome
from sandbox.services.training.joining import enrolment_of, shown_code
from sandbox.services.workspace.now import wall_now, workspace_now


def base_iri() -> str:
    """The installation's base IRI (``XAPI_BASE_IRI``): account home page, root of own IRIs."""
    return current_app.config["XAPI_BASE_IRI"]


def record_launched(attempt: ScenarioAttempt, scenario: Scenario) -> None:
    """``launched`` the scenario: the attempt has just been started (flushes it for its id)."""
    db.session.flush()
    _record(attempt, scenario, Verb.LAUNCHED, scenario_activity(base_iri(), scenario))


def record_hint_opened(
    attempt: ScenarioAttempt, scenario: Scenario, step_id: str, number: int
) -> None:
    """``viewed`` the ``number``-th hint (from 1) of a step."""
    base = base_iri()
    parents = (step_activity(base, scenario, step_id), scenario_activity(base, scenario))
    hint = hint_activity(base, scenario, step_id, number)
    _record(attempt, scenario, Verb.VIEWED, hint, parents=parents)


def record_check(attempt: ScenarioAttempt, scenario: Scenario, outcome: CheckOutcome) -> None:
    """A check of the work, before the attempt stores it: ``attempted`` with the result, then
    ``progressed`` per step newly passed, ``completed`` when every step first passes,
    ``passed`` when the score first reaches the pass mark, ``failed`` when completed below it.
    """
    base = base_iri()
    whole = scenario_activity(base, scenario)
    result = Outcome(
        score=outcome.score,
        success=outcome.success,
        completion=outcome.completed,
        duration=wall_now() - attempt.started_wall,
    )
    _record(attempt, scenario, Verb.ATTEMPTED, whole, outcome=result)
    before = set(attempt.steps_passed or [])
    for step in outcome.steps:
        if step.passed and step.id not in before:
            done = Outcome(success=True, completion=True)
            target = step_activity(base, scenario, step.id)
            _record(attempt, scenario, Verb.PROGRESSED, target, (whole,), done)
    if outcome.completed and not attempt.is_completed:
        _record(attempt, scenario, Verb.COMPLETED, whole, outcome=result)
    if outcome.success and not attempt.is_success:
        _record(attempt, scenario, Verb.PASSED, whole, outcome=result)
    elif outcome.completed and not attempt.is_completed and not outcome.success:
        _record(attempt, scenario, Verb.FAILED, whole, outcome=result)


def record_event(
    attempt: ScenarioAttempt,
    scenario: Scenario,
    verb: Verb,
    step_id: str | None = None,
    outcome: Outcome | None = None,
) -> str:
    """For callers with events of their own (the runner): one statement about the scenario or
    one of its steps, in the caller's transaction (the caller commits). Returns its id."""
    base = base_iri()
    whole = scenario_activity(base, scenario)
    if step_id is None:
        return _record(attempt, scenario, verb, whole, outcome=outcome)
    target = step_activity(base, scenario, step_id)
    return _record(attempt, scenario, verb, target, (whole,), outcome)


def record_statement(
    user: User,
    verb: Verb,
    target: Activity | str,
    attempt: ScenarioAttempt | None = None,
    scenario: Scenario | None = None,
    parents: tuple[Activity, ...] = (),
    outcome: Outcome | None = None,
) -> str:
    """Build, validate and add one statement about ``user`` (not committed); its id."""
    base = base_iri()
    workspace = db.session.get(Workspace, attempt.workspace_id) if attempt else user.workspace
    enrolment = enrolment_of(user)
    context = AttemptContext(
        language=_language(enrolment),
        registration=attempt.registration if attempt else None,
        cohort=(
            cohort_activity(base, enrolment.cohort_id, enrolment.cohort.name) if enrolment else None
        ),
        parents=parents,
        revision=str(scenario.version) if scenario else None,
        sandbox_time=workspace_now(workspace) if workspace is not None else None,
    )
    now = wall_now()
    statement = build_statement(base, trainee_of(user), verb, target, context, now, outcome)
    validate(statement)
    db.session.add(
        XapiStatement(
            statement_id=statement["id"],
            verb=statement["verb"]["id"],
            user_id=user.id,
            attempt_id=attempt.id if attempt else None,
            registration=context.registration,
            body=statement,
            stored=now,
        )
    )
    return statement["id"]


def trainee_of(user: User) -> Trainee:
    """The actor's account: the personal code, or ``user-<id>`` for a login made on the CLI."""
    enrolment = enrolment_of(user)
    return Trainee(shown_code(enrolment) if enrolment else f"user-{user.id}")


def statements_of(user: User) -> list[dict[str, Any]]:
    """The trainee's statements in the order they were recorded, as plain dicts."""
    rows = db.session.scalars(
        sa.select(XapiStatement.body)
        .where(XapiStatement.user_id == user.id)
        .order_by(XapiStatement.id)
    )
    return [dict(body) for body in rows]


def _record(
    attempt: ScenarioAttempt,
    scenario: Scenario,
    verb: Verb,
    target: Activity,
    parents: tuple[Activity, ...] = (),
    outcome: Outcome | None = None,
) -> str:
    """One statement about the attempt's trainee, within the attempt's registration."""
    user = db.session.get(User, attempt.user_id)
    return record_statement(user, verb, target, attempt, scenario, parents, outcome)


def _language(enrolment) -> str:
    """The language the trainee works in: this request's, else the cohort's, else Swahili."""
    if has_request_context():
        return current_language()
    return enrolment.cohort.language if enrolment else "sw"
