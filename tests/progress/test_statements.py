"""The pure xAPI package: every statement kind the sandbox writes validates, and the
validator refuses what the specification (and the sandbox's no-personal-data rule) forbid."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta

import pytest

from sandbox.progress import (
    AttemptContext,
    InvalidStatement,
    Outcome,
    Trainee,
    Verb,
    build_statement,
    cohort_activity,
    help_activity,
    hint_activity,
    problems,
    scenario_activity,
    step_activity,
    validate,
)
from sandbox.progress.timefmt import iso_duration, iso_timestamp
from sandbox.scenarios.schema import Scenario
from tests.scenarios.factories import MINIMAL

BASE = "https://mrejesho-sandbox.invalid"
REGISTRATION = "0f8b1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4"
WALL = datetime(2026, 11, 30, 17, 36, 16)
SANDBOX = datetime(2026, 11, 9, 10, 15)
ASHA = Trainee("KXP-4TM")


@pytest.fixture
def scenario() -> Scenario:
    data = copy.deepcopy(MINIMAL)
    data["steps"][0]["hints"] = [{"text": {"sw": "Angalia foleni.", "en": "Look at the queue."}}]
    return Scenario.model_validate(data)


def context(scenario, **changes) -> AttemptContext:
    values = {
        "language": "sw",
        "registration": REGISTRATION,
        "cohort": cohort_activity(BASE, 3, "Warsha ya Dodoma"),
        "revision": str(scenario.version),
        "sandbox_time": SANDBOX,
    }
    return AttemptContext(**(values | changes))


def every_kind(scenario) -> dict[Verb, dict]:
    """One statement of each kind the service writes."""
    whole = scenario_activity(BASE, scenario)
    step = step_activity(BASE, scenario, "thibitisha")
    hint = hint_activity(BASE, scenario, "thibitisha", 1)
    result = Outcome(
        0.75, success=False, completion=True, duration=timedelta(minutes=4, seconds=30)
    )

    def make(verb, target, outcome=None, **changes):
        return build_statement(
            BASE, ASHA, verb, target, context(scenario, **changes), WALL, outcome
        )

    asked = make(Verb.ASKED, help_activity(BASE), parents=(whole,))
    return {
        Verb.LAUNCHED: make(Verb.LAUNCHED, whole),
        Verb.VIEWED: make(Verb.VIEWED, hint, parents=(step, whole)),
        Verb.ATTEMPTED: make(Verb.ATTEMPTED, whole, result),
        Verb.PROGRESSED: make(Verb.PROGRESSED, step, Outcome(success=True, completion=True)),
        Verb.COMPLETED: make(Verb.COMPLETED, whole, result),
        Verb.PASSED: make(Verb.PASSED, whole, result),
        Verb.FAILED: make(Verb.FAILED, whole, result),
        Verb.ASKED: asked,
        Verb.WITHDREW: make(Verb.WITHDREW, asked["id"], revision=None),
    }


def test_every_kind_of_statement_validates(scenario):
    statements = every_kind(scenario)
    assert set(statements) == set(Verb)
    for verb, statement in statements.items():
        assert problems(statement) == [], verb
        json.dumps(statement)  # plain JSON, as stored


def test_a_statement_has_the_agreed_shape(scenario):
    statement = every_kind(scenario)[Verb.ATTEMPTED]
    assert statement["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": BASE, "name": "KXP-4TM"},
    }
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attempted"
    assert statement["verb"]["display"] == {"sw": "alijaribu", "en": "attempted"}
    assert statement["object"]["id"] == f"{BASE}/xapi/scenarios/mfano"
    assert statement["object"]["definition"]["name"] == {"sw": "Mfano", "en": "Example"}
    assert (
        statement["object"]["definition"]["type"]
        == "http://adlnet.gov/expapi/activities/simulation"
    )
    assert statement["result"] == {
        "score": {"scaled": 0.75},
        "success": False,
        "completion": True,
        "duration": "PT4M30S",
    }
    ctx = statement["context"]
    assert ctx["registration"] == REGISTRATION and ctx["language"] == "sw"
    assert ctx["contextActivities"]["grouping"][0]["id"] == f"{BASE}/xapi/cohorts/3"
    assert ctx["extensions"] == {
        f"{BASE}/xapi/extensions/sandbox-time": "2026-11-09T10:15:00.000+03:00"
    }
    assert statement["timestamp"] == "2026-11-30T17:36:16.000+03:00"


def test_steps_hints_and_the_help_request_have_their_own_ids(scenario):
    statements = every_kind(scenario)
    assert (
        statements[Verb.PROGRESSED]["object"]["id"]
        == f"{BASE}/xapi/scenarios/mfano/steps/thibitisha"
    )
    hint = statements[Verb.VIEWED]
    assert hint["object"]["id"].endswith("/steps/thibitisha/hints/1")
    assert hint["verb"]["id"] == "http://id.tincanapi.com/verb/viewed"
    assert [p["id"] for p in hint["context"]["contextActivities"]["parent"]] == [
        f"{BASE}/xapi/scenarios/mfano/steps/thibitisha",
        f"{BASE}/xapi/scenarios/mfano",
    ]
    assert statements[Verb.ASKED]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/asked"
    withdrew = statements[Verb.WITHDREW]
    assert withdrew["object"] == {"objectType": "StatementRef", "id": statements[Verb.ASKED]["id"]}
    assert withdrew["verb"]["id"] == f"{BASE}/xapi/verbs/withdrew"


def test_each_statement_gets_its_own_uuid(scenario):
    a, b = (every_kind(scenario)[Verb.LAUNCHED]["id"] for _ in range(2))
    assert a != b


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (timedelta(0), "PT0S"),
        (timedelta(minutes=4, seconds=30), "PT4M30S"),
        (timedelta(hours=26, seconds=5), "PT26H5S"),
        (timedelta(seconds=1.25), "PT1.25S"),
        (timedelta(hours=1), "PT1H"),
        (timedelta(seconds=-3), "PT0S"),
    ],
)
def test_durations_are_iso_8601(span, expected):
    assert iso_duration(span) == expected


def test_a_naive_time_is_east_africa_time():
    assert iso_timestamp(datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02T03:04:05.000+03:00"


# The validator refuses what the specification forbids: each case breaks one rule.


def broken(statement: dict, path: str, value=...) -> dict:
    """A copy with the value at ``path`` (dots) replaced, or removed when ``value`` is ``...``."""
    copy_ = copy.deepcopy(statement)
    *parents, last = path.split(".")
    node = copy_
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return copy_


CASES = {
    "no actor": ("actor", ...),
    "no verb": ("verb", ...),
    "no object": ("object", ...),
    "no verb id": ("verb.id", ...),
    "no object id": ("object.id", ...),
    "no account home page": ("actor.account.homePage", ...),
    "no account name": ("actor.account.name", ...),
    "relative verb IRI": ("verb.id", "verbs/attempted"),
    "relative object IRI": ("object.id", "/xapi/scenarios/mfano"),
    "fragment as activity IRI": ("object.id", "#mfano"),
    "IRI with a space": ("object.id", "https://x.invalid/a b"),
    "relative home page": ("actor.account.homePage", "mrejesho-sandbox.invalid"),
    "relative activity type": ("object.definition.type", "simulation"),
    "relative extension key": ("context.extensions", {"sandbox-time": "x"}),
    "bad statement id": ("id", "1234"),
    "bad registration": ("context.registration", "attempt-7"),
    "minutes in a duration without T": ("result.duration", "P4M30S"),
    "duration as a number": ("result.duration", 270),
    "duration in clock form": ("result.duration", "00:04:30"),
    "alternative duration format": ("result.duration", "PT0004:30"),
    "weeks with days": ("result.duration", "P4W1D"),
    "empty duration": ("result.duration", "P"),
    "score above 1": ("result.score.scaled", 1.5),
    "score as a string": ("result.score.scaled", "0.75"),
    "success as a string": ("result.success", "true"),
    "timestamp without zone": ("timestamp", "2026-11-30T17:36:16"),
    "timestamp not ISO": ("timestamp", "30/11/2026 17:36"),
    "bad language tag": ("context.language", "kiswahili sanifu"),
    "bad language map key": ("object.definition.name", {"Swahili language": "Mfano"}),
    "unknown context activity key": ("context.contextActivities.sibling", []),
    "unknown property": ("mood", "happy"),
    "null value": ("result.response", None),
    "wrong key case": ("Actor", {}),
    "personal name in the actor": ("actor.name", "Asha Mushi"),
    "e-mail in the actor": ("actor.mbox", "mailto:asha@example.com"),
    "personal name as the account": ("actor.account.name", "Asha Mushi"),
    "phone as the account": ("actor.account.name", "+255712345678"),
    "group as the actor": ("actor.objectType", "Group"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_validator_refuses(scenario, case):
    good = every_kind(scenario)[Verb.ATTEMPTED]
    assert problems(good) == []
    bad = broken(good, *CASES[case])
    assert problems(bad), case
    with pytest.raises(InvalidStatement):
        validate(bad)


def test_a_problem_names_the_path(scenario):
    good = every_kind(scenario)[Verb.ATTEMPTED]
    found = problems(broken(good, "result.duration", "P4M30S"))
    assert found == ["result.duration: an ISO 8601 duration expected, found 'P4M30S'"]
    named = problems(broken(good, "actor.name", "Asha Mushi"))
    assert "actor.name: the sandbox identifies a trainee by account only" in named


def test_a_statement_ref_needs_a_uuid(scenario):
    withdrew = every_kind(scenario)[Verb.WITHDREW]
    assert problems(broken(withdrew, "object.id", "not-a-uuid"))
    assert problems(broken(withdrew, "context.revision", "1"))  # revision: Activity objects only


def test_the_spec_s_own_duration_examples_validate(scenario):
    good = every_kind(scenario)[Verb.ATTEMPTED]
    for duration in ("PT4H35M59.14S", "P3Y1M29DT4H35M59.14S", "P3Y", "P4W", "PT1234S"):
        assert problems(broken(good, "result.duration", duration)) == [], duration
