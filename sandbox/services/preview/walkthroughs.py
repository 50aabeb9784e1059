"""Guided walkthroughs on the scenario engine, unscored, with behaviour recorded per step.

Decisions (written down):

- A walkthrough is a scenario file of ``scenarios/walkthroughs/`` (``WALKTHROUGHS_DIR``),
  loaded as its own library (never listed to trainees: ``scenarios/`` reads only its own
  top-level files). Its setup's toggles are ignored: the pair's side decides them.
- It runs once per side: an attempt of the scenario engine in that side's workspace
  (``attempts.start_attempt`` / ``check_attempt``: steps, hints, "check my work"), never
  shown with a score.
- Behaviour (``WalkthroughStep``, per user, proposal version, side and step): a step is
  *started* when it becomes the step to do (the walkthrough's start, or the previous
  step's completion), *completed* when a check first finds it passed, ``seconds`` is wall
  time between the two; ``refusals`` counts the workflow refusals and identity warnings
  the stakeholder met at the desk of that side while the step was open
  (``record_refusal``, called by the desk where it turns a refusal into a message).
- **Switching sides from the banner** (``switch_side``) while a walkthrough is underway
  (a step of the proposal's current version was opened on either side) begins, or resumes,
  the walkthrough on the other side exactly as "Walk through AFTER" does; with none
  underway it only moves to the other side. Nothing is checked or recorded once the
  proposal is no longer in preview (its worlds are closed: ``pairs.PairClosed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import ScenarioAttempt, User, Workspace
from sandbox.models.proposal import PreviewPair, Proposal, WalkthroughStep
from sandbox.proposals.enums import ProposalStatus, Side
from sandbox.proposals.loader import WALKTHROUGHS_DIR
from sandbox.scenarios.loader import Library, load_folder
from sandbox.scenarios.schema import Scenario, Step
from sandbox.services.preview.pairs import side_in, work_in
from sandbox.services.training.attempts import check_attempt, current_attempt, start_attempt
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import BilingualError


class WalkthroughRefused(BilingualError, ValueError):
    """The proposal has no walkthrough (or its file is missing)."""


@dataclass(frozen=True)
class StepProgress:
    """One walkthrough step on one side, as the proposal page shows it."""

    step: Step
    row: WalkthroughStep | None

    @property
    def is_done(self) -> bool:
        """True once the step was completed."""
        return self.row is not None and self.row.completed_at is not None


def walkthrough_library() -> Library:
    """The walkthroughs, read once per folder per process."""
    folder = current_app.config.get("WALKTHROUGHS_DIR") or WALKTHROUGHS_DIR
    return _library(str(folder))


@cache
def _library(folder: str) -> Library:
    """The library of one folder (ScenarioError when a file has a problem)."""
    return load_folder(Path(folder))


def walkthrough_of(proposal: Proposal) -> Scenario:
    """The proposal's walkthrough, its setup's toggles left to the pair."""
    scenario = walkthrough_library().scenarios.get(proposal.walkthrough or "")
    if scenario is None:
        raise WalkthroughRefused(
            "Hoja hii haina matembezi ya kuongozwa.", "This proposal has no guided walkthrough."
        )
    setup = scenario.setup.model_copy(update={"toggles": {}})
    return scenario.model_copy(update={"setup": setup})


def begin_walkthrough(user: User, pair: PreviewPair, side: Side) -> ScenarioAttempt:
    """Work in ``side`` and start its walkthrough once (a second start continues); commits."""
    scenario = walkthrough_of(pair.proposal)
    workspace = work_in(user, pair, side)
    attempt = current_attempt(workspace, user, scenario.id)
    if attempt is not None:
        return attempt
    try:
        attempt = start_attempt(workspace, user, scenario)
    except IntegrityError:  # a second click started it first
        db.session.rollback()
        return current_attempt(workspace, user, scenario.id)
    _open_step(user, pair, side, scenario.steps[0].id)
    workspace.escalations_checked_at = None  # placed items may be due: the next read checks
    db.session.commit()
    return attempt


def check_walkthrough(user: User, pair: PreviewPair, side: Side) -> list[Step]:
    """Check the side's walkthrough now; record completed steps; the steps newly done."""
    scenario = walkthrough_of(pair.proposal)
    workspace = pair.workspace(side)
    attempt = current_attempt(workspace, user, scenario.id)
    if attempt is None:
        return []
    outcome = check_attempt(attempt, scenario, workspace, user)  # commits the attempt
    passed = {s.id for s in outcome.steps if s.passed}
    rows = _rows(user, pair.proposal, side)
    now, done = wall_now(), []
    for step in scenario.steps:
        row = rows.get(step.id)
        if step.id in passed and (row is None or row.completed_at is None):
            row = row or _open_step(user, pair, side, step.id)
            row.completed_at, row.seconds = now, int((now - row.started_at).total_seconds())
            done.append(step)
    following = next((s for s in scenario.steps if s.id not in passed), None)
    if done and following is not None and following.id not in rows:
        _open_step(user, pair, side, following.id)
    db.session.commit()
    return done


