"""Running scenarios for a trainee: the list, starting, the panel, retrying and restarting.

Beside ``attempts.py`` (which these call and never change). Decisions (docs/SCENARIOS.md,
"Running a scenario"):

- **Status** of a scenario for a trainee: *passed* once any attempt reached the pass mark;
  else *in progress* while the current attempt is not completed; *failed* when it was
  completed (every step) below the pass mark, or restarted; else *not started*.
- **Locking**: a scenario opens once each of its prerequisites is passed.
- **The active attempt** (the one the panel shows and the desk's actions check) is the
  trainee's current attempt touched last (started, checked or continued).
- **Retry a step**: the setup items its checks name are removed (a reset at the grain of
  items) and placed again from the scenario with fresh rows, as at the start of the
  attempt; every step reading those items starts over. Hints opened stay opened.
- **Restart**: the current attempt's items are removed, a new attempt starts; the
  earlier attempt row stays in history with its score.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import Feedback, ScenarioAttempt, User, Workspace
from sandbox.scenarios.loader import Library
from sandbox.scenarios.schema import Clock, Competency, Hint, Scenario, Step
from sandbox.scenarios.scoring import Outcome
from sandbox.services.training.attempts import (
    AttemptRefused,
    check_attempt,
    current_attempt,
    placed_of,
    start_attempt,
)
from sandbox.services.training.checking import check_work
from sandbox.services.training.setup import apply_setup
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.seeding import delete_items


class Status(enum.Enum):
    """Where a trainee stands with one scenario."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    PASSED = "passed"
    FAILED = "failed"


class AttemptNotFound(LookupError):
    """No such attempt of this trainee (another trainee's id is the same: 404)."""


class ScenarioLocked(AttemptRefused):
    """A prerequisite is not passed yet."""


class UnknownScenario(LookupError):
    """No scenario with this id in the library."""


@dataclass(frozen=True)
class Row:
    """One scenario on the trainee's list."""

    scenario: Scenario
    status: Status
    score: float | None
    locked_by: tuple[Scenario, ...]
    attempt_id: int | None

    @property
    def is_locked(self) -> bool:
        """True while a prerequisite is not passed."""
        return bool(self.locked_by)


@dataclass(frozen=True)
class Group:
    """The scenarios of one competency (a scenario is listed under its first)."""

    competency: Competency
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Panel:
    """What the scenario panel shows: the step to do, its hints, progress and score."""

    attempt: ScenarioAttempt
    scenario: Scenario
    passed: frozenset[str]
    step: Step | None  # the first step not passed; None when all passed
    hints: tuple[Hint, ...]  # opened on that step
    next_hint: Hint | None

    @property
    def done(self) -> int:
        """Steps passed."""
        return len(self.passed)

    @property
    def total(self) -> int:
        """Steps of the scenario."""
        return len(self.scenario.steps)

    @property
    def step_number(self) -> int:
        """1-based number of the step to do."""
        return self.scenario.steps.index(self.step) + 1 if self.step else self.total


def scenario_of(library: Library, scenario_id: str) -> Scenario:
    """The library's scenario (UnknownScenario: 404)."""
    try:
        return library.scenarios[scenario_id]
    except KeyError:
        raise UnknownScenario(scenario_id) from None


def attempts_by_scenario(workspace: Workspace, user: User) -> dict[str, list[ScenarioAttempt]]:
    """The trainee's attempts in their workspace, oldest first, by scenario id."""
    found: dict[str, list[ScenarioAttempt]] = {}
    for attempt in db.session.scalars(
        sa.select(ScenarioAttempt)
        .where(ScenarioAttempt.workspace_id == workspace.id, ScenarioAttempt.user_id == user.id)
        .order_by(ScenarioAttempt.id)
    ):
        found.setdefault(attempt.scenario_id, []).append(attempt)
    return found


