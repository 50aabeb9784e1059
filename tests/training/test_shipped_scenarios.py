"""THE generic test: every shipped scenario's solution scores 100 % through the real
services, and every pitfall produces the failure it promises (issue 11, point 2)."""

from __future__ import annotations

import pytest

from sandbox.scenarios.loader import SCENARIOS_DIR, load_competencies, load_file
from sandbox.scenarios.view import VIEW_PARTS
from sandbox.services.training.checking import check_work
from sandbox.services.training.replay import replay
from sandbox.services.training.setup import apply_setup
from sandbox.services.training.trial import throwaway_workspace, try_scenario

FILES = sorted(p for p in SCENARIOS_DIR.glob("*.yaml") if p.name != "competencies.yaml")


def test_there_are_scenarios_to_try():
    assert len(FILES) >= 5


@pytest.fixture(scope="module")
def competencies():
    return load_competencies(SCENARIOS_DIR)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_solution_scores_full_marks_and_every_pitfall_is_caught(app_ctx, competencies, path):
    scenario = load_file(path, competencies)
    trial = try_scenario(scenario)

    solution = trial.solution
    assert [r.refusal for r in solution.refusals] == []
    failing = [(s.id, c.message[1]) for s in solution.outcome.steps for c in s.failures]
    assert failing == []
    assert solution.outcome.score == 1.0
    assert solution.outcome.completed and solution.outcome.success
    for run in trial.pitfalls:
        step = run.outcome.step(run.expected.step)
        produced = [(c.type, c.message[1]) for c in step.failures]
        assert run.caught is not None, f"{run.name}: {produced}"
        assert run.outcome.score < 1.0


def test_the_library_covers_issue_11():
    """At least 24 scenarios over at least 8 competencies, about a third written first in
    Swahili, every step with a hint, and a first scenario (no prerequisites) to start from."""
    from sandbox.scenarios.loader import load_folder

    scenarios = load_folder(SCENARIOS_DIR).scenarios.values()
    assert len(scenarios) >= 24
    assert len({c for s in scenarios for c in s.competencies}) >= 8
    swahili_first = sum(s.written_in == "sw" for s in scenarios)
    assert swahili_first >= len(scenarios) / 3
    assert any(not s.prerequisites for s in scenarios)
    assert [(s.id, st.id) for s in scenarios for st in s.steps if not st.hints] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_a_view_with_only_the_declared_parts_gives_the_same_outcome(app_ctx, competencies, path):
    """Each check type declares the view parts it reads (``reads=``); the desk builds only
    those. After the solution and after each pitfall, the outcome must be the one a view with
    every part gives, or a check reads a part it did not declare."""
    scenario = load_file(path, competencies)
    answers = [scenario.solution, *(p.actions for p in scenario.pitfalls)]
    for acts in answers:
        with throwaway_workspace() as (workspace, trainee):
            placed = apply_setup(workspace, trainee, scenario)
            replay(workspace, trainee, placed, acts)
            declared = check_work(workspace, trainee, scenario, placed)
            every = check_work(workspace, trainee, scenario, placed, parts=VIEW_PARTS)
        assert declared == every
