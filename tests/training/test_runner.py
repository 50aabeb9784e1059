"""Running scenarios (services/training/runner.py): status, locks, panel, checks, retry, restart."""

from __future__ import annotations

import copy
from types import MappingProxyType

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, ScenarioAttempt
from sandbox.scenarios import acts
from sandbox.scenarios.loader import Library
from sandbox.scenarios.schema import Scenario
from sandbox.services.training import runner
from sandbox.services.training.attempts import AttemptRefused, open_hint, placed_of
from sandbox.services.training.library import scenario_library
from sandbox.services.training.replay import replay
from sandbox.workflow import Status
from tests.scenarios.factories import MINIMAL

FIRST = "kuthibitisha-kwa-wakati"
AFTER_FIRST = "ask-the-citizen-and-resume"


def acknowledge(key: str) -> acts.Acknowledge:
    return acts.Acknowledge(do="acknowledge", item=key)


def solve(workspace, trainee, attempt, steps) -> None:
    replay(workspace, trainee, placed_of(attempt), steps)


@pytest.fixture
def library(app_ctx):
    return scenario_library()


@pytest.fixture
def two_items(library) -> Library:
    """A library of one scenario: step 1 reads item A, step 2 reads item B."""
    data = copy.deepcopy(MINIMAL)
    data["setup"]["items"].append({"key": "B", "type": "complaint", "description": "Maji."})
    second = copy.deepcopy(data["steps"][0])
    second["id"] = "ya-pili"
    second["checks"][0]["params"]["item"] = "B"
    data["steps"].append(second)
    scenario = Scenario.model_validate(data)
    return Library(MappingProxyType({scenario.id: scenario}), library.competencies)


def status(workspace, trainee, library, scenario_id):
    rows = [r for g in runner.scenario_board(workspace, trainee, library) for r in g.rows]
    return next(r for r in rows if r.scenario.id == scenario_id)


def test_the_library_is_loaded_once_at_start_up(app, library):
    assert library is app.extensions["scenario_library"]
    assert FIRST in library.scenarios


def test_a_scenario_opens_once_its_prerequisite_is_passed(desk, library):
    workspace, trainee = desk
    assert status(workspace, trainee, library, FIRST).status is runner.Status.NOT_STARTED
    locked = status(workspace, trainee, library, AFTER_FIRST)
    assert [s.id for s in locked.locked_by] == [FIRST]
    with pytest.raises(runner.ScenarioLocked):
        runner.begin_scenario(workspace, trainee, library, AFTER_FIRST)

    attempt = runner.begin_scenario(workspace, trainee, library, FIRST)
    assert status(workspace, trainee, library, FIRST).status is runner.Status.IN_PROGRESS
    solve(workspace, trainee, attempt, library.scenarios[FIRST].solution)
    runner.check_own(workspace, trainee, library, attempt.id)

    passed = status(workspace, trainee, library, FIRST)
    assert passed.status is runner.Status.PASSED and passed.score == 1.0
    assert not status(workspace, trainee, library, AFTER_FIRST).is_locked


def test_starting_places_the_items_in_the_trainee_s_own_workspace(desk, library):
    workspace, trainee = desk
    attempt = runner.begin_scenario(workspace, trainee, library, FIRST)
    item = db.session.get(Feedback, attempt.placed["items"]["A"])
    assert item.workspace_id == workspace.id and item.institution_id == trainee.institution_id


def test_the_panel_shows_the_step_to_do_and_the_hints_opened(desk, library):
    workspace, trainee = desk
    assert runner.panel_for(workspace, trainee, library) is None
    attempt = runner.begin_scenario(workspace, trainee, library, FIRST)
    panel = runner.panel_for(workspace, trainee, library)
    assert panel.step.id == "thibitisha" and panel.hints == () and panel.total == 2
    open_hint(attempt, library.scenarios[FIRST], "thibitisha")
    panel = runner.panel_for(workspace, trainee, library)
    assert len(panel.hints) == 1 and panel.next_hint.cost == 0.25


def test_an_action_passes_a_step_at_once_and_only_once(desk, library):
    workspace, trainee = desk
    attempt = runner.begin_scenario(workspace, trainee, library, FIRST)
    assert runner.check_after_action(workspace, trainee, library) == []
    solve(workspace, trainee, attempt, [acknowledge("A")])
    passed = runner.check_after_action(workspace, trainee, library)
    assert [s.id for s in passed] == ["thibitisha"]
    assert runner.check_after_action(workspace, trainee, library) == []
    db.session.refresh(attempt)
    assert attempt.steps_passed == ["thibitisha"] and 0 < attempt.score < 1


def test_an_action_on_an_item_the_checks_do_not_read_checks_nothing(desk, library):
    workspace, trainee = desk
    attempt = runner.begin_scenario(workspace, trainee, library, FIRST)
    solve(workspace, trainee, attempt, [acknowledge("A")])
    item = attempt.placed["items"]["A"]
    other = attempt.placed["first_new_id"] - 2  # an older item: not the scenario's
    assert other != item
    assert runner.check_after_action(workspace, trainee, library, item_id=other) == []
    assert attempt.steps_passed == [] and attempt.checked_wall is None
    passed = runner.check_after_action(workspace, trainee, library, item_id=item)
    assert [s.id for s in passed] == ["thibitisha"]