def status_of(attempts: list[ScenarioAttempt]) -> tuple[Status, ScenarioAttempt | None]:
    """A scenario's status from its attempts, and the attempt that says it."""
    if not attempts:
        return Status.NOT_STARTED, None
    best = max((a for a in attempts if a.is_success), key=lambda a: a.score, default=None)
    if best is not None:
        return Status.PASSED, best
    latest = attempts[-1]
    if latest.is_current and not latest.is_completed:
        return Status.IN_PROGRESS, latest
    return Status.FAILED, latest


def scenario_board(workspace: Workspace, user: User, library: Library) -> list[Group]:
    """The trainee's scenarios by competency, in prerequisite order, with status and locks."""
    attempts = attempts_by_scenario(workspace, user)
    passed = {sid for sid, tried in attempts.items() if status_of(tried)[0] is Status.PASSED}
    rows: dict[str, list[Row]] = {}
    for scenario in library.in_order():
        status, shown = status_of(attempts.get(scenario.id, []))
        locked = tuple(library.scenarios[p] for p in scenario.prerequisites if p not in passed)
        row = Row(scenario, status, shown.score if shown else None, locked, shown and shown.id)
        rows.setdefault(scenario.competencies[0], []).append(row)
    return [
        Group(library.competencies[cid], tuple(rows[cid]))
        for cid in library.competencies
        if cid in rows
    ]


def is_unlocked(workspace: Workspace, user: User, library: Library, scenario: Scenario) -> bool:
    """True when every prerequisite of the scenario is passed."""
    attempts = attempts_by_scenario(workspace, user)
    return all(status_of(attempts.get(p, []))[0] is Status.PASSED for p in scenario.prerequisites)


UNSAID = "unsaid"  # a start request that does not say which attempt it replaces


def begin_scenario(
    workspace: Workspace,
    user: User,
    library: Library,
    scenario_id: str,
    replaces: int | str | None = UNSAID,
) -> ScenarioAttempt:
    """Start a scenario (or start it again): its setup into the trainee's own workspace.

    ``replaces`` is the attempt the trainee's form was shown for (None: a first start). A
    second click of the same form (a double-click, a second tab) finds that attempt already
    replaced and gets the current one back instead of a third start; two starts racing each
    other end with one attempt and no error (the loser is answered with the winner's).
    """
    scenario = scenario_of(library, scenario_id)
    if not is_unlocked(workspace, user, library, scenario):
        raise ScenarioLocked(
            "Hali hii bado imefungwa: maliza kwanza hali zinazotangulia.",
            "This scenario is still locked: pass the scenarios before it first.",
        )
    earlier = current_attempt(workspace, user, scenario.id)
    if replaces != UNSAID and earlier is not None and earlier.id != replaces:
        return earlier  # this form's start (or restart) has been done already
    old_items = list(earlier.placed["items"].values()) if earlier is not None else []
    try:
        attempt = start_attempt(workspace, user, scenario)  # commits; the earlier one kept
    except IntegrityError:  # a racing start won (uq_attempt_current, or the same references)
        db.session.rollback()
        current = current_attempt(workspace, user, scenario.id)
        if current is None:
            raise AttemptRefused(
                "Hali hii inaanzishwa kwenye dirisha jingine. Jaribu tena.",
                "This scenario is being started in another window. Try again.",
            ) from None
        return current
    delete_items(workspace, old_items)  # after: new rows never take a removed row's id
    db.session.commit()
    return attempt


def own_attempt(workspace: Workspace, user: User, attempt_id: int) -> ScenarioAttempt:
    """The trainee's own attempt by id (AttemptNotFound for anyone else's)."""
    attempt = db.session.get(ScenarioAttempt, attempt_id)
    if attempt is None or attempt.user_id != user.id or attempt.workspace_id != workspace.id:
        raise AttemptNotFound(attempt_id)
    return attempt


