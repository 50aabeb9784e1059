"""Fixtures for the training services: a throw-away workspace with a trainee, scenarios."""

from __future__ import annotations

import copy

import pytest

from sandbox.scenarios.loader import SCENARIOS_DIR, load_file
from sandbox.scenarios.schema import Scenario
from sandbox.services.training.trial import throwaway_workspace
from tests.scenarios.factories import MINIMAL


@pytest.fixture
def desk(app_ctx):
    """(workspace, trainee) in a throw-away workspace, discarded afterwards."""
    with throwaway_workspace() as pair:
        yield pair


@pytest.fixture
def shipped():
    """Factory: shipped("kuthibitisha-kwa-wakati") — a shipped scenario."""
    return lambda scenario_id: load_file(SCENARIOS_DIR / f"{scenario_id}.yaml")


@pytest.fixture
def scenario_from():
    """Factory: scenario_from(steps=…, setup=…) — the minimal scenario with changes."""

    def make(**changes) -> Scenario:
        return Scenario.model_validate(copy.deepcopy(MINIMAL) | changes)

    return make
