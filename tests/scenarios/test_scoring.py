"""Partial credit from step weights; hint costs taken only on success and capped;
completion and success apart; failure messages filled in both languages."""

from __future__ import annotations

import copy

import pytest

from sandbox.scenarios.schema import Scenario
from sandbox.scenarios.scoring import MAX_HINT_COST, evaluate_scenario
from sandbox.workflow import Status


def _scenario(minimal, pass_mark=0.8) -> Scenario:
    """Two steps: acknowledged (weight 1, hints costing 0.3 and 0.4), in progress (weight 3)."""
    minimal = copy.deepcopy(minimal)
    first = minimal["steps"][0]
    first["hints"] = [
        {"text": {"sw": "a", "en": "a"}, "cost": 0.3},
        {"text": {"sw": "b", "en": "b"}, "cost": 0.4},
    ]
    first["checks"][0]["params"]["status"] = ["acknowledged", "in_progress"]
    second = {
        "id": "anza",
        "weight": 3,
        "instruction": {"sw": "Anza.", "en": "Start."},
        "checks": [
            {
                "type": "item_status",
                "params": {"item": "A", "status": "in_progress"},
                "failure": {
                    "sw": "{item} ilitakiwa '{expected}', iko '{found}' {unknown}",
                    "en": "{item} should be '{expected}', is '{found}' {unknown}",
                },
            }
        ],
    }
    minimal["steps"].append(second)
    minimal["pass_mark"] = pass_mark
    return Scenario.model_validate(minimal)


def test_full_marks(minimal, make_item, make_view):
    outcome = evaluate_scenario(_scenario(minimal), make_view(make_item(status=Status.IN_PROGRESS)))
    assert outcome.score == 1.0
    assert outcome.completed and outcome.success


def test_partial_credit_and_the_message(minimal, make_item, make_view):
    outcome = evaluate_scenario(
        _scenario(minimal), make_view(make_item(status=Status.ACKNOWLEDGED))
    )
    assert outcome.score == 0.25
    assert not outcome.completed and not outcome.success
    failure = outcome.step("anza").failures[0]
    assert failure.message == (
        "MRJ-T-2026-000001 ilitakiwa 'Inashughulikiwa', iko 'Imethibitishwa kupokelewa' {unknown}",
        "MRJ-T-2026-000001 should be 'In progress', is 'Acknowledged' {unknown}",
    )


def test_hint_cost_is_taken_only_when_the_step_passes_and_is_capped(minimal, make_item, make_view):
    scenario = _scenario(minimal)
    view = make_view(make_item(status=Status.IN_PROGRESS))
    one = evaluate_scenario(scenario, view, {"thibitisha": 1})
    assert one.step("thibitisha").credit == pytest.approx(0.7)
    both = evaluate_scenario(scenario, view, {"thibitisha": 2})
    assert both.step("thibitisha").credit == pytest.approx(1 - MAX_HINT_COST)
    failed = evaluate_scenario(scenario, make_view(make_item()), {"thibitisha": 2})
    assert failed.step("thibitisha").credit == 0


def test_completion_and_success_are_apart(minimal, make_item, make_view):
    view = make_view(make_item(status=Status.IN_PROGRESS))
    strict = evaluate_scenario(_scenario(minimal, pass_mark=0.95), view, {"thibitisha": 2})
    assert strict.completed and not strict.success
    lenient = evaluate_scenario(
        _scenario(minimal, pass_mark=0.2), make_view(make_item(status=Status.ACKNOWLEDGED))
    )
    assert lenient.success and not lenient.completed
