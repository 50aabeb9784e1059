"""Checking a trainee's work: the workspace's snapshot evaluated against a scenario's steps."""

from __future__ import annotations

from collections.abc import Mapping

from sandbox.models import User, Workspace
from sandbox.scenarios.schema import Scenario
from sandbox.scenarios.scoring import Outcome, evaluate_scenario
from sandbox.services.training.setup import Placed
from sandbox.services.training.snapshot import build_view

TEMPLATE_CHECKS = frozenset({"reply_from_template_edited"})  # the checks that read templates
CALENDAR_CHECKS = frozenset({"event_within_working_days"})  # the workspace's calendar


def check_work(
    workspace: Workspace,
    trainee: User,
    scenario: Scenario,
    placed: Placed,
    hints_opened: Mapping[str, int] | None = None,
) -> Outcome:
    """Every step's checks over the trainee's workspace now, with the score (reads only)."""
    view = build_view(
        workspace,
        trainee,
        placed,
        with_templates=uses(scenario, TEMPLATE_CHECKS),
        with_calendar=uses(scenario, CALENDAR_CHECKS),
    )
    return evaluate_scenario(scenario, view, hints_opened)


def uses(scenario: Scenario, types: frozenset[str]) -> bool:
    """True when a check of the scenario is of one of these types."""
    return any(c.type in types for step in scenario.steps for c in step.checks)
