"""Trying a scenario without a trainee: its solution and each pitfall in a throw-away workspace.

What ``mrejesho scenario try`` and the generic test run. Each run gets a fresh workspace
(frozen clock at the demo start, the scenario's setup applied, a trainee at
``TRIAL_INSTITUTION``), replays its acts through the services, evaluates the scenario,
and deletes the workspace with everything in it. A pitfall is caught when the step it
names fails on the check it names, and the message says what it must (``says``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Institution, User, Workspace, WorkspaceKind
from sandbox.scenarios.schema import Expectation, Scenario
from sandbox.scenarios.scoring import CheckOutcome, Outcome
from sandbox.scenarios.text import contains
from sandbox.services.desk.templates import ensure_response_templates
from sandbox.services.training.checking import check_work
from sandbox.services.training.replay import Replayed, replay
from sandbox.services.training.setup import apply_setup
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.seeding import clear_workspace_feedback
from sandbox.services.workspace.workspaces import DEFAULT_CLOCK_START, create_workspace
from sandbox.workflow import Role

TRIAL_INSTITUTION = "DODOMA_CC"
TRIAL_SEED = 7


@dataclass(frozen=True)
class Run:
    """One replayed answer: its name, what each act gave, the outcome, and for a pitfall
    the failing check it was expected to produce (None when it did not)."""

    name: str
    replayed: tuple[Replayed, ...]
    outcome: Outcome
    expected: Expectation | None = None
    caught: CheckOutcome | None = None

    @property
    def refusals(self) -> tuple[Replayed, ...]:
        """The acts the services refused."""
        return tuple(r for r in self.replayed if not r.is_done)

    @property
    def is_as_intended(self) -> bool:
        """A solution: every act done and 100 %; a pitfall: its failure produced."""
        if self.expected is None:
            return not self.refusals and self.outcome.score == 1.0
        return self.caught is not None


@dataclass(frozen=True)
class Trial:
    """A scenario's solution run and its pitfall runs."""

    scenario_id: str
    solution: Run
    pitfalls: tuple[Run, ...]

    @property
    def is_as_intended(self) -> bool:
        """True when the solution scores 100 % and every pitfall produces its failure."""
        return self.solution.is_as_intended and all(p.is_as_intended for p in self.pitfalls)


def try_scenario(scenario: Scenario, seed: int = TRIAL_SEED) -> Trial:
    """Run the solution and every pitfall, each in its own throw-away workspace."""
    solution = _run(scenario, "solution", scenario.solution, seed)
    pitfalls = tuple(_run(scenario, p.name, p.actions, seed, p.expect) for p in scenario.pitfalls)
    return Trial(scenario.id, solution, pitfalls)


def _run(scenario: Scenario, name: str, acts, seed: int, expect: Expectation | None = None) -> Run:
    """One answer replayed and evaluated in a fresh workspace."""
    with throwaway_workspace(seed) as (workspace, trainee):
        placed = apply_setup(workspace, trainee, scenario)
        replayed = replay(workspace, trainee, placed, acts)
        outcome = check_work(workspace, trainee, scenario, placed)
    caught = caught_by(outcome, expect) if expect is not None else None
    return Run(name, tuple(replayed), outcome, expect, caught)


def caught_by(outcome: Outcome, expect: Expectation) -> CheckOutcome | None:
    """The failing check the expectation names, when it failed saying what it must."""
    for check in outcome.step(expect.step).failures:
        named = check.index == expect.check or check.type == expect.check
        says = expect.says is None or any(contains(m, expect.says) for m in check.message)
        if named and says:
            return check
    return None


@contextmanager
def throwaway_workspace(seed: int = TRIAL_SEED) -> Iterator[tuple[Workspace, User]]:
    """A fresh workspace with a trainee, deleted with all its rows afterwards."""
    ensure_response_templates()
    code = "try" + secrets.token_hex(4)
    workspace = create_workspace(
        code, f"Jaribio / Trial {code}", WorkspaceKind.TRAINEE, seed=seed,
        clock_base=DEFAULT_CLOCK_START, running=False,
    )  # fmt: skip
    institution = db.session.scalar(
        sa.select(Institution).where(Institution.code == TRIAL_INSTITUTION)
    )
    trainee = User(
        username=f"{code}.mwanafunzi",
        display_name="Mwanafunzi wa majaribio",
        password_hash="!",
        role=Role.TRAINEE,
        institution_id=institution.id,
        region_id=institution.region_id,
        workspace_id=workspace.id,
        is_active_account=False,
        created_at=wall_now(),
    )
    db.session.add(trainee)
    db.session.commit()
    try:
        yield workspace, trainee
    finally:
        db.session.rollback()
        discard_workspace(workspace)


def discard_workspace(workspace: Workspace) -> None:
    """Delete a workspace and every row in it (feedback first, then accounts), one commit."""
    clear_workspace_feedback(workspace)
    users = sa.select(User.id).where(User.workspace_id == workspace.id)
    for table in reversed(db.metadata.sorted_tables):
        for fk in table.foreign_keys:
            if fk.column.table is User.__table__ and table is not User.__table__:
                db.session.execute(sa.delete(table).where(fk.parent.in_(users)))
    for table in reversed(db.metadata.sorted_tables):
        if "workspace_id" in table.c and table.name != "workspace":
            db.session.execute(sa.delete(table).where(table.c.workspace_id == workspace.id))
    db.session.execute(sa.delete(Workspace.__table__).where(Workspace.id == workspace.id))
    db.session.commit()
