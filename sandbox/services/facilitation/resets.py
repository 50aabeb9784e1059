"""Resets at every grain, each in one transaction after an automatic snapshot, and undo.

Decisions (what a facilitator expects where issue 12 is silent):

- **Grains** (``Grain``, chosen by what is named: trainee, scenario, step):
  one step of one trainee (the items its checks read are placed again, fresh; the steps
  reading them are no longer passed); one scenario of one trainee or of the whole cohort
  (the current attempt's setup items are removed and the attempt is no longer current: the
  trainee starts it again; items the trainee made during it stay); one trainee's workspace
  or the whole cohort (every world row replaced by a copy of the cohort's base world, the
  clock back at the cohort's start and running).
- **Progress** at the trainee and cohort grains: kept (attempts untouched: steps passed and
  scores stay; an unfinished attempt's items are fresh ones, so its trainee retries a step)
  or archived (every attempt finished: kept as history, no longer current, and the trainee
  starts each scenario anew). A pass earned stays a pass either way: the xAPI record and
  certificates rest on it, and a reset never rewrites the record.
- **Never touched**: users, enrolments, login sessions, xAPI statements, other cohorts,
  and anything outside the world tables (``models/snapshot.WORLD_TABLES``).
- **Undo** restores the automatic snapshot taken before the reset, in one transaction: the
  newest reset of the cohort not yet undone can be undone (then the one before it), as
  long as its snapshot is kept (``snapshots.KEEP_AUTOMATIC``). Work done since the reset in
  those workspaces is lost, and the confirmation says so.
- Restoring a named snapshot is a reset too (``Grain.RESTORE``): logged, undoable.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import (
    Cohort,
    ResetRecord,
    ScenarioAttempt,
    Snapshot,
)
from sandbox.services.facilitation.reset_plans import (
    FRESH_WORLD,
    Grain,
    ResetPlan,
    ResetRefused,
    describe,
    plan_reset,
    plan_restore,
)
from sandbox.services.facilitation.snapshots import (
    fresh_snapshots,
    prune_automatic,
    put_back,
    put_back_world,
    snapshot_workspaces,
    take_snapshot,
)
from sandbox.services.facilitation.worlds import (
    base_world,
    clear_world,
    copy_world,
    restart_like,
    world_rows,
)
from sandbox.services.training.attempts import current_attempt
from sandbox.services.training.runner import _only_items, items_of_step
from sandbox.services.training.setup import apply_setup
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.seeding import delete_items

Progress = Callable[[int], None] | None
__all__ = [  # the planning names callers use with run_reset, from reset_plans
    "FRESH_WORLD",
    "Grain",
    "ResetPlan",
    "ResetRefused",
    "describe",
    "plan_reset",
    "plan_restore",
    "run_reset",
    "undo_reset",
    "undoable",
]


# -- running ----------------------------------------------------------------------


def run_reset(plan: ResetPlan, user, progress: Progress = None) -> ResetRecord:
    """Snapshot, reset and log in one transaction (the base world is made first if new)."""
    world = base_world(plan.cohort) if plan.grain in FRESH_WORLD else None  # commits once
    ids = (
        snapshot_workspaces(plan.snapshot)
        if plan.grain is Grain.RESTORE
        else [e.workspace_id for e in plan.enrolments]
    )
    try:
        snapshot = take_snapshot(plan.cohort, ids, describe(plan, "en"), user, automatic=True)
        RUNNERS[plan.grain](plan, world, progress)
        record = _record(plan, snapshot, user)
        prune_automatic(plan.cohort)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return record


def _record(plan: ResetPlan, snapshot: Snapshot, user) -> ResetRecord:
    """The reset log's row for this plan (added, not committed)."""
    one = plan.enrolments[0] if plan.grain in (Grain.STEP, Grain.SCENARIO, Grain.TRAINEE) else None
    record = ResetRecord(
        cohort_id=plan.cohort.id,
        grain=plan.grain.value,
        enrolment_id=one.id if one else None,
        scenario_id=plan.scenario.id if plan.scenario else None,
        step_id=plan.step_id,
        keeps_progress=plan.keep_progress,
        workspaces=plan.workspaces,
        items=plan.items,
        snapshot_id=snapshot.id,
        reset_by_id=user.id if user is not None else None,
        reset_at=wall_now(),
    )
    db.session.add(record)
    db.session.flush()
    return record


