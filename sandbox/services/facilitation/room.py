"""The live room: every trainee of a cohort × every scenario, with who needs help or is stuck.

Decisions (issue 12, point 2):

- A cell's status is the trainee's own list's (``runner.status_of``): *passed* once an
  attempt reached the pass mark, *in progress* while the current attempt is not complete,
  *failed* when completed below the pass mark (or restarted), else *not started*. Its
  figures (score, hints, attempts, time) are those of the attempt that says the status.
- Whole cohort, no cap, in a fixed number of queries (enrolments, attempts, help requests,
  acknowledgements, the active attempts' check and step statements): never one per trainee.
- Rows are in the order trainees joined; the row number is the neutral label projector mode
  shows instead of a name (a personal code is a sign-in name, so it is hidden as well).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, HelpRequest, ScenarioAttempt, User, XapiStatement
from sandbox.progress import Verb
from sandbox.scenarios.loader import Library
from sandbox.scenarios.schema import Scenario
from sandbox.services.facilitation import stuck
from sandbox.services.facilitation.acknowledgements import acknowledged_in
from sandbox.services.training.joining import shown_code
from sandbox.services.training.runner import Status, status_of
from sandbox.services.workspace.now import wall_now

STATUS_WORDS = {
    Status.NOT_STARTED: ("Haijaanzwa", "Not started"),
    Status.IN_PROGRESS: ("Inaendelea", "In progress"),
    Status.PASSED: ("Imefaulu", "Passed"),
    Status.FAILED: ("Haikufaulu", "Failed"),
}
CHECK_VERBS = (Verb.ATTEMPTED.iri(""), Verb.PROGRESSED.iri(""))  # ADL's: no base in them


@dataclass(frozen=True)
class Cell:
    """One trainee × scenario: status, score 0..1, hints, attempts, time, the attempt shown."""

    status: Status
    score: float | None = None
    hints: int = 0
    attempts: int = 0
    time_spent: timedelta | None = None
    attempt_id: int | None = None

    @property
    def score_percent(self) -> int | None:
        """The score as a whole percentage (what the matrix and the CSV show)."""
        return None if self.score is None else round(self.score * 100)

    @property
    def minutes(self) -> int | None:
        """Time spent in whole minutes."""
        return None if self.time_spent is None else int(self.time_spent.total_seconds() // 60)


NOT_STARTED = Cell(Status.NOT_STARTED)


@dataclass(frozen=True)
class Flag:
    """A help request or a stuck episode: its name, reasons, and if the facilitator saw it."""

    episode: str
    acknowledged: bool
    reasons: tuple[stuck.Reason, ...] = ()
    scenario_id: str | None = None


@dataclass(frozen=True)
class TraineeRow:
    """One trainee: row number, name, personal code, cells in the scenarios' order, flags."""

    number: int
    enrolment_id: int
    user_id: int
    name: str
    code: str
    cells: tuple[Cell, ...]
    help: Flag | None
    stuck: Flag | None


@dataclass(frozen=True)
class Room:
    """The whole matrix of a cohort."""

    cohort: Cohort
    scenarios: tuple[Scenario, ...]
    rows: tuple[TraineeRow, ...]
    thresholds: stuck.Thresholds
    now: datetime


def build_room(cohort: Cohort, library: Library) -> Room:
    """Every trainee × scenario of the cohort with help and stuck flags (a few queries)."""
    scenarios = tuple(library.in_order())
    enrolled = _enrolled(cohort)
    attempts = _attempts(cohort)
    thresholds, now = stuck.thresholds_of(cohort), wall_now()
    active = {u: a for u, a in ((u, _active(tried)) for u, tried in attempts.items()) if a}
    checks = _check_verbs([a.id for a in active.values() if not a.is_completed])
    seen, helps = acknowledged_in(cohort.id), _open_help(cohort)
    rows = []
    for number, (enrolment, name) in enumerate(enrolled, start=1):
        mine = attempts.get(enrolment.user_id, {})
        attempt = active.get(enrolment.user_id)
        rows.append(
            TraineeRow(
                number,
                enrolment.id,
                enrolment.user_id,
                name,
                shown_code(enrolment),
                tuple(cell_of(mine.get(s.id, [])) for s in scenarios),
                _help_flag(helps.get(enrolment.user_id), seen),
                _stuck_flag(attempt, library, checks, thresholds, now, seen),
            )
        )
    return Room(cohort, scenarios, tuple(rows), thresholds, now)


def cell_of(attempts: list[ScenarioAttempt]) -> Cell:
    """A cell from a trainee's attempts at one scenario, oldest first."""
    if not attempts:
        return NOT_STARTED  # most cells of a room: one shared value, no work
    status, shown = status_of(attempts)
    if shown is None:
        return Cell(status)
    checked = shown.checked_wall is not None
    return Cell(
        status,
        score=shown.score if checked else None,
        hints=sum((shown.hints_opened or {}).values()),
        attempts=len(attempts),
        time_spent=shown.checked_wall - shown.started_wall if checked else None,
        attempt_id=shown.id,
    )