def active_attempt(workspace: Workspace, user: User) -> ScenarioAttempt | None:
    """The current attempt the trainee touched last (the panel's), if any."""
    touched = sa.func.coalesce(ScenarioAttempt.checked_wall, ScenarioAttempt.started_wall)
    return db.session.scalar(
        sa.select(ScenarioAttempt)
        .where(
            ScenarioAttempt.workspace_id == workspace.id,
            ScenarioAttempt.user_id == user.id,
            ScenarioAttempt.is_current.is_(True),
        )
        .order_by(touched.desc(), ScenarioAttempt.id.desc())
        .limit(1)
    )


def panel_for(workspace: Workspace, user: User, library: Library) -> Panel | None:
    """The panel of the active attempt, from what its last check stored (reads only)."""
    attempt = active_attempt(workspace, user)
    scenario = library.scenarios.get(attempt.scenario_id) if attempt else None
    if attempt is None or scenario is None:
        return None
    passed = frozenset(attempt.steps_passed)
    step = next((s for s in scenario.steps if s.id not in passed), None)
    opened = attempt.hints_opened.get(step.id, 0) if step else 0
    hints = tuple(step.hints[:opened]) if step else ()
    next_hint = step.hints[opened] if step and opened < len(step.hints) else None
    return Panel(attempt, scenario, passed, step, hints, next_hint)


def check_own(
    workspace: Workspace, user: User, library: Library, attempt_id: int
) -> tuple[ScenarioAttempt, Outcome]:
    """Check the trainee's own attempt now and store the result (it becomes the active one)."""
    attempt = own_attempt(workspace, user, attempt_id)
    scenario = scenario_of(library, attempt.scenario_id)
    return attempt, check_attempt(attempt, scenario, workspace, user)


def check_after_action(
    workspace: Workspace, user: User, library: Library, item_id: int | None = None
) -> list[Step]:
    """After an action of the trainee: check the active attempt; the steps that just passed
    and are about the acted item (``_is_about``), to announce.

    An action on one item (``item_id``) that is neither the attempt's nor made during it
    cannot change what the checks read (the view holds only those), so nothing is checked.
    """
    attempt = active_attempt(workspace, user)
    scenario = library.scenarios.get(attempt.scenario_id) if attempt else None
    if attempt is None or scenario is None or attempt.is_completed:
        return []
    if item_id is not None and not _reads(attempt, item_id):
        return []
    before = set(attempt.steps_passed)
    seen = check_work(workspace, user, scenario, placed_of(attempt), attempt.hints_opened)
    if _unchanged(attempt, seen):
        return []  # most actions change no step: nothing to store, no write after the action
    outcome = check_attempt(attempt, scenario, workspace, user, seen)  # stores, says so
    passed = [scenario.step(s.id) for s in outcome.steps if s.passed and s.id not in before]
    return [step for step in passed if _is_about(step, _key_of(attempt, item_id))]


def _key_of(attempt: ScenarioAttempt, item_id: int | None) -> str | None:
    """The setup key of the acted item ("" for an item made during the attempt; None: none)."""
    if item_id is None:
        return None
    keys = {placed_id: key for key, placed_id in attempt.placed["items"].items()}
    return keys.get(item_id, "")


def _is_about(step: Step, key: str | None) -> bool:
    """True when the step may be announced after acting on ``key``: one of its checks reads
    that item, or reads no one setup item (what the trainee made). A step that passed
    without the trainee's doing ("do not escalate the others") is stored, not announced
    after an action on another item (a tester's finding: it read as praise for nothing)."""
    items = [getattr(c.params_of(), "item", None) for c in step.checks]
    return key is None or any(item is None or item == key for item in items)


def _unchanged(attempt: ScenarioAttempt, outcome: Outcome) -> bool:
    """True when the outcome is what the attempt already stores."""
    passed = [s.id for s in outcome.steps if s.passed]
    return (
        passed == list(attempt.steps_passed)
        and outcome.score == attempt.score
        and outcome.completed == attempt.is_completed
        and outcome.success == attempt.is_success
    )


def _reads(attempt: ScenarioAttempt, item_id: int) -> bool:
    """True when the attempt's checks read this item (a setup item or one made since)."""
    placed = attempt.placed
    return item_id in placed["items"].values() or item_id >= placed["first_new_id"]


