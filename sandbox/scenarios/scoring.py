"""Evaluating a scenario over a workspace view: per-step results, partial credit, the score.

Decisions (issue 11, point 3):

- A step passes when every one of its checks passes; its credit is its weight, less the
  cost of the hints opened on it. Hint costs are shares of the step's weight, taken only
  when the step passes (a failed step earns nothing anyway), and their sum is capped at
  ``MAX_HINT_COST`` (half the step), so asking for help never costs more than half a step.
- The score is the credit earned over the total weight, 0.0 to 1.0.
- **Completion and success are kept apart**: ``completed`` means every step passed (with
  or without hints); ``success`` means the score reached the scenario's pass mark (0.8 by
  default). A trainee may complete with many hints and not succeed, or succeed while a
  light step is still open.
- A failure message is the check's bilingual template filled with ``{item}`` (the item's
  reference), ``{expected}`` and ``{found}`` in that language; an unknown placeholder
  is left as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sandbox.scenarios.checks import evaluate
from sandbox.scenarios.checks.registry import CheckResult, Words
from sandbox.scenarios.schema import CheckSpec, Scenario, Step
from sandbox.scenarios.view import WorkspaceView

MAX_HINT_COST = 0.5


@dataclass(frozen=True)
class CheckOutcome:
    """One check's result in a step, with its message filled in (empty when it passed)."""

    index: int
    type: str
    passed: bool
    message: Words
    expected: Words
    found: Words
    item: str


@dataclass(frozen=True)
class StepOutcome:
    """One step's result: passed, its checks, hints opened, the credit it earned."""

    id: str
    weight: float
    passed: bool
    checks: tuple[CheckOutcome, ...]
    hints_opened: int
    credit: float

    @property
    def failures(self) -> tuple[CheckOutcome, ...]:
        """The checks that did not pass."""
        return tuple(c for c in self.checks if not c.passed)


@dataclass(frozen=True)
class Outcome:
    """A scenario's evaluation: each step, the score, completion and success."""

    scenario_id: str
    steps: tuple[StepOutcome, ...]
    score: float
    completed: bool
    success: bool
    pass_mark: float

    def step(self, step_id: str) -> StepOutcome:
        """The outcome of one step (KeyError when none)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


class _Kept(dict):
    """Placeholders a template names but the check does not give are left as written."""

    def __missing__(self, key: str) -> str:
        """``{key}`` back, unchanged."""
        return "{" + key + "}"


def failure_message(spec: CheckSpec, result: CheckResult) -> Words:
    """The check's failure template in both languages, filled from its result."""
    sw = spec.failure.sw.format_map(
        _Kept(item=result.item, expected=result.expected[0], found=result.found[0])
    )
    en = spec.failure.en.format_map(
        _Kept(item=result.item, expected=result.expected[1], found=result.found[1])
    )
    return sw, en


def hint_cost(step: Step, opened: int) -> float:
    """The share of a step's weight its first ``opened`` hints cost (capped)."""
    cost = sum(h.cost for h in step.hints[: max(opened, 0)])
    return min(cost, MAX_HINT_COST)


def evaluate_step(step: Step, view: WorkspaceView, opened: int = 0) -> StepOutcome:
    """Run a step's checks; its credit when all pass, less the hints' capped cost."""
    outcomes = []
    for index, spec in enumerate(step.checks):
        got = evaluate(spec.type, spec.params_of(), view)
        message = ("", "") if got.passed else failure_message(spec, got)
        outcomes.append(
            CheckOutcome(index, spec.type, got.passed, message, got.expected, got.found, got.item)
        )
    passed = all(c.passed for c in outcomes)
    credit = step.weight * (1 - hint_cost(step, opened)) if passed else 0.0
    return StepOutcome(step.id, step.weight, passed, tuple(outcomes), opened, credit)


def evaluate_scenario(
    scenario: Scenario, view: WorkspaceView, hints_opened: Mapping[str, int] | None = None
) -> Outcome:
    """Every step of the scenario over the view, the score, completion and success."""
    opened = hints_opened or {}
    steps = tuple(evaluate_step(s, view, opened.get(s.id, 0)) for s in scenario.steps)
    score = round(sum(s.credit for s in steps) / scenario.total_weight, 4)
    return Outcome(
        scenario_id=scenario.id,
        steps=steps,
        score=score,
        completed=all(s.passed for s in steps),
        success=score >= scenario.pass_mark,
        pass_mark=scenario.pass_mark,
    )
