"""A trainee's attempts at scenarios: start (the setup applied), open a hint, check the work.

The one place attempts change; each call commits. The web panel (next) calls these:
start on "Anza / Start", ``open_hint`` on a hint, ``check_attempt`` on "Kagua kazi yangu /
Check my work" and after each desk action. Restarting starts a new attempt and keeps the
earlier one in history (no longer current). Items of an earlier attempt stay in the
workspace; resetting them belongs to the workspace reset (another branch).
"""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import ScenarioAttempt, User, Workspace
from sandbox.scenarios.schema import Hint, Scenario
from sandbox.scenarios.scoring import Outcome
from sandbox.services.training.checking import check_work
from sandbox.services.training.progress import record_check, record_hint_opened, record_launched
from sandbox.services.training.setup import Placed, apply_setup
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import BilingualError


class AttemptRefused(BilingualError, ValueError):
    """Not this attempt's scenario, no such step, or no hint left to open."""


NOT_THIS_SCENARIO = ("Jaribio hili si la hali hii.", "This attempt is not of this scenario.")


def current_attempt(workspace: Workspace, user: User, scenario_id: str) -> ScenarioAttempt | None:
    """The user's current attempt at a scenario in this workspace, if any."""
    return db.session.scalar(
        sa.select(ScenarioAttempt).where(
            ScenarioAttempt.workspace_id == workspace.id,
            ScenarioAttempt.user_id == user.id,
            ScenarioAttempt.scenario_id == scenario_id,
            ScenarioAttempt.is_current.is_(True),
        )
    )


def start_attempt(workspace: Workspace, user: User, scenario: Scenario) -> ScenarioAttempt:
    """Apply the scenario's setup and record a new current attempt (earlier ones kept), in
    one transaction: a start that loses a race (``uq_attempt_current``) leaves nothing."""
    placed = apply_setup(workspace, user, scenario, commit=False)
    earlier = current_attempt(workspace, user, scenario.id)
    if earlier is not None:
        earlier.is_current = False
    db.session.flush()  # the earlier one not current before the new one is (the index)
    attempt = ScenarioAttempt(
        workspace_id=workspace.id,
        user_id=user.id,
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        placed={"items": placed.items, "staff": placed.staff, "first_new_id": placed.first_new_id},
        hints_opened={},
        steps_passed=[],
        started_at=placed.started_at,
        started_wall=wall_now(),
    )
    db.session.add(attempt)
    record_launched(attempt, scenario)
    db.session.commit()
    return attempt


def placed_of(attempt: ScenarioAttempt) -> Placed:
    """What the attempt's setup placed, as the engine reads it."""
    stored = attempt.placed
    return Placed(
        items=dict(stored["items"]),
        staff=dict(stored.get("staff", {})),
        first_new_id=stored["first_new_id"],
        started_at=attempt.started_at,
    )


def open_hint(attempt: ScenarioAttempt, scenario: Scenario, step_id: str) -> Hint:
    """Open the next hint of a step and record it (its cost counts if the step passes)."""
    step = _step(attempt, scenario, step_id)
    opened = attempt.hints_opened.get(step_id, 0)
    if attempt.is_completed:  # a hint now would only lower a score already earned
        raise AttemptRefused(
            "Hali hii imekamilika: vidokezo vyake havifunguliwi tena.",
            "This scenario is complete: its hints no longer open.",
        )
    if opened >= len(step.hints):
        raise AttemptRefused(
            "Hakuna kidokezo kingine kwa hatua hii.", "There is no other hint for this step."
        )
    attempt.hints_opened = {**attempt.hints_opened, step_id: opened + 1}
    record_hint_opened(attempt, scenario, step_id, opened + 1)
    db.session.commit()
    return step.hints[opened]


def check_attempt(
    attempt: ScenarioAttempt,
    scenario: Scenario,
    workspace: Workspace,
    user: User,
    outcome: Outcome | None = None,
) -> Outcome:
    """Evaluate the workspace now (or take ``outcome``, evaluated a moment ago in this
    request) and store the result on the attempt."""
    if attempt.scenario_id != scenario.id or attempt.workspace_id != workspace.id:
        raise AttemptRefused(
            "Jaribio hili si la hali hii.", "This attempt is not of this scenario."
        )
    if outcome is None:
        outcome = check_work(workspace, user, scenario, placed_of(attempt), attempt.hints_opened)
    record_check(attempt, scenario, outcome)  # before the attempt stores it: what is new
    attempt.score = outcome.score
    attempt.is_completed, attempt.is_success = outcome.completed, outcome.success
    attempt.steps_passed = [s.id for s in outcome.steps if s.passed]
    attempt.checked_wall = wall_now()
    db.session.commit()
    return outcome


def _step(attempt: ScenarioAttempt, scenario: Scenario, step_id: str):
    """The scenario's step with this id, for this attempt."""
    if attempt.scenario_id != scenario.id:
        raise AttemptRefused(
            "Jaribio hili si la hali hii.", "This attempt is not of this scenario."
        )
    try:
        return scenario.step(step_id)
    except KeyError:
        raise AttemptRefused(
            f"Hakuna hatua '{step_id}'.", f"There is no step '{step_id}'."
        ) from None
