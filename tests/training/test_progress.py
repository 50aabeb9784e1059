"""Progress statements recorded by the actions themselves, in order, append-only; the help flag."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import HelpRequest, ScenarioAttempt, XapiStatement
from sandbox.progress import Verb, problems
from sandbox.services.training.attempts import (
    AttemptRefused,
    check_attempt,
    open_hint,
    placed_of,
    start_attempt,
)
from sandbox.services.training.help import ask_for_help, open_help_request, withdraw_help
from sandbox.services.training.joining import shown_code
from sandbox.services.training.progress import record_event, statements_of
from sandbox.services.training.replay import replay

ADL = "http://adlnet.gov/expapi/verbs/"
BASE = "https://mrejesho-sandbox.invalid"


def verbs(user) -> list[str]:
    """The short names of the user's statements' verbs, in the order they were recorded."""
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in statements_of(user)]


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count(XapiStatement.id)))


def test_each_action_records_its_statements_in_order(desk, shipped):
    workspace, trainee = desk
    scenario = shipped("kuthibitisha-kwa-wakati")
    attempt = start_attempt(workspace, trainee, scenario)
    assert verbs(trainee) == ["launched"]
    open_hint(attempt, scenario, "thibitisha")
    assert verbs(trainee) == ["launched", "viewed"]
    check_attempt(attempt, scenario, workspace, trainee)  # nothing done yet
    assert verbs(trainee) == ["launched", "viewed", "attempted"]
    replay(workspace, trainee, placed_of(attempt), scenario.solution)
    outcome = check_attempt(attempt, scenario, workspace, trainee)
    assert verbs(trainee)[3:] == [
        "attempted", "progressed", "progressed", "completed", "passed",
    ]  # fmt: skip
    statements = statements_of(trainee)
    for statement in statements:
        assert problems(statement) == []
        assert statement["context"]["registration"] == attempt.registration
        assert statement["actor"]["account"] == {"homePage": BASE, "name": f"user-{trainee.id}"}
    first, second = statements[4]["object"]["id"], statements[5]["object"]["id"]
    assert first.endswith("/steps/thibitisha") and second.endswith("/steps/panga-na-anza")
    final = statements[-1]["result"]
    assert final["success"] is True and final["completion"] is True
    assert final["score"]["scaled"] == outcome.score == attempt.score
    assert final["duration"].startswith("PT")
    rows = db.session.scalars(sa.select(XapiStatement).order_by(XapiStatement.id)).all()
    assert {r.attempt_id for r in rows} == {attempt.id}
    assert [r.statement_id for r in rows] == [s["id"] for s in statements]


def test_a_check_with_nothing_new_records_only_the_attempt(desk, shipped):
    workspace, trainee = desk
    scenario = shipped("kuthibitisha-kwa-wakati")
    attempt = start_attempt(workspace, trainee, scenario)
    replay(workspace, trainee, placed_of(attempt), scenario.solution)
    check_attempt(attempt, scenario, workspace, trainee)
    before = len(verbs(trainee))
    check_attempt(attempt, scenario, workspace, trainee)
    assert verbs(trainee)[before:] == ["attempted"]


def test_completed_below_the_pass_mark_is_failed(desk, scenario_from):
    workspace, trainee = desk
    step = {
        "id": "thibitisha",
        "instruction": {"sw": "Thibitisha.", "en": "Acknowledge."},
        "hints": [{"text": {"sw": "Foleni.", "en": "Queue."}, "cost": 0.5}],
        "checks": [
            {
                "type": "item_status",
                "params": {"item": "A", "status": "acknowledged"},
                "failure": {"sw": "{item}", "en": "{item}"},
            }
        ],
    }
    scenario = scenario_from(steps=[step], pass_mark=0.9)
    attempt = start_attempt(workspace, trainee, scenario)
    open_hint(attempt, scenario, "thibitisha")
    replay(workspace, trainee, placed_of(attempt), scenario.solution)
    check_attempt(attempt, scenario, workspace, trainee)
    assert verbs(trainee) == [
        "launched",
        "viewed",
        "attempted",
        "progressed",
        "completed",
        "failed",
    ]
    assert statements_of(trainee)[-1]["result"]["score"] == {"scaled": 0.5}


def test_the_log_is_append_only(desk, shipped):
    workspace, trainee = desk
    start_attempt(workspace, trainee, shipped("pongezi-kama-pongezi"))
    row = db.session.scalars(sa.select(XapiStatement)).one()
    row.verb = "http://adlnet.gov/expapi/verbs/passed"
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalars(sa.select(XapiStatement)).one())
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()
    assert count() == 1


def test_a_refused_action_records_nothing(desk, shipped):
    workspace, trainee = desk
    scenario = shipped("kuthibitisha-kwa-wakati")
    attempt = start_attempt(workspace, trainee, scenario)
    open_hint(attempt, scenario, "thibitisha")
    open_hint(attempt, scenario, "thibitisha")
    before = count()
    with pytest.raises(AttemptRefused):
        open_hint(attempt, scenario, "thibitisha")  # only two hints
    with pytest.raises(AttemptRefused):
        check_attempt(attempt, shipped("pongezi-kama-pongezi"), workspace, trainee)
    db.session.rollback()
    assert count() == before == 3


def test_a_cohort_trainee_is_their_personal_code_and_nothing_personal(make_trainee, shipped):
    asha = make_trainee("Asha Mushi", home_institution="Halmashauri ya Bahi", phone="0712345678")
    scenario = shipped("pongezi-kama-pongezi")
    start_attempt(asha.workspace, asha.user, scenario)
    (statement,) = statements_of(asha.user)
    assert statement["actor"]["account"]["name"] == shown_code(asha)
    grouping = statement["context"]["contextActivities"]["grouping"]
    assert grouping[0]["id"] == f"{BASE}/xapi/cohorts/{asha.cohort_id}"
    assert statement["context"]["language"] == "sw"  # the cohort's, outside a request
    text = json.dumps(statement)
    for personal in ("Asha", "Mushi", "0712345678", "712345678", "Bahi", asha.user.username):
        assert personal not in text


def test_help_is_asked_once_withdrawn_and_asked_again(desk, shipped):
    workspace, trainee = desk
    scenario = shipped("kuthibitisha-kwa-wakati")
    attempt = start_attempt(workspace, trainee, scenario)
    asked = ask_for_help(trainee)
    assert asked.asked_at is not None and asked.withdrawn_at is None
    assert asked.scenario_id == scenario.id and asked.attempt_id == attempt.id
    assert ask_for_help(trainee).id == asked.id  # asking twice keeps one open request
    statement = statements_of(trainee)[-1]
    assert statement["id"] == asked.statement_id
    assert statement["verb"]["id"] == ADL + "asked"
    assert statement["object"]["id"] == f"{BASE}/xapi/help"
    assert statement["context"]["registration"] == attempt.registration
    withdrawn = withdraw_help(trainee)
    assert withdrawn.id == asked.id and withdrawn.withdrawn_at is not None
    assert open_help_request(trainee) is None
    last = statements_of(trainee)[-1]
    assert last["object"] == {"objectType": "StatementRef", "id": asked.statement_id}
    assert problems(last) == []
    assert withdraw_help(trainee) is None  # nothing open: nothing recorded
    assert verbs(trainee) == ["launched", "asked", "withdrew"]
    again = ask_for_help(trainee)
    assert again.id != asked.id
    assert db.session.scalar(sa.select(sa.func.count(HelpRequest.id))) == 2


def test_help_outside_a_scenario_has_no_registration(desk):
    _, trainee = desk
    request = ask_for_help(trainee)
    assert request.scenario_id is None
    (statement,) = statements_of(trainee)
    assert "registration" not in statement["context"] and problems(statement) == []


def test_the_attempt_carries_its_registration_uuid(desk, shipped):
    workspace, trainee = desk
    scenario = shipped("pongezi-kama-pongezi")
    first = start_attempt(workspace, trainee, scenario)
    second = start_attempt(workspace, trainee, scenario)
    db.session.expire_all()
    regs = db.session.scalars(sa.select(ScenarioAttempt.registration)).all()
    assert len(set(regs)) == 2 and first.registration in regs and second.registration in regs


def test_the_runner_records_its_own_events_in_its_own_transaction(desk, shipped):
    workspace, trainee = desk
    scenario = shipped("kuthibitisha-kwa-wakati")
    attempt = start_attempt(workspace, trainee, scenario)
    statement_id = record_event(attempt, scenario, Verb.ATTEMPTED, step_id="thibitisha")
    db.session.rollback()  # the runner's action failed: its statement goes with it
    assert verbs(trainee) == ["launched"]
    statement_id = record_event(attempt, scenario, Verb.ATTEMPTED, step_id="thibitisha")
    db.session.commit()
    last = statements_of(trainee)[-1]
    assert last["id"] == statement_id and problems(last) == []
    assert last["object"]["id"].endswith("/steps/thibitisha")
    assert last["context"]["contextActivities"]["parent"][0]["id"].endswith(
        "/kuthibitisha-kwa-wakati"
    )