def _fresh_worlds(plan: ResetPlan, world, progress: Progress) -> None:
    """Every chosen workspace back to its fresh world; attempts archived or kept.

    A workspace's fresh world is put back from its fresh snapshot; the first time, it is
    copied from the cohort's base world and then saved as that snapshot."""
    ids = [e.workspace_id for e in plan.enrolments]
    clear_world(ids)
    saved, rows = fresh_snapshots(ids), None
    for done, enrolment in enumerate(plan.enrolments, start=1):
        fresh = saved.get(enrolment.workspace_id)
        if fresh is not None:
            put_back_world(fresh)
            restart_like(world, enrolment.workspace)
        else:
            rows = rows or world_rows(world)
            copy_world(world, enrolment.workspace, rows)
            db.session.flush()
            take_snapshot(plan.cohort, [enrolment.workspace_id], "fresh", None, automatic=True,
                          fresh=True)  # fmt: skip
        if progress is not None:
            progress(done)
    if not plan.keep_progress:
        db.session.execute(
            sa.update(ScenarioAttempt)
            .where(ScenarioAttempt.workspace_id.in_(ids))
            .values(is_current=False)
        )


def _scenarios(plan: ResetPlan, world, progress: Progress) -> None:
    """Each chosen trainee's current attempt at the scenario: its items gone, not current."""
    for done, enrolment in enumerate(plan.enrolments, start=1):
        attempt = current_attempt(enrolment.workspace, enrolment.user, plan.scenario.id)
        if attempt is not None:
            delete_items(enrolment.workspace, list(attempt.placed["items"].values()))
            attempt.is_current = False
        if progress is not None:
            progress(done)


def _step(plan: ResetPlan, world, progress: Progress) -> None:
    """The items the step's checks read placed again, fresh; the steps reading them undone."""
    enrolment, scenario = plan.enrolments[0], plan.scenario
    attempt = current_attempt(enrolment.workspace, enrolment.user, scenario.id)
    if attempt is None:
        raise ResetRefused(
            "Mwanafunzi huyu hana jaribio linaloendelea la hali hii.",
            "This trainee has no current attempt at this scenario.",
        )
    keys = items_of_step(scenario, plan.step_id)
    placed = dict(attempt.placed["items"])
    again = apply_setup(
        enrolment.workspace, enrolment.user, _only_items(scenario, keys), commit=False
    )
    delete_items(enrolment.workspace, [placed[k] for k in keys if k in placed])
    attempt.placed = {**attempt.placed, "items": {**placed, **again.items}}
    undone = {s.id for s in scenario.steps if set(items_of_step(scenario, s.id)) & set(keys)}
    attempt.steps_passed = [s for s in attempt.steps_passed if s not in undone]
    attempt.is_completed = attempt.is_success = False


def _restore(plan: ResetPlan, world, progress: Progress) -> None:
    """The named snapshot's rows back in its workspaces."""
    put_back(plan.snapshot)


RUNNERS = {
    Grain.STEP: _step,
    Grain.SCENARIO: _scenarios,
    Grain.COHORT_SCENARIO: _scenarios,
    Grain.TRAINEE: _fresh_worlds,
    Grain.COHORT: _fresh_worlds,
    Grain.RESTORE: _restore,
}


# -- the log and undo -----------------------------------------------------------------


def undoable(cohort: Cohort) -> ResetRecord | None:
    """The cohort's newest reset not yet undone, if its snapshot is still kept."""
    record = db.session.scalar(
        sa.select(ResetRecord)
        .where(ResetRecord.cohort_id == cohort.id, ResetRecord.undone_at.is_(None))
        .order_by(ResetRecord.id.desc())
        .limit(1)
    )
    return record if record is not None and record.snapshot_id is not None else None


def undo_reset(cohort: Cohort, record_id: int, user) -> ResetRecord:
    """Put back what the reset replaced, in one transaction (ResetRefused unless undoable)."""
    record = undoable(cohort)
    if record is None or record.id != record_id:
        raise ResetRefused(
            "Hili haliwezi kutenduliwa: ni urudishaji wa mwisho ambao haujatenduliwa tu.",
            "This reset cannot be undone: only the latest reset not yet undone can be.",
        )
    try:
        put_back(db.session.get(Snapshot, record.snapshot_id))
        record = db.session.get(ResetRecord, record_id)
        record.undone_at, record.undone_by_id = wall_now(), user.id if user else None
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return record
