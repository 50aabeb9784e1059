"""What a reset covers: its grain, the trainees, scenario and step it names, and its size.

Planning reads only; ``resets.run_reset`` runs a plan. The grain is chosen by what is
named (a trainee, a scenario, a step, or none: the whole cohort).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, Feedback, ScenarioAttempt, Snapshot
from sandbox.scenarios.loader import Library
from sandbox.scenarios.schema import Scenario
from sandbox.services.facilitation.snapshots import snapshot_workspaces
from sandbox.services.training.attempts import current_attempt
from sandbox.services.training.codes import normalise_code
from sandbox.services.training.runner import items_of_step
from sandbox.workflow import BilingualError
from sandbox.workflow.labels import Labelled


class Grain(Labelled):
    """What a reset covers."""

    STEP = ("step", "Hatua moja ya mwanafunzi mmoja", "One step of one trainee")
    SCENARIO = ("scenario", "Hali moja ya mwanafunzi mmoja", "One scenario of one trainee")
    COHORT_SCENARIO = ("cohort_scenario", "Hali moja kwa kundi zima", "One scenario, whole cohort")
    TRAINEE = ("trainee", "Eneo lote la mwanafunzi mmoja", "One trainee's whole workspace")
    COHORT = ("cohort", "Kundi zima", "The whole cohort")
    RESTORE = ("restore", "Kurejesha picha", "A snapshot restored")


FRESH_WORLD = (Grain.TRAINEE, Grain.COHORT)


class ResetRefused(BilingualError, ValueError):
    """A reset or an undo that cannot be done (unknown trainee, scenario or step…)."""


@dataclass(frozen=True)
class ResetPlan:
    """What a reset will do, shown for confirmation before it runs."""

    cohort: Cohort
    grain: Grain
    enrolments: tuple[Enrolment, ...]
    scenario: Scenario | None = None
    step_id: str | None = None
    keep_progress: bool = False
    snapshot: Snapshot | None = None
    workspaces: int = 0
    items: int = 0  # the items the reset removes or replaces


def plan_reset(
    cohort: Cohort,
    library: Library,
    *,
    personal_code: str | None = None,
    scenario_id: str | None = None,
    step_id: str | None = None,
    keep_progress: bool = False,
) -> ResetPlan:
    """The reset these choices name, with what it covers (ResetRefused if one is unknown)."""
    one = _enrolment(cohort, personal_code) if personal_code else None
    scenario = _scenario(library, scenario_id) if scenario_id else None
    if step_id and (one is None or scenario is None):
        raise ResetRefused(
            "Hatua huchaguliwa pamoja na mwanafunzi na hali yake.",
            "A step is chosen together with a trainee and a scenario.",
        )
    if step_id and not any(s.id == step_id for s in scenario.steps):
        raise ResetRefused(f"Hakuna hatua '{step_id}'.", f"There is no step '{step_id}'.")
    grain = _grain(one, scenario, step_id)
    enrolments = (one,) if one else tuple(_enrolments(cohort))
    plan = ResetPlan(cohort, grain, enrolments, scenario, step_id or None, keep_progress)
    return _counted(plan)


def plan_restore(cohort: Cohort, snapshot: Snapshot) -> ResetPlan:
    """Restoring a named snapshot of the cohort, planned like a reset."""
    ids = snapshot_workspaces(snapshot)
    enrolments = [e for e in _enrolments(cohort) if e.workspace_id in ids]
    return ResetPlan(
        cohort,
        Grain.RESTORE,
        tuple(enrolments),
        snapshot=snapshot,
        keep_progress=True,
        workspaces=len(ids),
        items=_items_in(ids),
    )


def _grain(one: Enrolment | None, scenario: Scenario | None, step_id: str | None) -> Grain:
    """The grain named by a trainee, a scenario and a step (or none of them)."""
    if step_id:
        return Grain.STEP
    if scenario is not None:
        return Grain.SCENARIO if one else Grain.COHORT_SCENARIO
    return Grain.TRAINEE if one else Grain.COHORT


def _counted(plan: ResetPlan) -> ResetPlan:
    """The plan with how many workspaces and items it covers."""
    ids = [e.workspace_id for e in plan.enrolments]
    if plan.grain in FRESH_WORLD:
        items = _items_in(ids)
    elif plan.grain is Grain.STEP:
        items = len(items_of_step(plan.scenario, plan.step_id))
    else:
        items = sum(len(a.placed["items"]) for a in _current_attempts(plan))
    return ResetPlan(**{**plan.__dict__, "workspaces": len(ids), "items": items})


def _items_in(workspace_ids: list[int]) -> int:
    """How many items these workspaces hold."""
    query = sa.select(sa.func.count(Feedback.id)).where(Feedback.workspace_id.in_(workspace_ids))
    return db.session.scalar(query)


def _enrolments(cohort: Cohort) -> list[Enrolment]:
    """The cohort's enrolments, in joining order."""
    query = sa.select(Enrolment).where(Enrolment.cohort_id == cohort.id).order_by(Enrolment.id)
    return list(db.session.scalars(query))


def _enrolment(cohort: Cohort, personal_code: str) -> Enrolment:
    """The cohort's trainee with this personal code (ResetRefused for any other)."""
    found = db.session.scalar(
        sa.select(Enrolment).where(
            Enrolment.cohort_id == cohort.id,
            Enrolment.personal_code == normalise_code(personal_code),
        )
    )
    if found is None:
        raise ResetRefused(
            f"Kundi hili halina mwanafunzi mwenye msimbo '{personal_code}'.",
            f"This cohort has no trainee with the code '{personal_code}'.",
        )
    return found


def _scenario(library: Library, scenario_id: str) -> Scenario:
    """The library's scenario with this id (ResetRefused if none)."""
    scenario = library.scenarios.get(scenario_id)
    if scenario is None:
        raise ResetRefused(
            f"Hakuna hali '{scenario_id}'.", f"There is no scenario '{scenario_id}'."
        )
    return scenario


def _current_attempts(plan: ResetPlan) -> list[ScenarioAttempt]:
    """The current attempts at the plan's scenario of the plan's trainees."""
    return [
        attempt
        for e in plan.enrolments
        if (attempt := current_attempt(e.workspace, e.user, plan.scenario.id)) is not None
    ]


def describe(plan: ResetPlan, lang: str = "sw") -> str:
    """One line saying what the plan resets, in ``lang``."""
    parts = [plan.grain.label(lang)]
    if plan.scenario is not None:
        parts.append(plan.scenario.id)
    if plan.step_id:
        parts.append(plan.step_id)
    if plan.snapshot is not None:
        parts.append(f'"{plan.snapshot.label}"')
    return ": ".join(parts)
