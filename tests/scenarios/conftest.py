"""Factories for the pure scenario tests: hand-built views and a minimal valid scenario."""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml

from sandbox.scenarios import view as v
from sandbox.scenarios.loader import SCENARIOS_DIR
from sandbox.workflow import FeedbackType, Status
from tests.scenarios.factories import DUE_ACK, DUE_REPLY, MINIMAL, T0


@pytest.fixture
def make_item():
    """Factory: make_item(status=..., events=[...]) — a complaint of DODOMA_CC by default."""

    def make(**overrides) -> v.Item:
        values = {
            "key": "A",
            "reference": "MRJ-T-2026-000001",
            "type": FeedbackType.COMPLAINT,
            "status": Status.RECEIVED,
            "institution": "DODOMA_CC",
            "received_at": T0,
            "acknowledge_due": DUE_ACK,
            "respond_due": DUE_REPLY,
            "identity": v.Identity("Asha Mwakalinga", "+255754321987", "asha@example.com"),
        }
        return v.Item(**(values | overrides))

    return make


@pytest.fixture
def make_view(make_item):
    """Factory: make_view(item) or make_view(created=[...]) — the trainee works at DODOMA_CC."""

    def make(item: v.Item | None = None, created=(), **overrides) -> v.WorkspaceView:
        items = {"A": item} if item is not None else {}
        values = {"items": items, "now": T0, "own_institution": "DODOMA_CC"}
        return v.WorkspaceView(created=tuple(created), **(values | overrides))

    return make


@pytest.fixture
def minimal():
    """A fresh copy of the smallest valid scenario (as a dict, to break on purpose)."""
    return copy.deepcopy(MINIMAL)


@pytest.fixture
def folder(tmp_path):
    """Factory: folder(*scenarios) — a scenario folder with the shipped competencies."""

    def make(*scenarios: dict, names: list[str] | None = None):
        shutil.copy(SCENARIOS_DIR / "competencies.yaml", tmp_path)
        for n, scenario in enumerate(scenarios):
            name = names[n] if names else f"{scenario['id']}.yaml"
            (tmp_path / name).write_text(yaml.safe_dump(scenario, allow_unicode=True))
        return tmp_path

    return make