def check_after_action(user: User, workspace: Workspace | None) -> list[Step]:
    """After a desk action in one of the user's sides: check that side's walkthrough (none
    once the proposal left preview)."""
    found = side_in(user, workspace)
    if found is None or not found[0].proposal.walkthrough:
        return []
    if found[0].proposal.status is not ProposalStatus.IN_PREVIEW:
        return []
    return check_walkthrough(user, *found)


def is_underway(user: User, pair: PreviewPair) -> bool:
    """True when a step of the proposal's current version was opened on either side."""
    proposal = pair.proposal
    if not proposal.walkthrough:
        return False
    return any(_rows(user, proposal, side) for side in Side)


def switch_side(user: User, pair: PreviewPair, side: Side) -> Workspace:
    """Work in ``side``; with a walkthrough underway, begin or resume it there; commits."""
    if is_underway(user, pair):
        begin_walkthrough(user, pair, side)
        return pair.workspace(side)
    return work_in(user, pair, side)


def record_refusal(user: User, workspace: Workspace | None) -> None:
    """Count a refusal met at the desk against the open walkthrough step there; commits."""
    found = side_in(user, workspace)
    if found is None:
        return
    pair, side = found
    row = db.session.scalar(
        sa.select(WalkthroughStep)
        .where(*_of(user, pair.proposal, side), WalkthroughStep.completed_at.is_(None))
        .order_by(WalkthroughStep.id)
        .limit(1)
    )
    if row is not None:
        row.refusals += 1
        db.session.commit()


def progress(user: User, proposal: Proposal) -> dict[Side, list[StepProgress]]:
    """Each side's walkthrough steps with what was recorded (the proposal page's)."""
    scenario = walkthrough_of(proposal)
    return {
        side: [StepProgress(s, _rows(user, proposal, side).get(s.id)) for s in scenario.steps]
        for side in Side
    }


def _of(user: User, proposal: Proposal, side: Side) -> tuple:
    """The filter of one user's rows for the proposal's current version and a side."""
    return (
        WalkthroughStep.user_id == user.id,
        WalkthroughStep.proposal_id == proposal.id,
        WalkthroughStep.proposal_version == proposal.version,
        WalkthroughStep.side == side,
    )


def _rows(user: User, proposal: Proposal, side: Side) -> dict[str, WalkthroughStep]:
    """The recorded steps of a side by step id."""
    rows = db.session.scalars(sa.select(WalkthroughStep).where(*_of(user, proposal, side)))
    return {row.step: row for row in rows}


def _open_step(user: User, pair: PreviewPair, side: Side, step_id: str) -> WalkthroughStep:
    """Record that a step became the one to do (once per version and side)."""
    existing = _rows(user, pair.proposal, side).get(step_id)
    if existing is not None:
        return existing
    row = WalkthroughStep(
        user_id=user.id,
        proposal_id=pair.proposal_id,
        proposal_version=pair.proposal.version,
        side=side,
        step=step_id,
        started_at=wall_now(),
        refusals=0,
    )
    db.session.add(row)
    return row