def continue_attempt(workspace: Workspace, user: User, attempt_id: int) -> ScenarioAttempt:
    """Make a current attempt of the trainee the active one (the panel follows it)."""
    attempt = own_attempt(workspace, user, attempt_id)
    if not attempt.is_current:
        raise AttemptRefused(
            "Jaribio hili limeshaanzwa upya; endelea na jipya.",
            "This attempt was restarted; continue the new one.",
        )
    latest = active_attempt(workspace, user)
    now = wall_now()
    if latest is not None and latest.id != attempt.id:
        # stored times have whole seconds: a click in the same second still moves ahead
        now = max(now, _touched(latest) + timedelta(microseconds=1))
    attempt.checked_wall = now
    db.session.commit()
    return attempt


def _touched(attempt: ScenarioAttempt) -> datetime:
    """When the trainee last touched an attempt (its last check, else its start)."""
    return attempt.checked_wall or attempt.started_wall


def retry_step(
    workspace: Workspace, user: User, library: Library, attempt_id: int, step_id: str
) -> ScenarioAttempt:
    """Place the items a step's checks read again, fresh from the setup; check the attempt.

    Refused once the attempt is complete (every step passed): a retry would take back a
    pass the trainee earned; a restart keeps it in history."""
    attempt = own_attempt(workspace, user, attempt_id)
    scenario = scenario_of(library, attempt.scenario_id)
    if not attempt.is_current:
        raise AttemptRefused(
            "Jaribio hili limeshaanzwa upya; endelea na jipya.",
            "This attempt was restarted; continue the new one.",
        )
    if attempt.is_completed:  # a pass earned is kept: practise again with a restart
        raise AttemptRefused(
            "Hali hii imekamilika; hatua zake hazirudiwi. Anza upya kuifanya tena: jaribio hili "
            "litabaki kwenye historia yako.",
            "This scenario is complete; its steps are not retried. Restart it to do it again: "
            "this attempt stays in your history.",
        )
    keys = items_of_step(scenario, step_id)
    placed = dict(attempt.placed["items"])
    again = apply_setup(workspace, user, _only_items(scenario, keys))  # commits
    delete_items(workspace, [placed[k] for k in keys if k in placed])  # after: no id reused
    attempt.placed = {**attempt.placed, "items": {**placed, **again.items}}
    check_attempt(attempt, scenario, workspace, user)  # commits the new result
    return attempt


def items_of_step(scenario: Scenario, step_id: str) -> list[str]:
    """The setup keys a step's checks read (checks of items made during the attempt: none)."""
    try:
        step = scenario.step(step_id)
    except KeyError:
        raise AttemptRefused(
            f"Hakuna hatua '{step_id}'.", f"There is no step '{step_id}'."
        ) from None
    keys = [getattr(check.params_of(), "item", None) for check in step.checks]
    return list(dict.fromkeys(k for k in keys if k))


def _only_items(scenario: Scenario, keys: list[str]) -> Scenario:
    """The scenario's setup reduced to some items: no clock move, toggles kept as they are."""
    items = [item for item in scenario.setup.items if item.key in keys]
    setup = scenario.setup.model_copy(update={"items": items, "clock": Clock(), "toggles": {}})
    return scenario.model_copy(update={"setup": setup})


def item_ids(attempt: ScenarioAttempt) -> dict[str, int]:
    """The attempt's setup items by key (their ids in the workspace)."""
    return dict(attempt.placed["items"])


def references_of(attempt: ScenarioAttempt) -> dict[str, tuple[int, str]]:
    """(id, reference) of each of the attempt's setup items, by key (removed ones left out)."""
    ids = item_ids(attempt)
    found = dict(
        db.session.execute(
            sa.select(Feedback.id, Feedback.reference).where(Feedback.id.in_(list(ids.values())))
        ).all()
    )
    return {key: (i, found[i]) for key, i in ids.items() if i in found}