def test_retrying_a_step_restores_only_the_items_its_checks_read(desk, two_items):
    workspace, trainee = desk
    attempt = runner.begin_scenario(workspace, trainee, two_items, "mfano")
    solve(workspace, trainee, attempt, [acknowledge("A")])
    runner.check_own(workspace, trainee, two_items, attempt.id)
    assert attempt.steps_passed == ["thibitisha"]
    old_a, b = attempt.placed["items"]["A"], attempt.placed["items"]["B"]
    others = db.session.scalar(sa.select(sa.func.count(Feedback.id)))

    runner.retry_step(workspace, trainee, two_items, attempt.id, "thibitisha")

    new_a = attempt.placed["items"]["A"]
    assert new_a != old_a and attempt.placed["items"]["B"] == b
    assert db.session.get(Feedback, new_a).status is Status.RECEIVED
    assert db.session.get(Feedback, b).status is Status.RECEIVED  # untouched, still to do
    db.session.expire_all()
    assert db.session.get(Feedback, old_a) is None
    assert (
        db.session.scalar(sa.select(sa.func.count()).where(FeedbackEvent.feedback_id == old_a)) == 0
    )
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == others
    assert attempt.steps_passed == []


def test_a_completed_attempt_keeps_its_pass_a_retry_is_refused(desk, two_items):
    """Tester's finding: retrying a step of a passed scenario took the pass back."""
    workspace, trainee = desk
    attempt = runner.begin_scenario(workspace, trainee, two_items, "mfano")
    solve(workspace, trainee, attempt, [acknowledge("A"), acknowledge("B")])
    runner.check_own(workspace, trainee, two_items, attempt.id)
    assert attempt.is_completed and attempt.is_success
    with pytest.raises(AttemptRefused, match="Restart it to do it again"):
        runner.retry_step(workspace, trainee, two_items, attempt.id, "thibitisha")
    with pytest.raises(AttemptRefused, match="hints no longer open"):  # nor a hint (tester)
        open_hint(attempt, two_items.scenarios["mfano"], "thibitisha")
    db.session.expire_all()
    assert db.session.get(type(attempt), attempt.id).hints_opened == {}
    assert db.session.get(type(attempt), attempt.id).is_success
    again = runner.begin_scenario(workspace, trainee, two_items, "mfano")  # a restart instead
    statuses = runner.attempts_by_scenario(workspace, trainee)["mfano"]
    assert runner.status_of(statuses)[0] is runner.Status.PASSED and again.is_current


def test_restarting_restores_the_items_and_keeps_the_earlier_attempt(desk, library):
    workspace, trainee = desk
    first = runner.begin_scenario(workspace, trainee, library, FIRST)
    solve(workspace, trainee, first, [acknowledge("A")])
    runner.check_own(workspace, trainee, library, first.id)
    old_item = first.placed["items"]["A"]

    second = runner.begin_scenario(workspace, trainee, library, FIRST)

    assert second.id != first.id and second.is_current and not first.is_current
    assert first.score > 0  # the earlier attempt and its result stay in history
    db.session.expire_all()
    assert db.session.get(Feedback, old_item) is None
    assert db.session.get(Feedback, second.placed["items"]["A"]).status is Status.RECEIVED
    assert runner.active_attempt(workspace, trainee).id == second.id
    assert db.session.scalar(sa.select(sa.func.count(ScenarioAttempt.id))) == 2


def test_another_trainee_s_attempt_is_not_found(desk, library, make_workspace):
    workspace, trainee = desk
    attempt = runner.begin_scenario(workspace, trainee, library, FIRST)
    other = make_workspace("other")
    with pytest.raises(runner.AttemptNotFound):
        runner.own_attempt(other, trainee, attempt.id)
    with pytest.raises(runner.AttemptNotFound):
        runner.own_attempt(workspace, trainee, attempt.id + 1000)


def test_a_step_passed_without_the_trainee_s_doing_is_not_announced_after_another_item(
    desk, library
):
    """Tester's finding: a directive on item A announced "do not escalate the others" (a step
    about B and C that passed because nothing happened to them) as just passed."""
    workspace, trainee = desk
    shipped = library.scenarios["read-the-dashboard"].model_copy(update={"prerequisites": []})
    alone = Library(MappingProxyType({shipped.id: shipped}), library.competencies)
    attempt = runner.begin_scenario(workspace, trainee, alone, shipped.id)
    solve(workspace, trainee, attempt, [acts.Note(do="note", item="A", text="Tazama.")])
    a_id = attempt.placed["items"]["A"]
    announced = runner.check_after_action(workspace, trainee, alone, a_id)
    db.session.expire_all()
    stored = db.session.get(type(attempt), attempt.id).steps_passed
    assert "not-the-others" in stored and "not-the-others" not in [s.id for s in announced]