def cohort_users(cohort_id: int) -> sa.Select:
    """The user ids of the cohort's trainees (a subquery)."""
    return sa.select(Enrolment.user_id).where(Enrolment.cohort_id == cohort_id)


def _enrolled(cohort: Cohort) -> list[tuple[Enrolment, str]]:
    """The cohort's enrolments in joining order, each with the trainee's name."""
    query = (
        sa.select(Enrolment, User.display_name)
        .join(User, User.id == Enrolment.user_id)
        .where(Enrolment.cohort_id == cohort.id)
        .order_by(Enrolment.id)
    )
    return [(enrolment, name) for enrolment, name in db.session.execute(query)]


ATTEMPT_COLUMNS = (
    ScenarioAttempt.id,
    ScenarioAttempt.user_id,
    ScenarioAttempt.scenario_id,
    ScenarioAttempt.hints_opened,
    ScenarioAttempt.steps_passed,
    ScenarioAttempt.score,
    ScenarioAttempt.is_completed,
    ScenarioAttempt.is_success,
    ScenarioAttempt.is_current,
    ScenarioAttempt.started_wall,
    ScenarioAttempt.checked_wall,
)


def _attempts(cohort: Cohort) -> dict[int, dict[str, list]]:
    """Every attempt in the trainees' own workspaces, by user then scenario, oldest first.

    Plain rows with the attempt's attribute names (``status_of`` reads them alike): a room
    reads a thousand attempts at every change, and entities cost twice as much to load."""
    query = (
        sa.select(*ATTEMPT_COLUMNS)
        .join(
            Enrolment,
            (Enrolment.user_id == ScenarioAttempt.user_id)
            & (Enrolment.workspace_id == ScenarioAttempt.workspace_id),
        )
        .where(Enrolment.cohort_id == cohort.id)
        .order_by(ScenarioAttempt.id)
    )
    found: dict[int, dict[str, list]] = defaultdict(dict)
    for attempt in db.session.execute(query):
        found[attempt.user_id].setdefault(attempt.scenario_id, []).append(attempt)
    return found


def _active(by_scenario: dict[str, list[ScenarioAttempt]]) -> ScenarioAttempt | None:
    """The current attempt touched last (``runner.active_attempt``'s rule, in memory)."""
    current = [a for tried in by_scenario.values() for a in tried if a.is_current]
    return max(current, key=lambda a: (a.checked_wall or a.started_wall, a.id), default=None)


def _check_verbs(attempt_ids: list[int]) -> dict[int, list[tuple[int, str, datetime]]]:
    """(statement id, verb key, stored) of the checks and steps passed, by attempt."""
    found: dict[int, list[tuple[int, str, datetime]]] = defaultdict(list)
    if not attempt_ids:
        return found
    query = (
        sa.select(
            XapiStatement.attempt_id, XapiStatement.id, XapiStatement.verb, XapiStatement.stored
        )
        .where(XapiStatement.attempt_id.in_(attempt_ids), XapiStatement.verb.in_(CHECK_VERBS))
        .order_by(XapiStatement.id)
    )
    for attempt_id, statement_id, verb, stored in db.session.execute(query):
        found[attempt_id].append((statement_id, verb.rsplit("/", 1)[-1], stored))
    return found


def _open_help(cohort: Cohort) -> dict[int, HelpRequest]:
    """The open help requests of the cohort's trainees, by user id."""
    query = sa.select(HelpRequest).where(
        HelpRequest.user_id.in_(cohort_users(cohort.id)), HelpRequest.withdrawn_at.is_(None)
    )
    return {request.user_id: request for request in db.session.scalars(query)}


def _help_flag(request: HelpRequest | None, seen: set) -> Flag | None:
    """The open help request as a flag (acknowledged when the facilitator saw this one)."""
    if request is None:
        return None
    episode = f"h{request.id}"
    return Flag(episode, (request.user_id, "help", episode) in seen, (), request.scenario_id)


def _stuck_flag(attempt, library, checks, thresholds, now, seen) -> Flag | None:
    """The active attempt's stuck episode, if a rule holds."""
    scenario = library.scenarios.get(attempt.scenario_id) if attempt else None
    if scenario is None or attempt.is_completed:
        return None
    mine = checks.get(attempt.id, [])
    progressed = [(i, stored) for i, verb, stored in mine if verb == Verb.PROGRESSED.value]
    last_id, last_at = progressed[-1] if progressed else (0, attempt.started_wall)
    facts = stuck.Facts(
        stuck.idle_minutes(max(last_at, attempt.started_wall), now),
        stuck.failed_in_row([verb for _, verb, _ in mine]),
        stuck.hints_exhausted(scenario, attempt.steps_passed or [], attempt.hints_opened or {}),
    )
    reasons = stuck.stuck_reasons(facts, thresholds)
    if not reasons:
        return None
    episode = f"{attempt.id}:{last_id}"
    return Flag(episode, (attempt.user_id, "stuck", episode) in seen, reasons, scenario.id)
