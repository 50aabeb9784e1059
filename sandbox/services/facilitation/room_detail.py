"""One cell of the room in detail: steps, check results, hints, statements, time on the step.

Decisions: the detail shows the attempt that says the cell's status (``room.cell_of``).
Failed checks' messages are not stored, so for the current attempt they are computed now,
for this one cell only (``checking.check_work``, which only reads); an earlier attempt's
items may be gone, so it shows which steps passed and no check results. The statements
are those of the attempt's registration, with the verb and the step or hint they name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, ScenarioAttempt, User, Workspace, XapiStatement
from sandbox.progress import Verb
from sandbox.scenarios.loader import Library
from sandbox.scenarios.schema import Scenario
from sandbox.scenarios.scoring import CheckOutcome
from sandbox.services.facilitation.room import Cell, cell_of
from sandbox.services.training.attempts import placed_of
from sandbox.services.training.checking import check_work
from sandbox.services.workspace.now import wall_now


class CellNotFound(LookupError):
    """No such trainee in this cohort, or no such scenario (the view answers 404)."""


@dataclass(frozen=True)
class StepDetail:
    """A step: instruction, passed, hints opened of how many, its checks (None: not known)."""

    number: int
    instruction: tuple[str, str]
    passed: bool
    hints_opened: int
    hints_total: int
    checks: tuple[CheckOutcome, ...] | None


@dataclass(frozen=True)
class StatementLine:
    """One statement of the attempt: when, the verb key, what it was about, the score."""

    stored: datetime
    verb: str
    about: str
    score: float | None


@dataclass(frozen=True)
class CellDetail:
    """The whole detail page of a trainee × scenario."""

    enrolment: Enrolment
    name: str
    scenario: Scenario
    cell: Cell
    steps: tuple[StepDetail, ...]
    statements: tuple[StatementLine, ...]
    on_step: timedelta | None


def cell_detail(cohort: Cohort, enrolment_id: int, scenario_id: str, library: Library):
    """The detail of one cell (CellNotFound for another cohort's trainee or no scenario)."""
    enrolment = db.session.get(Enrolment, enrolment_id)
    scenario = library.scenarios.get(scenario_id)
    if enrolment is None or enrolment.cohort_id != cohort.id or scenario is None:
        raise CellNotFound(enrolment_id, scenario_id)
    user = db.session.get(User, enrolment.user_id)
    attempts = _attempts(enrolment, scenario.id)
    cell = cell_of(attempts)
    attempt = db.session.get(ScenarioAttempt, cell.attempt_id) if cell.attempt_id else None
    statements = _statements(attempt)
    return CellDetail(
        enrolment,
        user.display_name,
        scenario,
        cell,
        _steps(scenario, attempt, enrolment.workspace, user),
        tuple(statements),
        _on_step(attempt, statements),
    )


def _attempts(enrolment: Enrolment, scenario_id: str) -> list[ScenarioAttempt]:
    """The trainee's attempts at the scenario in their own workspace, oldest first."""
    return list(
        db.session.scalars(
            sa.select(ScenarioAttempt)
            .where(
                ScenarioAttempt.user_id == enrolment.user_id,
                ScenarioAttempt.workspace_id == enrolment.workspace_id,
                ScenarioAttempt.scenario_id == scenario_id,
            )
            .order_by(ScenarioAttempt.id)
        )
    )


def _steps(scenario: Scenario, attempt, workspace: Workspace, user: User):
    """Each step with what the attempt stored, and its checks run now if it is current."""
    outcome = None
    if attempt is not None and attempt.is_current:
        outcome = check_work(workspace, user, scenario, placed_of(attempt), attempt.hints_opened)
    passed = set(attempt.steps_passed or []) if attempt else set()
    opened = (attempt.hints_opened or {}) if attempt else {}
    return tuple(
        StepDetail(
            number,
            (step.instruction.sw, step.instruction.en),
            step.id in passed,
            opened.get(step.id, 0),
            len(step.hints),
            outcome.step(step.id).checks if outcome else None,
        )
        for number, step in enumerate(scenario.steps, start=1)
    )


def _statements(attempt) -> list[StatementLine]:
    """The statements of the attempt's registration, in the order recorded."""
    if attempt is None:
        return []
    rows = db.session.scalars(
        sa.select(XapiStatement)
        .where(XapiStatement.registration == attempt.registration)
        .order_by(XapiStatement.id)
    )
    return [_line(row) for row in rows]


def _line(row: XapiStatement) -> StatementLine:
    """A statement as a line: its verb's key, the last part of its object id, its score."""
    body = row.body
    about = str(body.get("object", {}).get("id", "")).split("/scenarios/")[-1]
    score = (body.get("result") or {}).get("score", {}).get("scaled")
    return StatementLine(row.stored, row.verb.rsplit("/", 1)[-1], about, score)


def _on_step(attempt, statements: list[StatementLine]) -> timedelta | None:
    """Time on the step to do: since the last step passed (else the start); None when done."""
    if attempt is None or attempt.is_completed:
        return None
    progressed = [s.stored for s in statements if s.verb == Verb.PROGRESSED.value]
    since = progressed[-1] if progressed else attempt.started_wall
    return max(wall_now() - since, timedelta(0))
