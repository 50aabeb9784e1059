"""Checking a trainee's work: the workspace's snapshot evaluated against a scenario's steps."""

from __future__ import annotations

from collections.abc import Mapping

from sandbox.models import User, Workspace
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
) -> Outcome:
    """Every step's checks over the trainee's workspace now, with the score (reads only)."""
    return evaluate_scenario(scenario, build_view(workspace, trainee, placed), hints_opened)
