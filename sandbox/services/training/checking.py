"""Checking a trainee's work: the workspace's snapshot evaluated against a scenario's steps."""

from __future__ import annotations

from collections.abc import Mapping

from sandbox.models import User, Workspace
from sandbox.scenarios.checks import CHECKS
from sandbox.scenarios.schema import Scenario
from sandbox.scenarios.scoring import Outcome, evaluate_scenario
from sandbox.services.training.setup import Placed
from sandbox.services.training.snapshot import build_view


def check_work(
    workspace: Workspace,
    trainee: User,
    scenario: Scenario,
    placed: Placed,
    hints_opened: Mapping[str, int] | None = None,
    parts: frozenset[str] | None = None,
) -> Outcome:
    """Every step's checks over the trainee's workspace now, with the score (reads only).

    The view holds the ``parts`` its checks read (``parts_read``) unless told otherwise
    (``VIEW_PARTS``: all of them, which gives the same outcome, only slower).
    """
    chosen = parts_read(scenario) if parts is None else parts
    view = build_view(workspace, trainee, placed, parts=chosen)
    return evaluate_scenario(scenario, view, hints_opened)


def parts_read(scenario: Scenario) -> frozenset[str]:
    """The view parts the scenario's checks read (a subset of ``VIEW_PARTS``)."""
    found = [CHECKS[c.type].reads for step in scenario.steps for c in step.checks]
    return frozenset().union(*found)
